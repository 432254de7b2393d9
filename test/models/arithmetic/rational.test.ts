import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gcd, Rational } from '../../../models/arithmetic/rational.js';
import { SEED } from '../support/arbitraries.js';

/**
 * Rational against a naive reference: a pair (n, d) compared by cross
 * multiplication, with results built by the schoolbook formulas.
 */
type Naive = { n: bigint; d: bigint };

const naiveGcd = (a: bigint, b: bigint): bigint => {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b) [a, b] = [b, a % b];
  return a;
};
const nAdd = (x: Naive, y: Naive): Naive => ({ n: x.n * y.d + y.n * x.d, d: x.d * y.d });
const nSub = (x: Naive, y: Naive): Naive => ({ n: x.n * y.d - y.n * x.d, d: x.d * y.d });
const nMul = (x: Naive, y: Naive): Naive => ({ n: x.n * y.n, d: x.d * y.d });
const nDiv = (x: Naive, y: Naive): Naive => (y.n < 0n ? { n: -x.n * y.d, d: x.d * -y.n } : { n: x.n * y.d, d: x.d * y.n });
/** Sign of the value n/d (d may be negative). */
const nSign = (x: Naive): number => (x.n === 0n ? 0 : x.n > 0n === x.d > 0n ? 1 : -1);

/** r equals x and is in normal form (den > 0, gcd = 1). */
function expectExactly(r: Rational, x: Naive): void {
  expect(r.num * x.d).toBe(x.n * r.den);
  expect(r.den > 0n).toBe(true);
  expect(naiveGcd(r.num, r.den)).toBe(1n);
}

const bigInt = fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n });
const nonZeroDen = fc.bigInt({ min: 1n, max: 10n ** 20n });
const naiveArb = fc.record({ n: bigInt, d: nonZeroDen, negDen: fc.boolean() }).map(({ n, d, negDen }) => ({
  // the same value with a denominator of either sign, and not in lowest terms
  n: negDen ? -n * 6n : n * 6n,
  d: negDen ? -d * 6n : d * 6n,
}));
const nonZeroNaive = naiveArb.filter((x) => x.n !== 0n);
const of = (x: Naive) => Rational.of(x.n, x.d);

/** A lazy (unreduced) rational from Rational.dot, together with its naive value. */
const lazyArb = fc
  .array(fc.tuple(naiveArb, naiveArb), { minLength: 1, maxLength: 4 })
  .map((pairs) => ({
    lazy: Rational.dot(
      pairs.map(([a]) => of(a)),
      pairs.map(([, b]) => of(b)),
    ),
    naive: pairs.reduce<Naive>((acc, [a, b]) => nAdd(acc, nMul(a, b)), { n: 0n, d: 1n }),
  }));

const runs = { seed: SEED, numRuns: 200 };

describe('Rational.parse', () => {
  it.each([
    ['3/4', '3/4'],
    ['  -6/8 ', '-3/4'],
    ['3 / 04', '3/4'],
    ['+10/5', '2'],
    ['5', '5'],
    ['-0', '0'],
    ['2.5', '5/2'], // 25/10
    ['-0.125', '-1/8'], // 125/1000
    ['.5', '1/2'],
    ['7.', '7'],
    ['1.5e2', '150'],
    ['2.5e-1', '1/4'], // 25/100
    ['1E3', '1000'],
  ])('parses %j as %s', (text, want) => {
    expect(Rational.parse(text).toString()).toBe(want);
  });

  it.each(['abc', '', '.', '+', '1/2/3', '1/-2', '1e', '0x10', '3/4.5', '1,5'])('rejects %j naming the text', (text) => {
    expect(() => Rational.parse(text)).toThrow(RangeError);
    expect(() => Rational.parse(text)).toThrow(`"${text}" is not a rational: expected "p/q", an integer or a decimal`);
  });

  it.each(['1/0', '3/000'])('rejects a zero denominator in %j', (text) => {
    expect(() => Rational.parse(text)).toThrow(`"${text}" is not a rational: its denominator is zero`);
  });

  it('round-trips toString for any rational', () => {
    fc.assert(
      fc.property(naiveArb, (x) => {
        const r = of(x);
        expect(Rational.parse(r.toString()).equals(r)).toBe(true);
        expect(r.toJSON()).toBe(r.toString());
      }),
      runs,
    );
  });
});

