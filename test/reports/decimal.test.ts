import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rational } from '../../models/arithmetic/rational.js';
import { approximate } from '../../reports/decimal.js';

describe('reading saved exact values as doubles', () => {
  it('agrees with the exact value to double precision, for any size of numerator and denominator', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 300n), max: 10n ** 300n }), fc.bigInt({ min: 1n, max: 10n ** 300n }), (p, q) => {
        const exact = Rational.of(p, q);
        const got = approximate(exact.toString())!;
        const want = exact.toNumber();
        expect(Math.abs(got - want)).toBeLessThanOrEqual(Math.abs(want) * 1e-15 + Number.MIN_VALUE);
      }),
    );
  });

  it('refuses what is not an exact value', () => {
    for (const text of ['', 'abc', '1/0', '1.5', '[1, 2]']) expect(approximate(text)).toBeNull();
  });
});
