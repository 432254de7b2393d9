import lehmerGcd from 'bigint-gcd';

/**
 * Exact rationals on BigInt, always kept in normal form (denominator > 0,
 * gcd(numerator, denominator) = 1), immutable. They print and parse as "p/q"
 * ("p" when q = 1).
 *
 * Reduction is lazy: sums, `dot` and products of unreduced values skip the
 * gcd (on the long numbers of a trajectory it costs ~100 multiplications) and
 * the value is reduced the first time its digits are read. Products of reduced
 * values follow Knuth (TAOCP 4.5.1) and stay reduced, unless one of them is short (below
 * 2³²): that product is lazy too. Code that keeps a value for long (model states,
 * accumulators, elimination steps) calls `normalized()`.
 */
// Builds without normalising: callers in this module guarantee normal form.
let RationalUnsafe: (n: bigint, d: bigint) => Rational;
// Builds a value that may not be in lowest terms (reduced on demand).
let RationalLazy: (n: bigint, d: bigint) => Rational;

export class Rational {
  // n/d with d > 0; in lowest terms when `reduced`. Observably immutable: the
  // only mutation is the one-time reduction behind `num`/`den`/`toString`.
  private n: bigint;
  private d: bigint;
  private reduced: boolean;

  private constructor(n: bigint, d: bigint, reduced: boolean) {
    this.n = n;
    this.d = d;
    this.reduced = reduced;
  }

  static readonly ZERO = new Rational(0n, 1n, true);
  static readonly ONE = new Rational(1n, 1n, true);

  static {
    RationalUnsafe = (n, d) => new Rational(n, d, true);
    RationalLazy = (n, d) => new Rational(n, d, d === 1n);
  }

  /** Numerator in lowest terms (sign carried here). */
  get num(): bigint {
    this.reduce();
    return this.n;
  }

  /** Denominator in lowest terms (> 0). */
  get den(): bigint {
    this.reduce();
    return this.d;
  }

  /** The same value with its stored form in lowest terms (cheap when it already is). */
  normalized(): Rational {
    this.reduce();
    return this;
  }

  private reduce(): void {
    if (this.reduced) return;
    const g = gcd(this.n, this.d);
    if (g !== 1n) {
      this.n /= g;
      this.d /= g;
    }
    this.reduced = true;
  }

  /** A rational from a numerator and a non-zero denominator, normalised. */
  static of(num: bigint | number, den: bigint | number = 1n): Rational {
    const n = BigInt(num);
    const d = BigInt(den);
    if (d === 0n) throw new RangeError(`rational denominator must not be zero (got ${n}/0)`);
    return normalise(n, d);
  }

  /**
   * n/d (d > 0) stored as given, not reduced: for exact paths that keep values over one
   * common denominator and never pay a gcd (reduced only if and when digits are read).
   */
  static lazy(n: bigint, d: bigint): Rational {
    if (d <= 0n) throw new RangeError(`lazy rational needs a positive denominator (got ${n}/${d})`);
    return n === 0n ? Rational.ZERO : RationalLazy(n, d);
  }

  /** Stored numerator and denominator as they are (not necessarily in lowest terms; d > 0). */
  get stored(): { readonly n: bigint; readonly d: bigint } {
    return { n: this.n, d: this.d };
  }

  static fromInteger(n: bigint | number): Rational {
    if (typeof n === 'number' && !Number.isSafeInteger(n)) {
      throw new RangeError(`expected a safe integer (got ${n})`);
    }
    return new Rational(BigInt(n), 1n, true);
  }

  /**
   * Σ a_i·b_i accumulated over a common denominator, without any gcd: the
   * result is reduced only if and when its digits are needed. Denominators that
   * divide one another (the usual case along a trajectory) cost one remainder.
   */
  static dot(a: readonly Rational[], b: readonly Rational[]): Rational {
    let N = 0n;
    let D = 1n;
    // Vectors over one common denominator (the lean exact path) pay one product of denominators.
    let xd = 0n;
    let yd = 0n;
    let xy = 1n;
    for (let i = 0; i < a.length; i++) {
      const x = a[i];
      const y = b[i];
      if (x.n === 0n || y.n === 0n) continue;
      const n = x.n * y.n;
      if (x.d !== xd || y.d !== yd) {
        xd = x.d;
        yd = y.d;
        xy = xd * yd;
      }
      const d = xy;
      if (d === D) N += n;
      else if (D % d === 0n) N += n * (D / d);
      else if (d % D === 0n) {
        N = N * (d / D) + n;
        D = d;
      } else {
        N = N * d + n * D;
        D *= d;
      }
    }
    return N === 0n ? Rational.ZERO : RationalLazy(N, D);
  }

