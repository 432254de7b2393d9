import { Rational } from './rational.js';

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