describe('Rational normal form', () => {
  it.each([
    [6, -4, '-3/2'],
    [-6, -4, '3/2'],
    [0, -5, '0'],
    [4, 2, '2'],
    [-9, 3, '-3'],
    [7, 1, '7'],
  ])('Rational.of(%i, %i) is %s', (n, d, want) => {
    const r = Rational.of(n, d);
    expect(r.toString()).toBe(want);
  });

  it('exposes num/den in lowest terms with a positive denominator', () => {
    const r = Rational.of(6n, -4n);
    expect([r.num, r.den]).toEqual([-3n, 2n]);
    expect(r.isInteger()).toBe(false);
    expect(Rational.of(8, 4).isInteger()).toBe(true);
  });

  it('rejects a zero denominator and non-integer inputs', () => {
    expect(() => Rational.of(1, 0)).toThrow('rational denominator must not be zero (got 1/0)');
    expect(() => Rational.fromInteger(1.5)).toThrow(RangeError);
    expect(() => Rational.fromInteger(2 ** 60)).toThrow('expected a safe integer');
  });

  it('converts numbers exactly from their shortest decimal form', () => {
    expect(Rational.fromNumber(0.1).toString()).toBe('1/10');
    expect(Rational.fromNumber(-2.5).toString()).toBe('-5/2');
    expect(Rational.fromNumber(1e21).toString()).toBe('1' + '0'.repeat(21));
    expect(Rational.fromNumber(1.5e-7).toString()).toBe('3/20000000'); // 15/10^8
    expect(() => Rational.fromNumber(Number.NaN)).toThrow('NaN is not a finite number');
    expect(() => Rational.fromNumber(Infinity)).toThrow(RangeError);
  });

  it('any construction is in normal form', () => {
    fc.assert(
      fc.property(naiveArb, (x) => expectExactly(of(x), x)),
      runs,
    );
  });
});