  /**
   * Parses "p/q", an integer "p", or a finite decimal such as "2.5" or "-0.125"
   * (converted exactly). Throws a RangeError naming the text otherwise.
   */
  static parse(text: string): Rational {
    const s = text.trim();
    const fraction = /^([+-]?\d+)\s*\/\s*(\d+)$/.exec(s);
    if (fraction) {
      if (/^0+$/.test(fraction[2])) {
        throw new RangeError(`"${text}" is not a rational: its denominator is zero`);
      }
      return Rational.of(BigInt(fraction[1]), BigInt(fraction[2]));
    }
    const decimal = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(s);
    if (decimal && (decimal[2] !== '' || (decimal[3] ?? '') !== '')) {
      const [, sign, whole, frac = '', exp = '0'] = decimal;
      const digits = BigInt((whole || '0') + frac) * (sign === '-' ? -1n : 1n);
      const shift = Number(exp) - frac.length;
      return shift >= 0
        ? Rational.of(digits * 10n ** BigInt(shift), 1n)
        : Rational.of(digits, 10n ** BigInt(-shift));
    }
    throw new RangeError(`"${text}" is not a rational: expected "p/q", an integer or a decimal`);
  }

  /** Converts a JS number exactly when it is an integer or a short decimal literal. */
  static fromNumber(x: number): Rational {
    if (!Number.isFinite(x)) throw new RangeError(`${x} is not a finite number`);
    if (Number.isSafeInteger(x)) return Rational.fromInteger(x);
    // The shortest decimal that round-trips is what the user wrote (e.g. 0.1).
    return Rational.parse(String(x));
  }

  isZero(): boolean {
    return this.n === 0n;
  }

  isInteger(): boolean {
    return this.den === 1n;
  }

  sign(): -1 | 0 | 1 {
    return this.n > 0n ? 1 : this.n < 0n ? -1 : 0;
  }

  neg(): Rational {
    return new Rational(-this.n, this.d, this.reduced);
  }

  abs(): Rational {
    return this.n < 0n ? new Rational(-this.n, this.d, this.reduced) : this;
  }

  /** Sums are not reduced (most are only compared); callers that keep them call `normalized()`. */
  add(o: Rational): Rational {
    return addLazy(this.n, this.d, o.n, o.d);
  }

  sub(o: Rational): Rational {
    return addLazy(this.n, this.d, -o.n, o.d);
  }

  mul(o: Rational): Rational {
    const a = this.n;
    const b = this.d;
    const c = o.n;
    const d = o.d;
    if (a === 0n || c === 0n) return Rational.ZERO;
    if (b === 1n && d === 1n) return new Rational(a * c, 1n, true);
    // Operands not in lowest terms (results of dot) stay lazy: no gcd here. Nor with a short
    // operand (a parameter such as p, q or a stage weight): its factors add a few words at most,
    // where Knuth's two gcds cost two long remainders (a fifth of the per-type sweep's time).
    if (!this.reduced || !o.reduced || isShort(a, b) || isShort(c, d)) return RationalLazy(a * c, b * d);
    const g1 = gcd(a, d);
    const g2 = gcd(c, b);
    return new Rational((a / g1) * (c / g2), (b / g2) * (d / g1), true);
  }

  div(o: Rational): Rational {
    if (o.n === 0n) throw new RangeError(`division by zero (${this.toString()} / 0)`);
    const inverse = o.n < 0n ? new Rational(-o.d, -o.n, o.reduced) : new Rational(o.d, o.n, o.reduced);
    return this.mul(inverse);
  }

  compare(o: Rational): -1 | 0 | 1 {
    const sa = this.sign();
    const sb = o.sign();
    if (sa !== sb) return sa < sb ? -1 : 1;
    if (sa === 0) return 0;
    const same = this.d === o.d;
    const l = same ? this.n : this.n * o.d;
    const r = same ? o.n : o.n * this.d;
    return l < r ? -1 : l > r ? 1 : 0;
  }

