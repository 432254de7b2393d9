import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Arithmetic } from '../../../models/arithmetic/arithmetic.js';
import {
  arithmeticFor,
  decimalArithmetic,
  exactArithmetic,
  float64Arithmetic,
  isArithmeticId,
  Rational,
} from '../../../models/arithmetic/index.js';
import { SEED } from '../support/arbitraries.js';

/**
 * The contract every arithmetic backend must pass. Inputs are small integers
 * and dyadic rationals n/2^k, whose sums, differences, products and quotients
 * by powers of two are exact in every backend (and in JS doubles), so the
 * expected values below are exact.
 */

/** A dyadic n/2^k as [numerator, k]. */
type Dyadic = readonly [number, number];
const dyadicArb = fc.tuple(fc.integer({ min: -64, max: 64 }), fc.integer({ min: 0, max: 4 }));
// `+ 0` turns −0 into 0: only the float64 backend has a signed zero.
const value = ([n, k]: Dyadic) => n / 2 ** k + 0;
const runs = { seed: SEED, numRuns: 100 };

// [operation, a, b, expected], worked by hand.
const TABLE: readonly [string, number, number, number][] = [
  ['add', 3 / 2, -5 / 4, 1 / 4], // 6/4 − 5/4
  ['sub', 3 / 2, -5 / 4, 11 / 4], // 6/4 + 5/4
  ['mul', 3 / 2, -5 / 4, -15 / 8],
  ['div', 3 / 2, -5 / 4, -1.2], // (3/2)·(−4/5) = −6/5, nearest double of −1.2 in every backend
  ['div', 7, 2, 3.5],
  ['div', -9, 8, -1.125],
  ['add', 60, -61, -1],
  ['mul', -1 / 16, -32, 2],
  ['sub', 0, 0.5, -0.5],
];

