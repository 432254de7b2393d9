import { compareByHeight, listsItself, MOST_WALKED_DENOMINATORS, numeratorBounds, type RationalRange } from '../arithmetic/rational-range.js';
import { Rational } from '../arithmetic/rational.js';
import type { Invariance, Quotient } from '../family.js';
import type { InitialState } from './initial-state.js';
import { SCALE_B, SCALE_RATES, withParams } from './invariances.js';
import type { Candidate } from './order.js';
import type { ModelParams } from './params.js';
import type { SearchSpace } from './search-space.js';
import { compositionCount } from './grid.js';

type RatePair = readonly [Rational, Rational];

/** The order of rate pairs within the minimality order: λA+λB, then λA, each by height. */
const compareRates = ([a1, b1]: RatePair, [a2, b2]: RatePair) => compareByHeight(a1.add(b1), a2.add(b2)) || compareByHeight(a1, a2);

/** p = λA/(λA+λB) as a key: the class of a pair under `scale-rates`. */
const shareKey = ([a, b]: RatePair) => a.div(a.add(b)).toString();

/**
 * The least rational of a range by height (then value): for each denominator the least
 * numerator in range is the least height with it. Null when the denominators are too many.
 */
export function leastByHeight(range: RationalRange): Rational | null {
  if (range.min.equals(range.max)) return listsItself(range) ? range.min : null;
  if (range.maxDenominator > MOST_WALKED_DENOMINATORS) return null;
  let best: Rational | null = null;
  for (let den = 1; den <= range.maxDenominator; den++) {
    const { lo, hi } = numeratorBounds(range, den);
    if (hi < lo) continue;
    const x = Rational.of(lo > 0n ? lo : 1n, den);
    if (x.compare(range.min) < 0 || x.compare(range.max) > 0) continue;
    if (!best || compareByHeight(x, best) < 0) best = x;
  }
  return best;
}

/**
 * The search space of one conjecture up to the invariances it declares: a class is
 * (lB, lA, l0, a rate class, a budget class, an initial lattice state); its least
 * candidate has the least rates of its share p (under `scale-rates`) and the least
 * budget of the bounds (under `scale-B`), both by height as the minimality order has it.
 */
export class TheoryQuotient implements Quotient<ModelParams, InitialState> {
  readonly size: number;
  private readonly rates: readonly RatePair[];
  private readonly budgets: readonly Rational[];
  private readonly initCounts = new Map<string, number>();

  private constructor(
    private readonly space: SearchSpace,
    readonly invariances: readonly Invariance<ModelParams, InitialState>[],
    rates: readonly RatePair[],
    budgets: readonly Rational[],
  ) {
    this.rates = rates;
    this.budgets = budgets;
    let size = 0;
    for (const { lA, lB } of this.shapes()) size += this.l0Count() * rates.length * budgets.length * this.initCount(lA, lB);
    this.size = size;
  }