  equals(o: Rational): boolean {
    if (this.reduced && o.reduced) return this.n === o.n && this.d === o.d;
    return this.n * o.d === o.n * this.d;
  }

  /** Height max(|p|, q): the size used to order rationals in minimal counterexamples. */
  height(): bigint {
    const p = this.num < 0n ? -this.num : this.num;
    return p > this.den ? p : this.den;
  }

  /** Nearest double (for screening, plots and labelled estimates only). */
  toNumber(): number {
    const sign = this.n < 0n ? -1 : 1;
    const a = this.n < 0n ? -this.n : this.n;
    const nb = bitLength(a);
    const db = bitLength(this.d);
    if (nb <= 1000 && db <= 1000) return Number(this.n) / Number(this.d);
    // Beyond doubles: an integer quotient of about 64 bits, scaled back by a power of two
    // (in two factors, so that neither over- nor underflows on its own).
    const shift = 64 - (nb - db);
    const q = shift >= 0 ? (a << BigInt(shift)) / this.d : a / (this.d << BigInt(-shift));
    const half = Math.trunc(shift / 2);
    return sign * Number(q) * 2 ** -half * 2 ** -(shift - half);
  }

  toString(): string {
    return this.den === 1n ? this.num.toString() : `${this.num}/${this.den}`;
  }

  toJSON(): string {
    return this.toString();
  }
}

const SHORT = 1n << 32n;
/** Whether n/d is a short value (both parts below 2³²). */
const isShort = (n: bigint, d: bigint): boolean => d < SHORT && n < SHORT && n > -SHORT;

function addLazy(a: bigint, b: bigint, c: bigint, d: bigint): Rational {
  if (a === 0n) return c === 0n ? Rational.ZERO : RationalLazy(c, d);
  if (c === 0n) return RationalLazy(a, b);
  if (b === d) return RationalLazy(a + c, b);
  if (b === 1n) return RationalLazy(a * d + c, d);
  if (d === 1n) return RationalLazy(a + c * b, b);
  // Along a trajectory one denominator usually divides the other (the lean path's D grows by factors).
  if (d > b) {
    const q = exactQuotient(d, b);
    if (q !== null) return RationalLazy(a * q + c, d);
  } else {
    const q = exactQuotient(b, d);
    if (q !== null) return RationalLazy(a + c * q, b);
  }
  return RationalLazy(a * d + c * b, b * d);
}

// The last exact quotient found: sums kept along a run (of both models, say) step from one
// common denominator to the next together, so the same quotient is asked for again at once.
let lastLarger = 1n;
let lastSmaller = 1n;
let lastQuotient = 1n;

/**
 * larger / smaller when it is an integer, else null: one long division and a short product
 * (the quotient is short where it divides), where a remainder and then a quotient took two
 * long divisions (a fifth of `check`'s certification time, measured on g-time-average).
 */
function exactQuotient(larger: bigint, smaller: bigint): bigint | null {
  if (larger === lastLarger && smaller === lastSmaller) return lastQuotient;
  const q = larger / smaller;
  if (q * smaller !== larger) return null;
  lastLarger = larger;
  lastSmaller = smaller;
  lastQuotient = q;
  return q;
}

function normalise(n: bigint, d: bigint): Rational {
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  if (n === 0n) return Rational.ZERO;
  const g = gcd(n, d);
  return g === 1n ? RationalUnsafe(n, d) : RationalUnsafe(n / g, d / g);
}

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * gcd of two bigints (non-negative result). Operands below 2^53 go in doubles; one long and
 * one short take one bigint remainder first; two long ones go to Lehmer's algorithm
 * (`bigint-gcd`), which does most of Euclid's steps on leading words instead of one bigint
 * division each: the Rational path normalises every value, and plain Euclid on numbers of a
 * few hundred bits was most of its time.
 */
export function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  if (a < b) {
    const t = a;
    a = b;
    b = t;
  }
  if (b === 0n) return a;
  if (b > SAFE) return lehmerGcd(a, b);
  if (a > SAFE) {
    a %= b;
    if (a === 0n) return b;
  }
  return BigInt(gcdSmall(Number(a), Number(b)));
}

function gcdSmall(a: number, b: number): number {
  while (b !== 0) {
    const r = a % b;
    a = b;
    b = r;
  }
  return a;
}

function bitLength(x: bigint): number {
  return x === 0n ? 0 : (x < 0n ? -x : x).toString(2).length;
}
