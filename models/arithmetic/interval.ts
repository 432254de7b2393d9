import { UndecidedComparison, type Arithmetic, type UndecidedReason } from './arithmetic.js';
import type { Rational } from './rational.js';

/**
 * Certified enclosures in doubles: a value is known to lie in [lo, hi]. Every operation
 * rounds its bounds outwards, so an enclosure never loses the exact value it stands for;
 * a comparison is answered only when the enclosures prove it, and otherwise throws
 * `UndecidedComparison` (the harness then decides the same work on the exact path).
 *
 * Exact facts ride along for free: a point enclosure (lo = hi) is the exact value, sums of
 * doubles that round to nothing stay points (checked with Knuth's TwoSum), and the SAME
 * object compared with itself is equal, so Theory and Simulation cohorts that the model
 * shares by reference give Δ = 0 exactly (the step views give a state both models share
 * one set of derived values, Gᵀ = Gˢ and the like, as the same objects). Operations are not
 * memoised: a memo keyed by operand identity decided nothing more on the benchmark grids and
 * cost a third of the screening's time, mostly in the garbage collector.
 *
 * A value may also be held relative to a base, an exact positive constant such as the
 * equilibrium level N*: k·base + [lo, hi] with k an integer. Differences of such values
 * cancel the base exactly, so deviations from equilibrium keep their own relative precision
 * however small they get (a plain enclosure of N* + x would carry an error of ulp(N*)). The
 * base is an enclosure object; the same object stands for the same exact constant.
 */
export class Interval {
  private plainForm: Interval | null = null;

  constructor(
    readonly lo: number,
    readonly hi: number,
    /** The value is k·base + [lo, hi] (k = 0: a plain enclosure, base null). */
    readonly k = 0,
    readonly base: Interval | null = null,
  ) {}

  get isPoint(): boolean {
    return this.k === 0 && this.lo === this.hi;
  }

  /** The same value as a plain enclosure (itself when plain). */
  get plain(): Interval {
    if (this.k === 0) return this;
    if (!this.plainForm) {
      const b = this.base!;
      const p = this.k > 0 ? [this.k * b.lo, this.k * b.hi] : [this.k * b.hi, this.k * b.lo];
      this.plainForm = new Interval(down(down(p[0]) + this.lo), up(up(p[1]) + this.hi));
    }
    return this.plainForm;
  }

  toString(): string {
    const offset = this.lo === this.hi ? String(this.lo) : `[${this.lo}, ${this.hi}]`;
    return this.k === 0 ? offset : `${this.k}·${this.base} + ${offset}`;
  }
}

/** k·base + [lo, hi], plain when k = 0. */
export const based = (lo: number, hi: number, k: number, base: Interval): Interval =>
  k === 0 ? (lo === 0 && hi === 0 ? ZERO : new Interval(lo, hi)) : new Interval(lo, hi, k, base);

const EPS = 2 ** -52;
const TINY = Number.MIN_VALUE;
/** A bound strictly below x by at least one ulp (rounding to nearest cannot undo it). */
export const down = (x: number) => x - (Math.abs(x) * EPS + TINY);
/** A bound strictly above x by at least one ulp. */
export const up = (x: number) => x + (Math.abs(x) * EPS + TINY);
/** Below this magnitude, products and quotients of integers are exact doubles. */
const EXACT_INTEGERS = 2 ** 52;

export const ZERO = new Interval(0, 0);
export const ONE = new Interval(1, 1);

const point = (x: number) => (x === 0 ? ZERO : new Interval(x, x));

/** Lower bound of a + b: the rounded sum, moved down by an ulp only when TwoSum shows it rounded up. */
function sumDown(a: number, b: number): number {
  const s = a + b;
  const bb = s - a;
  const err = a - (s - bb) + (b - bb);
  return err < 0 ? down(s) : s;
}

function sumUp(a: number, b: number): number {
  const s = a + b;
  const bb = s - a;
  const err = a - (s - bb) + (b - bb);
  return err > 0 ? up(s) : s;
}

/** Whether a and b can be combined without leaving their base (plain values combine with anything). */
const sameBase = (a: Interval, b: Interval) => a.k === 0 || b.k === 0 || a.base === b.base;

function add(a: Interval, b: Interval): Interval {
  if (a === ZERO) return b;
  if (b === ZERO) return a;
  if (!sameBase(a, b)) return add(a.plain, b.plain);
  const lo = sumDown(a.lo, b.lo);
  const hi = sumUp(a.hi, b.hi);
  return a.k === 0 && b.k === 0 ? new Interval(lo, hi) : based(lo, hi, a.k + b.k, (a.base ?? b.base)!);
}

