import { Rational } from '../arithmetic/rational.js';
import { rationalsInRange } from '../arithmetic/rational-range.js';
import type { Quotient } from '../family.js';
import { indexInSorted, lastStartingAtOrBelow } from '../support/sorted.js';
import type { ServingParams } from './params.js';
import type { Request } from './request.js';
import type { IntRange, ServingBoundsSpec, ServingCandidate } from './search-space.js';
import { compareBySize } from './workload.js';

/**
 * Every candidate of a serving box, listed in the family's minimality order
 * (`compareCandidates`: the number of requests n, the total length L = Σ (p + d), M, B,
 * d0, d1, the arrivals request by request, the prefill lengths, then the decode lengths).
 * The family declares no invariances, so each candidate is its own class. For each (n, L)
 * the candidates form a block that is a mixed-radix count over M, B, the (d0, d1) pairs and
 * the arrivals, with the lengths innermost: the (p, d) vectors of total L in lexicographic
 * order, ranked by counting completions. So the size, any slice and a candidate's position
 * are computed, not searched.
 */
export class ServingQuotient implements Quotient<ServingParams, readonly Request[]> {
  readonly invariances = [];
  readonly size: number;
  private readonly blocks: Block[];

  private constructor(
    private readonly b: ServingBoundsSpec,
    /** (d0, d1) ascending (d0 first, each by height then value), without (0, 0): d0 + d1 > 0. */
    private readonly durations: readonly (readonly [Rational, Rational])[],
    private readonly arrivals: readonly Rational[],
  ) {
    const outer = span(b.M) * span(b.B) * durations.length;
    this.blocks = [];
    let start = 0;
    for (let n = b.requests.min; n <= b.requests.max; n++) {
      const lengths = new LengthVectors(n, b.prefill, b.decode);
      const perLength = outer * arrivals.length ** n;
      for (let L = lengths.minTotal; L <= lengths.maxTotal; L++) {
        const count = perLength * lengths.count(L);
        if (count === 0) continue;
        this.blocks.push({ n, L, start, count, lengths });
        start += count;
      }
    }
    this.size = start;
  }

  /** The listing of a box, or null when it is too large to list (more than 2⁵³ candidates, or a range with too many values). */
  static of(b: ServingBoundsSpec): ServingQuotient | null {
    const values = (r: { min: Rational; max: Rational }) => rationalsInRange({ ...r, maxDenominator: b.maxDenominator });
    const d0s = values(b.d0);
    const d1s = values(b.d1);
    const arrivals = values({ min: Rational.ZERO, max: Rational.fromInteger(b.arrivalMax) });
    if (!d0s || !d1s || !arrivals) return null;
    if (d0s.length * d1s.length > 1_000_000) return null;
    // The size without building anything: Σ_n |M|·|B|·|pairs|·(|arrivals|·|p|·|d|)^n.
    const pairs = d0s.length * d1s.length - (d0s[0].isZero() && d1s[0].isZero() ? 1 : 0);
    let size = 0;
    for (let n = b.requests.min; n <= b.requests.max; n++) {
      size += span(b.M) * span(b.B) * pairs * (arrivals.length * span(b.prefill) * span(b.decode)) ** n;
      if (!(size <= Number.MAX_SAFE_INTEGER)) return null;
    }
    const durations = d0s.flatMap((d0) => d1s.filter((d1) => !(d0.isZero() && d1.isZero())).map((d1) => [d0, d1] as const));
    return new ServingQuotient(b, durations, arrivals);
  }

  *candidates(): Iterable<ServingCandidate> {
    yield* this.slice(0, this.size);
  }

  *slice(from: number, to: number): Iterable<ServingCandidate> {
    let k = this.blockAt(Math.max(0, from));
    for (let position = Math.max(0, from); position < Math.min(to, this.size); position++) {
      while (position >= this.blocks[k].start + this.blocks[k].count) k++;
      yield this.at(this.blocks[k], position - this.blocks[k].start);
    }
  }

  representative(c: ServingCandidate): ServingCandidate {
    return c;
  }

  /** c's position in the listing (null when c lies outside the box). */
  countBelow(c: ServingCandidate): number | null {
    const { params, init } = c;
    const n = init.length;
    const L = init.reduce((s, r) => s + r.prefill + r.decode, 0);
    const block = this.blocks.find((x) => x.n === n && x.L === L);
    if (!block || !within(params.M, this.b.M) || !within(params.B, this.b.B)) return null;
    const pair = indexInSorted(this.durations, [params.d0, params.d1] as const, compareDurations);
    const lengths = block.lengths.rank([...init.map((r) => r.prefill), ...init.map((r) => r.decode)]);
    if (pair < 0 || lengths === null) return null;
    let offset = ((params.M - this.b.M.min) * span(this.b.B) + (params.B - this.b.B.min)) * this.durations.length + pair;
    for (const r of init) {
      const a = indexInSorted(this.arrivals, r.arrival, compareBySize);
      if (a < 0) return null;
      offset = offset * this.arrivals.length + a;
    }
    return block.start + offset * block.lengths.count(L) + lengths;
  }

