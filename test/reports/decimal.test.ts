import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rational } from '../../models/arithmetic/rational.js';
import { approximate } from '../../reports/decimal.js';
import { exactValue } from '../../reports/html.js';

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

describe('an exact value shown beside its decimal', () => {
  it('shows values beyond the range of doubles by their exponent, never as Infinity or 0', () => {
    const huge = `${10n ** 400n + 1n}/3`;
    const tiny = `1/${10n ** 400n}`;
    expect(exactValue(huge)).toMatch(/≈ 3\.33333e399$/);
    expect(exactValue(`-${huge}`)).toMatch(/≈ -3\.33333e399$/);
    expect(exactValue(tiny)).toMatch(/≈ 1e-400$/);
    expect(exactValue('1/3')).toMatch(/≈ 0\.333333$/);
  });
});
