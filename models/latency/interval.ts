import { Decimal } from 'decimal.js';
import type { Rational } from '../arithmetic/rational.js';

/**
 * Outward-rounded interval arithmetic on decimal.js (SPEC-serving A.6).
 *
 * A context fixes a precision in bits (64, 128, …, 4096), converted to
 * `digits = ⌈bits·log₁₀2⌉` significant decimal digits, and owns two decimal.js
 * constructors of that precision: one rounding toward −∞ (lower endpoints) and
 * one toward +∞ (upper endpoints). decimal.js rounds the exact result of
 * `plus`, `minus`, `times` and `div` in the constructor's rounding mode, so every
 * endpoint of a sum, difference, product or quotient is a rigorous bound.
 * Precision belongs to the context (`Decimal.clone`), never to the global Decimal.
 *
 * Exponentials. decimal.js documents `exp` as correctly rounded. We rely on a
 * weaker claim: computed at `q = digits + 10` digits (round half-even), its
 * result is within one unit in the last place, i.e. within a relative 10^(1−q)
 * of e^x. The enclosure multiplies by (1 − 10^(2−q)) rounding down and by
 * (1 + 10^(2−q)) rounding up: ten times that error. Since e^x is increasing,
 * [exp↓(lo), exp↑(hi)] ⊇ {e^x : x ∈ [lo, hi]}. Underflow: decimal.js returns 0
 * for e^x with x ≤ −10^18; the upper bound is then the smallest positive decimal
 * (1e−9e15 > e^(−10^18)). `oneMinusExpNeg` also intersects with the analytic
 * bounds x − x²/2 ≤ 1 − e^(−x) ≤ x (x ≥ 0), which keep it positive for tiny x.
 */
export const PRECISION_LADDER_BITS: readonly number[] = [64, 128, 256, 512, 1024, 2048, 4096];

export function digitsForBits(bits: number): number {
  return Math.ceil(bits * Math.log10(2));
}

const EXP_GUARD_DIGITS = 10;
const SMALLEST_POSITIVE = '1e-9000000000000000';

export class IntervalContext {
  readonly bits: number;
  readonly digits: number;
  /** Rounds toward −∞. */
  readonly Down: Decimal.Constructor;
  /** Rounds toward +∞. */
  readonly Up: Decimal.Constructor;
  private readonly Exp: Decimal.Constructor;
  private readonly expRelErr: Decimal;
  private readonly expCache = new Map<string, Interval>();

  constructor(bits: number) {
    if (!Number.isSafeInteger(bits) || bits < 16) throw new RangeError(`precision must be an integer ≥ 16 bits (got ${bits})`);
    this.bits = bits;
    this.digits = digitsForBits(bits);
    const common = { toExpNeg: -7, toExpPos: 21, minE: -9e15, maxE: 9e15 };
    this.Down = Decimal.clone({ ...common, precision: this.digits, rounding: Decimal.ROUND_FLOOR });
    this.Up = Decimal.clone({ ...common, precision: this.digits, rounding: Decimal.ROUND_CEIL });
    this.Exp = Decimal.clone({ ...common, precision: this.digits + EXP_GUARD_DIGITS, rounding: Decimal.ROUND_HALF_EVEN });
    this.expRelErr = new this.Exp(10).pow(2 - (this.digits + EXP_GUARD_DIGITS));
  }

  /** The exact point [v, v] when v has few digits; otherwise the tightest enclosure at this precision. */
  fromRational(r: Rational): Interval {
    const n = r.num.toString();
    const d = r.den.toString();
    if (d === '1') return new Interval(this, this.Down.add(0, n), this.Up.add(0, n));
    return new Interval(this, this.Down.div(n, d), this.Up.div(n, d));
  }

  fromInteger(n: number | bigint): Interval {
    const s = BigInt(n).toString();
    return new Interval(this, this.Down.add(0, s), this.Up.add(0, s));
  }

  /** e^x for an interval x. */
  exp(x: Interval): Interval {
    return new Interval(this, this.expDown(x.lo), this.expUp(x.hi));
  }

  /** e^(−r) for a rational r, cached per context (the models reuse e^(−kB·B) and e^(−kS·S)). */
  expNeg(r: Rational): Interval {
    const key = r.toString();
    const hit = this.expCache.get(key);
    if (hit) return hit;
    const value = this.exp(this.fromRational(r).neg());
    this.expCache.set(key, value);
    return value;
  }

  /** 1 − e^(−r) for a rational r ≥ 0, intersected with [r − r²/2, r]. */
  oneMinusExpNeg(r: Rational): Interval {
    if (r.sign() < 0) throw new RangeError(`oneMinusExpNeg needs r ≥ 0 (got ${r.toString()})`);
    const e = this.expNeg(r);
    const x = this.fromRational(r);
    let lo = this.Down.sub(1, e.hi);
    let hi = this.Up.sub(1, e.lo);
    const series = this.Down.sub(x.lo, this.Up.div(this.Up.mul(x.hi, x.hi), 2));
    if (series.gt(lo)) lo = series;
    if (x.hi.lt(hi)) hi = x.hi;
    return new Interval(this, lo, hi);
  }