  /** The block holding a position. */
  private blockAt(position: number): number {
    return lastStartingAtOrBelow(this.blocks, position, (b) => b.start);
  }

  /** The candidate at an offset of a block: the length vector is the last digit, M the first. */
  private at(block: Block, offset: number): ServingCandidate {
    const { n, L, lengths } = block;
    const perLengths = lengths.count(L);
    const vector = lengths.unrank(L, offset % perLengths);
    let rest = Math.floor(offset / perLengths);
    const arrivals: Rational[] = new Array(n);
    for (let i = n - 1; i >= 0; i--) {
      arrivals[i] = this.arrivals[rest % this.arrivals.length];
      rest = Math.floor(rest / this.arrivals.length);
    }
    const [d0, d1] = this.durations[rest % this.durations.length];
    rest = Math.floor(rest / this.durations.length);
    const B = this.b.B.min + (rest % span(this.b.B));
    const M = this.b.M.min + Math.floor(rest / span(this.b.B));
    const init = arrivals.map((arrival, id) => ({ id, arrival, prefill: vector[id], decode: vector[n + id] }));
    return { params: { M, B, d0, d1 }, init };
  }
}

interface Block {
  readonly n: number;
  readonly L: number;
  /** Position of the block's first candidate. */
  readonly start: number;
  readonly count: number;
  readonly lengths: LengthVectors;
}

const span = (r: IntRange) => r.max - r.min + 1;
const within = (x: number, r: IntRange) => x >= r.min && x <= r.max;
const compareDurations = (a: readonly [Rational, Rational], b: readonly [Rational, Rational]) => compareBySize(a[0], b[0]) || compareBySize(a[1], b[1]);

/**
 * The vectors (p_0 … p_{n−1}, d_0 … d_{n−1}) with each p in the prefill range and each d in the
 * decode range, by total and then lexicographically — the order of `compareCandidates` once n,
 * L and everything before the lengths are equal. `ways[i][r]`: fillings of positions i.. whose
 * entries exceed their minimums by r in total.
 */
class LengthVectors {
  readonly minTotal: number;
  readonly maxTotal: number;
  private readonly lo: number[];
  private readonly widths: number[];
  private readonly ways: number[][];

  constructor(n: number, prefill: IntRange, decode: IntRange) {
    this.lo = [...Array(n).fill(prefill.min), ...Array(n).fill(decode.min)];
    this.widths = [...Array(n).fill(prefill.max - prefill.min), ...Array(n).fill(decode.max - decode.min)];
    this.minTotal = this.lo.reduce((a, b) => a + b, 0);
    this.maxTotal = this.minTotal + this.widths.reduce((a, b) => a + b, 0);
    const positions = 2 * n;
    const most = this.maxTotal - this.minTotal;
    this.ways = Array.from({ length: positions + 1 }, () => new Array<number>(most + 1).fill(0));
    this.ways[positions][0] = 1;
    for (let i = positions - 1; i >= 0; i--) {
      for (let r = 0; r <= most; r++) {
        let sum = 0;
        for (let v = 0; v <= Math.min(this.widths[i], r); v++) sum += this.ways[i + 1][r - v];
        this.ways[i][r] = sum;
      }
    }
  }

  /** Vectors of total L. */
  count(L: number): number {
    const r = L - this.minTotal;
    return r < 0 || r >= this.ways[0].length ? 0 : this.ways[0][r];
  }

  /** The k-th vector of total L (k from 0). */
  unrank(L: number, k: number): number[] {
    let r = L - this.minTotal;
    const out: number[] = [];
    for (let i = 0; i < this.lo.length; i++) {
      let v = 0;
      for (; v <= Math.min(this.widths[i], r); v++) {
        const completions = this.ways[i + 1][r - v];
        if (k < completions) break;
        k -= completions;
      }
      out.push(this.lo[i] + v);
      r -= v;
    }
    return out;
  }

  /** The position of a vector among those of its total (null when an entry is out of range). */
  rank(vector: readonly number[]): number | null {
    let r = vector.reduce((a, b) => a + b, 0) - this.minTotal;
    let k = 0;
    for (let i = 0; i < this.lo.length; i++) {
      const v = vector[i] - this.lo[i];
      if (v < 0 || v > this.widths[i]) return null;
      for (let below = 0; below < v; below++) k += this.ways[i + 1][r - below];
      r -= v;
    }
    return k;
  }
}