describe('Rational arithmetic against a naive reference', () => {
  it('add, sub, mul equal the cross-multiplication formulas, in lowest terms', () => {
    fc.assert(
      fc.property(naiveArb, naiveArb, (x, y) => {
        expectExactly(of(x).add(of(y)), nAdd(x, y));
        expectExactly(of(x).sub(of(y)), nSub(x, y));
        expectExactly(of(x).mul(of(y)), nMul(x, y));
      }),
      runs,
    );
  });

  it('products with a short operand (kept lazy) equal the naive product and read in lowest terms', () => {
    const shortArb = fc.record({ n: fc.bigInt({ min: -(1n << 31n), max: 1n << 31n }), d: fc.bigInt({ min: 1n, max: 1n << 31n }), negDen: fc.constant(false) });
    fc.assert(
      fc.property(shortArb, naiveArb, naiveArb, (s, x, y) => {
        const product = of(x).mul(of(s));
        expectExactly(of(s).mul(of(x)), nMul(s, x));
        // Used again before it is read, the lazy product still computes exactly.
        expectExactly(product.add(of(y)), nAdd(nMul(x, s), y));
        expectExactly(product.mul(of(y)), nMul(nMul(x, s), y));
        expectExactly(product, nMul(x, s));
      }),
      runs,
    );
  });

  it('div equals the naive quotient and throws on zero', () => {
    fc.assert(
      fc.property(naiveArb, nonZeroNaive, (x, y) => {
        expectExactly(of(x).div(of(y)), nDiv(x, y));
        expect(() => of(x).div(Rational.ZERO)).toThrow(RangeError);
      }),
      runs,
    );
  });

  it('neg, abs, sign, isZero, equals agree with the naive value', () => {
    fc.assert(
      fc.property(naiveArb, naiveArb, (x, y) => {
        const r = of(x);
        expectExactly(r.neg(), { n: -x.n, d: x.d });
        expectExactly(r.abs(), { n: x.n < 0n ? -x.n : x.n, d: x.d < 0n ? -x.d : x.d });
        expect(r.sign()).toBe(nSign(x));
        expect(r.isZero()).toBe(x.n === 0n);
        expect(r.equals(of(y))).toBe(x.n * y.d === y.n * x.d);
      }),
      runs,
    );
  });

  it('compare is the sign of the difference, antisymmetric', () => {
    fc.assert(
      fc.property(naiveArb, naiveArb, (x, y) => {
        const c = of(x).compare(of(y));
        const diff = nSub(x, y);
        expect(c).toBe(nSign(diff));
        expect(of(y).compare(of(x))).toBe(nSign(nSub(y, x)));
        // the same value written with another denominator
        expect(of(x).compare(of({ n: x.n * -7n, d: x.d * -7n }))).toBe(0);
        expect(c).toBe(of(x).sub(of(y)).sign());
      }),
      runs,
    );
  });

  it('toNumber is within a few ulps of the quotient of the naive value', () => {
    fc.assert(
      fc.property(naiveArb, (x) => {
        const want = Number(x.n) / Number(x.d);
        expect(Math.abs(of(x).toNumber() - want)).toBeLessThanOrEqual(1e-14 * Math.abs(want));
      }),
      runs,
    );
  });

  it('toNumber scales values whose numerator and denominator both overflow a double', () => {
    // (3·2^1100)/(2^1100 + 1) is just under 3
    const r = Rational.of(3n * 2n ** 1100n, 2n ** 1100n + 1n);
    expect(r.toNumber()).toBeCloseTo(3, 12);
  });

  it('toNumber of a huge numerator over a 101-bit denominator is finite (≈ 2^1000)', () => {
    // 2^1100 / (2^100 + 1) ≈ 2^1000 ≈ 1.0715e301, a finite double
    const v = Rational.of(2n ** 1100n, 2n ** 100n + 1n).toNumber();
    expect(Number.isFinite(v)).toBe(true);
    expect(v / 2 ** 1000).toBeCloseTo(1, 12);
  });

  it('toNumber of −1/2^1100 is −0, not about −1.9e−301', () => {
    // |−1/2^1100| ≈ 7e−332 is below the smallest subnormal, so the nearest double is −0
    expect(Math.abs(Rational.of(-1n, 2n ** 1100n).toNumber())).toBeLessThan(1e-320);
  });

  it('gcd matches Euclid on big and small operands', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }), fc.bigInt({ min: -(10n ** 25n), max: 10n ** 25n }), (a, b) => {
        expect(gcd(a, b)).toBe(naiveGcd(a, b));
      }),
      runs,
    );
  });

  it('gcd matches Euclid on long operands with a planted common factor (Lehmer steps, up to thousands of bits)', () => {
    const long = (bits: number) => fc.bigInt({ min: -(1n << BigInt(bits)), max: 1n << BigInt(bits) });
    fc.assert(
      fc.property(long(1500), long(1500), long(700), (a, b, g) => {
        expect(gcd(a * g, b * g)).toBe(naiveGcd(a * g, b * g));
        expect(gcd(a * g, g)).toBe(naiveGcd(a * g, g));
        expect(gcd(a, a)).toBe(a < 0n ? -a : a);
      }),
      runs,
    );
  });
});

