import { gcd, Rational } from './rational.js';

/** A closed interval of positive rationals with a bound on denominators. */
export interface RationalRange {
  readonly min: Rational;
  readonly max: Rational;
  readonly maxDenominator: number;
}

/** Orders rationals by height max(|p|, q) first, then by value (the minimality order). */
export function compareByHeight(a: Rational, b: Rational): number {
  const ha = a.height();
  const hb = b.height();
  if (ha !== hb) return ha < hb ? -1 : 1;
  return a.compare(b);
}

/** Ceiling of a rational as a bigint. */
function ceil(r: Rational): bigint {
  const q = r.num / r.den;
  return r.num > 0n && q * r.den !== r.num ? q + 1n : q;
}

function floor(r: Rational): bigint {
  const q = r.num / r.den;
  return r.num < 0n && q * r.den !== r.num ? q - 1n : q;
}

/** Ranges with more denominators than this are not walked denominator by denominator. */
export const MOST_WALKED_DENOMINATORS = 1_000_000;

/**
 * Whether a single-value range (min = max) holds its value: its denominator is within the
 * range's, as a walk over denominators would find it; decided without one, so that a value
 * such as 60 + 2⁻²⁰⁰ (maxDenominator then its denominator as a double) is not walked to.
 */
export const listsItself = (range: RationalRange): boolean => Number(range.min.den) <= range.maxDenominator;

/** Numerator bounds for a denominator: every p with min ≤ p/den ≤ max. */
export function numeratorBounds(range: RationalRange, den: number): { lo: bigint; hi: bigint } {
  const d = Rational.fromInteger(den);
  return { lo: ceil(range.min.mul(d)), hi: floor(range.max.mul(d)) };
}

/**
 * Every rational of the range (each once, in lowest terms), ordered by height
 * then value. Stops after `limit` values (the smallest ones).
 */
export function enumerateRange(range: RationalRange, limit = Number.POSITIVE_INFINITY): Rational[] {
  const seen = new Map<string, Rational>();
  for (let den = 1; den <= range.maxDenominator; den++) {
    const { lo, hi } = numeratorBounds(range, den);
    if (hi - lo > 100_000n) throw new RangeError('rational range too large to enumerate');
    for (let p = lo; p <= hi; p++) {
      if (p === 0n) continue;
      const r = Rational.of(p, den);
      seen.set(r.toString(), r);
    }
  }
  return [...seen.values()].sort(compareByHeight).slice(0, limit);
}

/** A range listed by `rationalsInRange` with more values than this is refused (null). */
const MOST_LISTED = 1_000_000;

const denominatorBound = (r: RationalRange): number => Math.max(1, r.maxDenominator, Number(r.min.den), Number(r.max.den));

/** An upper bound of a range's count of values, Σ_{d ≤ q} ((max − min)·d + 1): cheap, before any listing. */
export function countAtMost(r: RationalRange): number {
  if (r.min.equals(r.max)) return 1;
  const q = denominatorBound(r);
  return (r.max.sub(r.min).toNumber() * (q * (q + 1))) / 2 + q;
}

/**
 * Every rational of a range (zero included) with a denominator up to the range's (or its ends',
 * if larger) that `allowed` accepts, ascending by height, then value; a single-value range is
 * that value whatever its denominator. Null when the range has too many values to list.
 */
export function rationalsInRange(r: RationalRange, allowed: (v: Rational) => boolean = () => true): Rational[] | null {
  if (r.min.equals(r.max)) return allowed(r.min) ? [r.min] : [];
  if (countAtMost(r) > MOST_LISTED) return null;
  const out: Rational[] = [];
  for (let den = 1; den <= denominatorBound(r); den++) {
    const { lo, hi } = numeratorBounds(r, den);
    const d = BigInt(den);
    for (let n = lo; n <= hi; n++) {
      if (gcd(n, d) !== 1n) continue; // listed once, in lowest terms
      const v = Rational.of(n, d);
      if (allowed(v)) out.push(v);
    }
  }
  return out.sort(compareByHeight);
}
