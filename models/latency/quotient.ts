import type { Rational } from '../arithmetic/rational.js';
import { countAtMost, rationalsInRange } from '../arithmetic/rational-range.js';
import { indexInSorted } from '../support/sorted.js';
import type { Quotient } from '../family.js';
import type { RationalRangeSpec } from './arbitraries.js';
import { compareInit, type LatencyCandidateG, type LatencyInit, type LatencyParams } from './candidate.js';
import { compareRationalByHeight } from './order.js';
import { coordinateViolation, THETA_KEYS, type Theta, type ThetaKey } from './params.js';

/**
 * Every candidate of a latency box, listed in the family's minimality order (`compareLatency`:
 * θ coordinate by coordinate, each by height then value, then the input). The family declares
 * no invariances, so each candidate is its own class, and the order is lexicographic over
 * per-coordinate lists: the listing is a mixed-radix count over them, which gives the size,
 * any slice and a candidate's position in closed form.
 */

/** What the box allows: θ ranges, the domain option, and the inputs of the conjecture, in order. */
export interface LatencyBox {
  readonly theta: Readonly<Record<ThetaKey, RationalRangeSpec>>;
  readonly physical: boolean;
  /** Every input the conjecture is evaluated at, ascending in `compareInit`. */
  readonly inputs: readonly LatencyInit[];
}

export class LatencyQuotient implements Quotient<LatencyParams, LatencyInit> {
  readonly invariances = [];
  readonly size: number;

  private constructor(
    /** The values of each θ coordinate, ascending by height, then value. */
    private readonly values: readonly (readonly Rational[])[],
    private readonly physical: boolean,
    private readonly inputs: readonly LatencyInit[],
  ) {
    this.size = values.reduce((n, v) => n * v.length, inputs.length);
  }

  /** The listing of a box, or null when it is too large to list (more than 2⁵³ candidates, or a coordinate with too many values). */
  static of(box: LatencyBox): LatencyQuotient | null {
    let size = box.inputs.length;
    const values: Rational[][] = [];
    // Shortest lists first, so that a box too large to list is seen before its longest list is built.
    const keys = THETA_KEYS.map((key, k) => ({ key, k })).sort((a, b) => countAtMost(box.theta[a.key]) - countAtMost(box.theta[b.key]));
    for (const { key, k } of keys) {
      const list = rationalsInRange(box.theta[key], (v) => coordinateViolation(key, v) === null);
      if (list === null) return null;
      values[k] = list;
      size *= list.length;
      if (size > Number.MAX_SAFE_INTEGER) return null;
    }
    return new LatencyQuotient(values, box.physical, box.inputs);
  }

  *candidates(): Iterable<LatencyCandidateG> {
    yield* this.slice(0, this.size);
  }

  *slice(from: number, to: number): Iterable<LatencyCandidateG> {
    for (let position = Math.max(0, from); position < Math.min(to, this.size); position++) yield this.at(position);
  }

  representative(c: LatencyCandidateG): LatencyCandidateG {
    return c;
  }

  /** c's position in the listing (null when c lies outside the box). */
  countBelow(c: LatencyCandidateG): number | null {
    if (c.params.physical !== this.physical) return null;
    let position = 0;
    for (let k = 0; k < THETA_KEYS.length; k++) {
      const at = indexInSorted(this.values[k], c.params.theta[THETA_KEYS[k]], compareRationalByHeight);
      if (at < 0) return null;
      position = position * this.values[k].length + at;
    }
    const input = indexInSorted(this.inputs, c.init, compareInit);
    return input < 0 ? null : position * this.inputs.length + input;
  }

  /** The candidate at a position: the inputs are the last digit, Pmax the first. */
  private at(position: number): LatencyCandidateG {
    const inputs = this.inputs.length;
    const init = this.inputs[position % inputs];
    let rest = Math.floor(position / inputs);
    const theta = {} as Record<ThetaKey, Rational>;
    for (let k = THETA_KEYS.length - 1; k >= 0; k--) {
      const list = this.values[k];
      theta[THETA_KEYS[k]] = list[rest % list.length];
      rest = Math.floor(rest / list.length);
    }
    return { params: { theta: theta as Theta, physical: this.physical }, init };
  }
}