describe('lazy values (Rational.dot)', () => {
  it('dot equals the sum of products (hand example)', () => {
    // 1/2·2/3 + 3/4·4/5 + (−5/6)·0 = 1/3 + 3/5 = 14/15
    const d = Rational.dot(
      [Rational.of(1, 2), Rational.of(3, 4), Rational.of(-5, 6)],
      [Rational.of(2, 3), Rational.of(4, 5), Rational.ZERO],
    );
    expect(d.toString()).toBe('14/15');
    expect(Rational.dot([], []).isZero()).toBe(true);
  });

  it('dot equals the naive sum of products, and num/den are in lowest terms', () => {
    fc.assert(
      fc.property(lazyArb, ({ lazy, naive }) => expectExactly(lazy, naive)),
      runs,
    );
  });

  it('every operation on lazy values is exactly right', () => {
    fc.assert(
      fc.property(lazyArb, lazyArb, naiveArb, (a, b, y) => {
        const [x1, x2] = [a.lazy, b.lazy];
        expectExactly(x1.add(x2), nAdd(a.naive, b.naive));
        expectExactly(x1.sub(of(y)), nSub(a.naive, y));
        expectExactly(of(y).add(x2), nAdd(y, b.naive));
        expectExactly(x1.mul(x2), nMul(a.naive, b.naive));
        expectExactly(of(y).mul(x1), nMul(y, a.naive));
        if (b.naive.n !== 0n) expectExactly(x1.div(x2), nDiv(a.naive, b.naive));
        if (a.naive.n !== 0n) expectExactly(of(y).div(x1), nDiv(y, a.naive));
        expectExactly(x1.neg(), { n: -a.naive.n, d: a.naive.d });
        expect(x1.sign()).toBe(nSign(a.naive));
        const diff = nSub(a.naive, b.naive);
        expect(x1.compare(x2)).toBe(nSign(diff));
        expect(x1.equals(x2)).toBe(diff.n === 0n);
        expect(x1.equals(of(a.naive))).toBe(true);
        expect(x1.compare(of(a.naive))).toBe(0);
        expect(x1.toString()).toBe(of(a.naive).toString());
        // reading the digits reduced x1 in place; its value is unchanged
        expectExactly(x1.normalized(), a.naive);
        expect(x1.height()).toBe(of(a.naive).height());
      }),
      runs,
    );
  });

  it('sums over denominators where one divides the other (as along a run), repeated and interleaved, are exact', () => {
    // Unreduced values over d and over d·k (k short: a run's step factor), added both ways, the
    // same pair twice in a row (the quotient is reused), the same larger denominator over
    // another divisor, and pairs where nothing divides (d·k + 1).
    const part = fc.record({ n: bigInt, d: nonZeroDen, k: fc.bigInt({ min: 2n, max: 10n ** 6n }), m: bigInt });
    fc.assert(
      fc.property(fc.array(part, { minLength: 1, maxLength: 5 }), (parts) => {
        for (const { n, d, k, m } of parts) {
          for (const larger of [d * k, d * k + 1n]) {
            const x = Rational.lazy(n, d);
            const y = Rational.lazy(m, larger);
            for (let again = 0; again < 2; again++) {
              expectExactly(x.add(y), nAdd({ n, d }, { n: m, d: larger }));
              // Another smaller denominator of the same larger one (k also divides d·k).
              expectExactly(Rational.lazy(n, k).add(y), nAdd({ n, d: k }, { n: m, d: larger }));
              expectExactly(y.add(x), nAdd({ n: m, d: larger }, { n, d }));
              expectExactly(x.sub(y), nSub({ n, d }, { n: m, d: larger }));
              expectExactly(y.sub(x), nSub({ n: m, d: larger }, { n, d }));
            }
          }
        }
      }),
      runs,
    );
  });

  it('a chain of lazy operations stays exact', () => {
    // (dot − 1/3)·(dot + 2)/7 with dot = 1/2·1/2 + 1/3·1/3 = 13/36:
    // (13/36 − 12/36)·(13/36 + 72/36)/7 = (1/36)·(85/36)/7 = 85/9072
    const dot = Rational.dot([Rational.of(1, 2), Rational.of(1, 3)], [Rational.of(1, 2), Rational.of(1, 3)]);
    const r = dot.sub(Rational.of(1, 3)).mul(dot.add(Rational.of(2))).div(Rational.of(7));
    expect(r.toString()).toBe('85/9072');
  });
});

describe('height', () => {
  it.each([
    [-7, 3, 7n],
    [2, 9, 9n],
    [6, 4, 3n], // 3/2
    [0, 1, 1n],
    [5, 1, 5n],
  ])('height(%i/%i) = %s', (n, d, want) => {
    expect(Rational.of(n, d).height()).toBe(want);
  });

  it('is max(|p|, q) in lowest terms', () => {
    fc.assert(
      fc.property(naiveArb, (x) => {
        const g = naiveGcd(x.n, x.d);
        const p = (x.n < 0n ? -x.n : x.n) / g;
        const q = (x.d < 0n ? -x.d : x.d) / g;
        expect(of(x).height()).toBe(p > q ? p : q);
      }),
      runs,
    );
  });
});