function backendContract<N>(name: string, ar: Arithmetic<N>, decides: boolean): void {
  const from = ([n, k]: Dyadic): N => ar.fromRational(Rational.of(n, 2 ** k));
  const num = (x: number): N => ar.fromRational(Rational.fromNumber(x));
  const toNumber = (x: N): number => ar.toNumber(x) + 0;

  describe(`arithmetic contract: ${name}`, () => {
    it('has the constants, conversions and verdict flag of a backend', () => {
      expect(toNumber(ar.zero)).toBe(0);
      expect(toNumber(ar.one)).toBe(1);
      expect(ar.isZero(ar.zero)).toBe(true);
      expect(ar.isZero(ar.one)).toBe(false);
      expect(toNumber(ar.fromInteger(-7))).toBe(-7);
      expect(toNumber(ar.fromInteger(12n))).toBe(12);
      expect(toNumber(ar.fromRational(Rational.of(-5, 8)))).toBe(-0.625);
      expect(ar.decidesVerdicts).toBe(decides);
    });

    it.each(TABLE)('%s(%d, %d) = %d', (op, a, b, want) => {
      const f = { add: ar.add, sub: ar.sub, mul: ar.mul, div: ar.div }[op as 'add' | 'sub' | 'mul' | 'div'];
      expect(toNumber(f(num(a), num(b)))).toBe(want);
    });

    it('add, sub, mul, neg, abs on dyadics are exact', () => {
      fc.assert(
        fc.property(dyadicArb, dyadicArb, (x, y) => {
          const [a, b] = [from(x), from(y)];
          expect(toNumber(ar.add(a, b))).toBe(value(x) + value(y) + 0);
          expect(toNumber(ar.sub(a, b))).toBe(value(x) - value(y) + 0);
          expect(toNumber(ar.mul(a, b))).toBe(value(x) * value(y) + 0);
          expect(toNumber(ar.neg(a))).toBe(-value(x) + 0);
          expect(toNumber(ar.abs(a))).toBe(Math.abs(value(x)));
        }),
        runs,
      );
    });

    it('division by a power of two is exact', () => {
      fc.assert(
        fc.property(dyadicArb, fc.integer({ min: 0, max: 5 }), fc.boolean(), (x, j, negative) => {
          const d = (negative ? -1 : 1) * 2 ** j;
          expect(toNumber(ar.div(from(x), ar.fromInteger(d)))).toBe(value(x) / d + 0);
        }),
        runs,
      );
    });

    it('compare, sign and isZero agree with the values and with the sign of the difference', () => {
      fc.assert(
        fc.property(dyadicArb, dyadicArb, (x, y) => {
          const [a, b] = [from(x), from(y)];
          const want = Math.sign(value(x) - value(y)) + 0;
          expect(ar.compare(a, b)).toBe(want);
          expect(ar.compare(b, a)).toBe(-want + 0);
          expect(ar.sign(ar.sub(a, b))).toBe(want);
          expect(ar.sign(a)).toBe(Math.sign(value(x)) + 0);
          expect(ar.isZero(a)).toBe(value(x) === 0);
        }),
        runs,
      );
    });

    it('dot is the sum of products', () => {
      fc.assert(
        fc.property(fc.array(fc.tuple(dyadicArb, dyadicArb), { maxLength: 6 }), (pairs) => {
          const want = pairs.reduce((acc, [x, y]) => acc + value(x) * value(y), 0) + 0;
          const got = ar.dot(
            pairs.map(([x]) => from(x)),
            pairs.map(([, y]) => from(y)),
          );
          expect(toNumber(got)).toBe(want);
        }),
        runs,
      );
    });

    it('normalize preserves the value (also of dot results and non-dyadic quotients)', () => {
      fc.assert(
        fc.property(fc.array(fc.tuple(dyadicArb, dyadicArb), { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 9 }), (pairs, k) => {
          const d = ar.dot(
            pairs.map(([x]) => from(x)),
            pairs.map(([, y]) => from(y)),
          );
          const q = ar.div(d, ar.fromInteger(k));
          for (const x of [d, q]) {
            const before = toNumber(x);
            const n = ar.normalize(x);
            expect(ar.compare(n, x)).toBe(0);
            expect(toNumber(n)).toBe(before);
          }
        }),
        runs,
      );
    });

    it('format prints a value that parses back to the same number', () => {
      fc.assert(
        fc.property(dyadicArb, (x) => {
          const a = from(x);
          expect(Rational.parse(ar.format(a)).toNumber() + 0).toBe(value(x));
        }),
        runs,
      );
    });

    it('throws a RangeError on division by zero', () => {
      expect(() => ar.div(ar.one, ar.zero)).toThrow(RangeError);
      expect(() => ar.div(ar.zero, ar.zero)).toThrow(/division by zero/);
      expect(() => ar.div(ar.fromInteger(3), ar.sub(ar.one, ar.one))).toThrow(RangeError);
    });
  });
}

backendContract('exact', exactArithmetic, true);
backendContract('decimal (50 digits)', decimalArithmetic(50), false);
backendContract('float64', float64Arithmetic, false);

describe('backend specifics', () => {
  it('exact format is "p/q" in lowest terms', () => {
    const ar = exactArithmetic;
    expect(ar.format(ar.div(ar.fromInteger(6), ar.fromInteger(-4)))).toBe('-3/2');
  });

  it('decimal precision belongs to the instance', () => {
    const d50 = decimalArithmetic(50);
    const d5 = decimalArithmetic(5);
    const third = <N>(ar: Arithmetic<N>) => ar.format(ar.div(ar.one, ar.fromInteger(3)));
    expect(third(d5)).toBe('0.33333');
    expect(third(d50)).toBe('0.' + '3'.repeat(50));
    expect(third(decimalArithmetic())).toBe('0.' + '3'.repeat(50)); // default precision is 50
  });

  it.each([0, -1, 1.5, Number.NaN])('decimal precision %d is rejected', (precision) => {
    expect(() => decimalArithmetic(precision)).toThrow(`decimal precision must be an integer between 1 and 1e9 (got ${precision})`);
  });

  it('arithmeticFor resolves ids', () => {
    expect(arithmeticFor({ id: 'exact' })).toBe(exactArithmetic);
    expect(arithmeticFor({ id: 'float64' })).toBe(float64Arithmetic);
    const d = arithmeticFor({ id: 'decimal', precision: 7 });
    expect(d.id).toBe('decimal');
    expect(d.format(d.div(d.one, d.fromInteger(3)))).toBe('0.3333333');
    expect(isArithmeticId('decimal')).toBe(true);
    expect(isArithmeticId('interval')).toBe(false);
  });
});