function sub(a: Interval, b: Interval): Interval {
  if (a === b) return ZERO;
  if (b === ZERO) return a;
  if (!sameBase(a, b)) return sub(a.plain, b.plain);
  const lo = sumDown(a.lo, -b.hi);
  const hi = sumUp(a.hi, -b.lo);
  return a.k === 0 && b.k === 0 ? new Interval(lo, hi) : based(lo, hi, a.k - b.k, (a.base ?? b.base)!);
}

const isSmallInteger = (x: number) => Number.isInteger(x) && Math.abs(x) < EXACT_INTEGERS;

function mul(a: Interval, b: Interval): Interval {
  if (a === ZERO || b === ZERO) return ZERO;
  if (a === ONE) return b;
  if (b === ONE) return a;
  if (a.k !== 0 || b.k !== 0) return mul(a.plain, b.plain);
  if (a.lo === a.hi && b.lo === b.hi) {
    const p = a.lo * b.lo;
    if (isSmallInteger(a.lo) && isSmallInteger(b.lo) && Math.abs(p) < EXACT_INTEGERS) return point(p);
    return new Interval(down(p), up(p));
  }
  const p1 = a.lo * b.lo;
  const p2 = a.lo * b.hi;
  const p3 = a.hi * b.lo;
  const p4 = a.hi * b.hi;
  return new Interval(down(Math.min(p1, p2, p3, p4)), up(Math.max(p1, p2, p3, p4)));
}

function div(a: Interval, b: Interval): Interval {
  if (a.k !== 0 || b.k !== 0) return div(a.plain, b.plain);
  if (b.lo === 0 && b.hi === 0) throw new RangeError(`division by zero (${a} / 0)`);
  if (b.lo <= 0 && b.hi >= 0) throw new UndecidedComparison('bound');
  if (a === ZERO) return ZERO;
  if (b === ONE) return a;
  if (a.lo === a.hi && b.lo === b.hi) {
    const q = a.lo / b.lo;
    if (isSmallInteger(a.lo) && isSmallInteger(b.lo) && isSmallInteger(q) && q * b.lo === a.lo) return point(q);
    return new Interval(down(q), up(q));
  }
  const q1 = a.lo / b.lo;
  const q2 = a.lo / b.hi;
  const q3 = a.hi / b.lo;
  const q4 = a.hi / b.hi;
  return new Interval(down(Math.min(q1, q2, q3, q4)), up(Math.max(q1, q2, q3, q4)));
}

/** Why two overlapping enclosures were not decided: equal midpoints look like an exact tie. */
function reasonFor(a: Interval, b: Interval): UndecidedReason {
  return a.lo + a.hi === b.lo + b.hi ? 'tie' : 'bound';
}

function compare(a: Interval, b: Interval): -1 | 0 | 1 {
  if (a === b) return 0;
  if (a.k !== 0 || b.k !== 0) {
    // With one base on both sides the difference leaves it exactly.
    const d = sub(a, b);
    return d.k === 0 ? sign(d) : compare(a.plain, b.plain);
  }
  if (a.hi < b.lo) return -1;
  if (a.lo > b.hi) return 1;
  if (a.lo === a.hi && b.lo === b.hi && a.lo === b.lo) return 0;
  throw new UndecidedComparison(reasonFor(a, b));
}

function sign(a: Interval): -1 | 0 | 1 {
  if (a.k !== 0) return sign(a.plain);
  if (a.lo > 0) return 1;
  if (a.hi < 0) return -1;
  if (a.lo === 0 && a.hi === 0) return 0;
  throw new UndecidedComparison(a.lo + a.hi === 0 ? 'tie' : 'bound');
}

/** An enclosure of an exact rational: a point for integers that doubles hold, else a few ulps wide. */
function fromRational(r: Rational): Interval {
  return encloseQuotient(r.num, r.den);
}

/**
 * An enclosure of n/d (d > 0), not necessarily in lowest terms (no gcd is paid; an unreduced
 * integer quotient is then enclosed a few ulps wide rather than as a point).
 */
export function encloseQuotient(n: bigint, d: bigint): Interval {
  if (n === 0n) return ZERO;
  const limit = BigInt(EXACT_INTEGERS);
  if (d === 1n && n < limit && n > -limit) return point(Number(n));
  if (n < limit && n > -limit && d < limit) {
    // One rounding: the quotient lies within an ulp of the exact value.
    const q = Number(n) / Number(d);
    return new Interval(down(q), up(q));
  }
  return encloseLargeQuotient(n, d);
}

/** Bits of x > 0, to within 3 (a hexadecimal digit count: linear, and no gcd). */
const roughBits = (x: bigint) => x.toString(16).length * 4;

/**
 * n/d for big integers, a few ulps wide: an integer quotient q of at least 62 bits, so that
 * |n|/d ∈ [q, q + 1]·2^−shift, each end rounded outwards and scaled in two exact steps.
 */
