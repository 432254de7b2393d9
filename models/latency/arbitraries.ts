import fc from 'fast-check';
import { Rational } from '../arithmetic/rational.js';
import { THETA_KEYS, type Point, type Theta, type ThetaKey } from './params.js';

/** A closed range [min, max] of rationals with denominators ≤ maxDenominator. */
export interface RationalRangeSpec {
  readonly min: Rational;
  readonly max: Rational;
  readonly maxDenominator: number;
}

const r = (s: string) => Rational.parse(s);

/**
 * Default ranges of the θ arbitrary: scales of the sample data (ms, tokens,
 * requests), small denominators. Positive coordinates never include 0.
 */
export const DEFAULT_THETA_RANGES: Readonly<Record<ThetaKey, RationalRangeSpec>> = {
  Pmax: { min: r('1'), max: r('100'), maxDenominator: 4 },
  kB: { min: r('1/100'), max: r('2'), maxDenominator: 100 },
  kS: { min: r('1/1000'), max: r('1'), maxDenominator: 1000 },
  w0: { min: r('0'), max: r('50'), maxDenominator: 4 },
  w1: { min: r('1/10'), max: r('10'), maxDenominator: 10 },
  tau0: { min: r('0'), max: r('20'), maxDenominator: 4 },
  tauB: { min: r('0'), max: r('1'), maxDenominator: 100 },
  tauS: { min: r('0'), max: r('1/10'), maxDenominator: 1000 },
};

/** A rational p/q with 1 ≤ q ≤ maxDenominator inside [min, max] (min ≤ max). */
export function rationalArb(range: RationalRangeSpec): fc.Arbitrary<Rational> {
  if (range.min.compare(range.max) > 0) throw new RangeError(`empty range ${range.min.toString()}..${range.max.toString()}`);
  return fc.integer({ min: 1, max: Math.max(1, range.maxDenominator) }).chain((q) => {
    const Q = BigInt(q);
    const lo = ceilDiv(range.min.num * Q, range.min.den);
    const hi = floorDiv(range.max.num * Q, range.max.den);
    if (lo > hi) return fc.constant(range.min);
    return fc.bigInt({ min: lo, max: hi }).map((p) => Rational.of(p, Q));
  });
}

/** θ with every coordinate in its range (defaults above; override any). */
export function thetaArb(ranges: Partial<Record<ThetaKey, RationalRangeSpec>> = {}): fc.Arbitrary<Theta> {
  const all = { ...DEFAULT_THETA_RANGES, ...ranges };
  for (const key of ['Pmax', 'kB', 'kS', 'w1'] as const) {
    if (all[key].min.sign() <= 0) throw new RangeError(`θ.${key} range must exclude 0 (min ${all[key].min.toString()})`);
  }
  const record = {} as Record<ThetaKey, fc.Arbitrary<Rational>>;
  for (const key of THETA_KEYS) record[key] = rationalArb(all[key]);
  return fc.record(record);
}

export interface GridBounds {
  readonly Bmax: number;
  readonly Smax: number;
  readonly physical?: boolean;
}

/** A point of the grid 1..Bmax × 1..Smax (S ≥ B when physical; Smax ≥ 1). */
export function pointArb(grid: GridBounds): fc.Arbitrary<Point> {
  const Bmax = grid.physical ? Math.min(grid.Bmax, grid.Smax) : grid.Bmax;
  return fc.integer({ min: 1, max: Bmax }).chain((B) => fc.integer({ min: grid.physical ? B : 1, max: grid.Smax }).map((S) => ({ B, S })));
}

/** Grid bounds with Bmax ≤ maxB and Smax ≤ maxS. */
export function gridArb(maxB = 16, maxS = 64, physical = false): fc.Arbitrary<GridBounds> {
  return fc.record({ Bmax: fc.integer({ min: 1, max: maxB }), Smax: fc.integer({ min: 1, max: maxS }) }).map((g) => ({
    ...g,
    Smax: physical ? Math.max(g.Smax, g.Bmax) : g.Smax,
    physical,
  }));
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a < 0n && q * b !== a ? q - 1n : q;
}
function ceilDiv(a: bigint, b: bigint): bigint {
  return -floorDiv(-a, b);
}