  /** The quotient of a space by the invariances among `declared`, or null when its ranges cannot be listed. */
  static of(space: SearchSpace, declared: readonly string[]): TheoryQuotient | null {
    const used = [SCALE_RATES, SCALE_B].filter((i) => declared.includes(i.id));
    const VA = space.lambdaAValues;
    const VB = space.lambdaBValues;
    if (!VA || !VB) return null;
    let rates: RatePair[] = VA.flatMap((a) => VB.map((b) => [a, b] as const)).sort(compareRates);
    if (used.includes(SCALE_RATES)) {
      const seen = new Set<string>();
      rates = rates.filter((pair) => {
        const key = shareKey(pair);
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
    }
    let budgets: readonly Rational[] | null = space.BValues;
    if (used.includes(SCALE_B)) {
      const least = budgets?.[0] ?? leastByHeight(space.bounds.B);
      budgets = least ? [least] : null;
    }
    if (!budgets) return null;
    return new TheoryQuotient(space, used, rates, budgets);
  }

  candidates(): Generator<Candidate> {
    return this.slice(0, this.size);
  }

  /**
   * The classes at positions [from, to): whole blocks of one shape, then of one parameter
   * set (every initial state of it), are skipped by counting, so a slice starts at once.
   */
  *slice(from: number, to: number): Generator<Candidate> {
    let position = 0;
    for (const { lA, lB } of this.shapes()) {
      const inits = this.initCount(lA, lB);
      const perShape = this.l0Count() * this.rates.length * this.budgets.length * inits;
      if (position + perShape <= from) {
        position += perShape;
        continue;
      }
      for (let l0 = this.space.bounds.l0.min; l0 <= this.space.bounds.l0.max; l0++) {
        for (const [lambdaA, lambdaB] of this.rates) {
          for (const B of this.budgets) {
            if (position >= to) return;
            if (position + inits <= from) {
              position += inits;
              continue;
            }
            const params = { l0, lA, lB, B, lambdaA, lambdaB };
            const skip = Math.max(0, from - position);
            position += skip;
            for (const init of this.space.initialStatesInOrder(params, skip)) {
              if (position++ >= to) return;
              yield { params, init };
            }
          }
        }
      }
    }
  }

  representative(c: Candidate): Candidate {
    const p = c.params;
    let params = p;
    if (this.invariances.includes(SCALE_RATES)) {
      const key = shareKey([p.lambdaA, p.lambdaB]);
      const least = this.rates.find((pair) => shareKey(pair) === key);
      if (least && compareRates(least, [p.lambdaA, p.lambdaB]) < 0) params = { ...params, lambdaA: least[0], lambdaB: least[1] };
    }
    if (this.invariances.includes(SCALE_B) && compareByHeight(this.budgets[0], p.B) < 0) params = { ...params, B: this.budgets[0] };
    return params === p ? c : withParams(c, params);
  }

  countBelow(c: Candidate): number | null {
    const p = c.params;
    const classes = this.rates.length * this.budgets.length;
    let below = 0;
    for (const { lA, lB } of this.shapes()) {
      if (lB > p.lB || (lB === p.lB && lA > p.lA)) break;
      const inits = this.initCount(lA, lB);
      if (lB < p.lB || lA < p.lA) {
        below += this.l0Count() * classes * inits;
        continue;
      }
      below += Math.max(0, Math.min(p.l0, this.space.bounds.l0.max + 1) - this.space.bounds.l0.min) * classes * inits;
      const rate: RatePair = [p.lambdaA, p.lambdaB];
      below += this.rates.filter((r) => compareRates(r, rate) < 0).length * this.budgets.length * inits;
      if (!this.rates.some((r) => compareRates(r, rate) === 0)) return below;
      below += this.budgets.filter((b) => compareByHeight(b, p.B) < 0).length * inits;
      if (!this.budgets.some((b) => b.equals(p.B))) return below;
      const before = this.space.initialStatesBefore(p, c.init);
      if (before === null) return null;
      below += before;
    }
    return below;
  }

  private *shapes(): Generator<{ lA: number; lB: number }> {
    for (let lB = this.space.lBMin; lB <= this.space.bounds.lB.max; lB++) {
      for (let lA = this.space.bounds.lA.min; lA <= this.space.lAMax(lB); lA++) yield { lA, lB };
    }
  }

  private l0Count(): number {
    return this.space.bounds.l0.max - this.space.bounds.l0.min + 1;
  }

  /**
   * Initial states per parameter set (`initialStatesInOrder` lists them): the canonical
   * state, balanced lattice points up to scale (the primitive ones but e₀, which is the
   * canonical state), every unbalanced and per-type lattice point. They depend on the
   * stage counts only.
   */
  private initCount(lA: number, lB: number): number {
    const key = `${lA},${lB}`;
    let n = this.initCounts.get(key);
    if (n === undefined) {
      n = this.space.canonicalIncluded ? 1 : 0;
      for (const kind of this.space.kinds) {
        for (let size = 1; size <= this.space.bounds.latticeMax; size++) {
          if (kind === 'balanced') n += primitiveCompositions(size, lB) - (size === 1 ? 1 : 0);
          else if (kind === 'unbalanced') n += compositionCount(size, lB);
          else if (kind === 'per-type') n += compositionCount(size, lA + lB);
        }
      }
      this.initCounts.set(key, n);
    }
    return n;
  }
}

/** Lattice points of one coordinate sum whose coordinates have gcd 1 (Möbius inversion over the common divisor). */
function primitiveCompositions(total: number, parts: number): number {
  let n = 0;
  for (let d = 1; d <= total; d++) if (total % d === 0) n += mobius(d) * compositionCount(total / d, parts);
  return n;
}

function mobius(n: number): number {
  let result = 1;
  for (let p = 2; p * p <= n; p++) {
    if (n % p !== 0) continue;
    n /= p;
    if (n % p === 0) return 0;
    result = -result;
  }
  return n > 1 ? -result : result;
}