function encloseLargeQuotient(n: bigint, d: bigint): Interval {
  const a = n < 0n ? -n : n;
  const shift = 66 - (roughBits(a) - roughBits(d));
  const q = shift >= 0 ? (a << BigInt(shift)) / d : a / (d << BigInt(-shift));
  const half = Math.trunc(shift / 2);
  const scale = (x: number) => x * 2 ** -half * 2 ** -(shift - half);
  // Number() rounds to nearest: one ulp out covers it. Scaling by powers of two is exact unless
  // it leaves the normal doubles, where one more ulp out covers it.
  const exactly = (x: number) => Math.abs(x) >= 2 ** -1022 && Math.abs(x) !== Infinity;
  const low = scale(down(Number(q)));
  const high = scale(up(Number(q + 1n)));
  // Beyond doubles the enclosure is [largest double, ∞]: sound, and it decides nothing it should not.
  const lo = low === Infinity ? Number.MAX_VALUE : exactly(low) ? low : down(low);
  const hi = exactly(high) ? high : up(high);
  return n < 0n ? new Interval(-hi, -lo) : new Interval(lo, hi);
}

function dot(a: readonly Interval[], b: readonly Interval[]): Interval {
  let acc = ZERO;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === ZERO || b[i] === ZERO) continue;
    acc = add(acc, mul(a[i], b[i]));
  }
  return acc;
}

/**
 * The screening backend of the deciding policy: decides every comparison its enclosures
 * prove, throws `UndecidedComparison` for the rest. It never decides anything wrongly,
 * so `decidesVerdicts` holds; the harness falls back to the exact path when it throws.
 */
export const intervalArithmetic: Arithmetic<Interval> = {
  id: 'interval',
  label: 'certified double enclosures (exact fallback)',
  decidesVerdicts: true,
  zero: ZERO,
  one: ONE,
  fromInteger: (n) => {
    const x = Number(n);
    if (Math.abs(x) < EXACT_INTEGERS && BigInt(x) === BigInt(n)) return point(x);
    return new Interval(down(down(x)), up(up(x)));
  },
  fromRational,
  add,
  sub,
  mul,
  div,
  neg: (a) => (a === ZERO ? ZERO : new Interval(-a.hi, -a.lo, -a.k, a.base)),
  abs: (a) => {
    const p = a.plain;
    return p.lo >= 0 ? a : p.hi <= 0 ? intervalArithmetic.neg(a) : new Interval(0, Math.max(-p.lo, p.hi));
  },
  dot,
  normalize: (a) => a,
  compare,
  sign,
  isZero: (a) => sign(a) === 0,
  /**
   * A point's value; any other enclosure is undecided: a predicate that reads a double of it
   * could branch where the exact path, reading the exact value's double, would not.
   */
  toNumber: (a) => {
    const p = a.plain;
    if (p.lo === p.hi) return p.lo;
    throw new UndecidedComparison('bound');
  },
  /**
   * Undecided, always: an enclosure's text is not the exact value's (even a point prints as a
   * decimal where the exact path prints p/q), so a predicate that formats a value into its
   * outcome is decided on the exact view of that state.
   */
  format: () => {
    throw new UndecidedComparison('bound');
  },
  /** Only a point has a key: two enclosures cannot show that their values are equal. */
  key: (a) => {
    if (a.isPoint) return String(a.lo === 0 ? 0 : a.lo);
    throw new UndecidedComparison('tie');
  },
};

export const isInterval = (ar: Arithmetic<unknown>): boolean => ar.id === 'interval';

/**
 * The backend of one screening context: the same operations, with one enclosure object per
 * exact input value (the parameters' and the initial states'), so that equal inputs are the
 * same object and compare equal — deterministically, whatever ran before. Inputs that are
 * integer multiples of `base` (e.g. states in units of N*) are held relative to it, exactly.
 */
export function intervalArithmeticWithInputs(base?: Rational): Arithmetic<Interval> {
  const inputs = new Map<string, Interval>();
  const baseEnclosure = base ? fromRational(base) : null;
  const enclose = (r: Rational): Interval => {
    if (base && baseEnclosure) {
      const k = r.div(base);
      if (k.den === 1n && k.num !== 0n && k.num <= 1n << 20n && k.num >= -(1n << 20n)) return based(0, 0, Number(k.num), baseEnclosure);
    }
    return fromRational(r);
  };
  return {
    ...intervalArithmetic,
    fromRational: (r) => {
      if (r.isZero()) return ZERO;
      const key = r.toString();
      let x = inputs.get(key);
      if (!x) {
        x = enclose(r);
        inputs.set(key, x);
      }
      return x;
    },
  };
}