  private expDown(x: Decimal): Decimal {
    const e = this.Exp.exp(x);
    if (!e.isFinite()) throw new RangeError(`e^${x.toString()} overflows`);
    if (e.isZero()) return new this.Down(0);
    return this.Down.mul(e, this.Down.sub(1, this.expRelErr));
  }

  private expUp(x: Decimal): Decimal {
    const e = this.Exp.exp(x);
    if (!e.isFinite()) throw new RangeError(`e^${x.toString()} overflows`);
    if (e.isZero()) return new this.Up(SMALLEST_POSITIVE);
    return this.Up.mul(e, this.Up.add(1, this.expRelErr));
  }
}

/** A closed interval [lo, hi] of decimals, lo ≤ hi, bound to the context that made it. */
export class Interval {
  constructor(
    readonly ctx: IntervalContext,
    readonly lo: Decimal,
    readonly hi: Decimal,
  ) {
    if (lo.isNaN() || hi.isNaN() || lo.gt(hi)) throw new RangeError(`not an interval: [${lo.toString()}, ${hi.toString()}]`);
  }

  add(o: Interval | Rational): Interval {
    const b = this.lift(o);
    return new Interval(this.ctx, this.ctx.Down.add(this.lo, b.lo), this.ctx.Up.add(this.hi, b.hi));
  }

  sub(o: Interval | Rational): Interval {
    const b = this.lift(o);
    return new Interval(this.ctx, this.ctx.Down.sub(this.lo, b.hi), this.ctx.Up.sub(this.hi, b.lo));
  }

  neg(): Interval {
    return new Interval(this.ctx, this.hi.neg(), this.lo.neg());
  }

  mul(o: Interval | Rational): Interval {
    const b = this.lift(o);
    const { Down, Up } = this.ctx;
    const pairs: [Decimal, Decimal][] = [
      [this.lo, b.lo],
      [this.lo, b.hi],
      [this.hi, b.lo],
      [this.hi, b.hi],
    ];
    const los = pairs.map(([x, y]) => Down.mul(x, y));
    const his = pairs.map(([x, y]) => Up.mul(x, y));
    return new Interval(this.ctx, Decimal.min(...los), Decimal.max(...his));
  }

  /** Throws a RangeError when the divisor contains 0 (callers raise the precision or give up). */
  div(o: Interval | Rational): Interval {
    const b = this.lift(o);
    if (b.containsZero()) throw new DivisorContainsZero(b);
    const { Down, Up } = this.ctx;
    const pairs: [Decimal, Decimal][] = [
      [this.lo, b.lo],
      [this.lo, b.hi],
      [this.hi, b.lo],
      [this.hi, b.hi],
    ];
    return new Interval(this.ctx, Decimal.min(...pairs.map(([x, y]) => Down.div(x, y))), Decimal.max(...pairs.map(([x, y]) => Up.div(x, y))));
  }

  /** {|x| : x ∈ this}. */
  abs(): Interval {
    if (this.lo.gte(0)) return this;
    if (this.hi.lte(0)) return this.neg();
    return new Interval(this.ctx, new this.ctx.Down(0), Decimal.max(this.lo.neg(), this.hi));
  }

  containsZero(): boolean {
    return this.lo.lte(0) && this.hi.gte(0);
  }

  /** −1 or 1 when the interval excludes 0, else null. */
  sign(): -1 | 1 | null {
    if (this.lo.gt(0)) return 1;
    if (this.hi.lt(0)) return -1;
    return null;
  }

  /** Width hi − lo (rounded up). */
  width(): Decimal {
    return this.ctx.Up.sub(this.hi, this.lo);
  }

  /** Midpoint as a double (plots and labelled estimates only). */
  toNumber(): number {
    return (this.lo.toNumber() + this.hi.toNumber()) / 2;
  }

  /** "[lo, hi]" with each endpoint rounded outward to `sig` significant digits (still an enclosure). */
  format(sig = 20): string {
    return `[${formatDown(this.lo, sig)}, ${formatUp(this.hi, sig)}]`;
  }

  private lift(o: Interval | Rational): Interval {
    if (o instanceof Interval) {
      if (o.ctx !== this.ctx) throw new RangeError('intervals of different contexts');
      return o;
    }
    return this.ctx.fromRational(o);
  }
}

export class DivisorContainsZero extends RangeError {
  constructor(readonly divisor: Interval) {
    super(`divisor interval ${divisor.format(8)} contains 0`);
    this.name = 'DivisorContainsZero';
  }
}

export function formatDown(x: Decimal, sig = 20): string {
  return x.isZero() ? '0' : x.toSignificantDigits(sig, Decimal.ROUND_FLOOR).toString();
}

export function formatUp(x: Decimal, sig = 20): string {
  return x.isZero() ? '0' : x.toSignificantDigits(sig, Decimal.ROUND_CEIL).toString();
}
