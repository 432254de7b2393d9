import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { exactArithmetic as ar, Rational } from '../../../models/arithmetic/index.js';
import { maxAbs, maxAbsDifference, subVec } from '../../../models/arithmetic/vector.js';

const rational = fc.record({ n: fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), d: fc.bigInt({ min: 1n, max: 10n ** 12n }) });

describe('maxAbsDifference', () => {
  it('equals max |a − b| by value, whatever the stored forms (equal entries over other denominators included)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(rational, rational, fc.boolean(), fc.bigInt({ min: 1n, max: 10n ** 9n })), { minLength: 1, maxLength: 8 }), (entries) => {
        const a = entries.map(([x]) => Rational.of(x.n, x.d));
        // b: either another value, or a's value over a larger, unreduced denominator.
        const b = entries.map(([x, y, same, k]) => (same ? Rational.lazy(x.n * k, x.d * k) : Rational.of(y.n, y.d)));
        const expected = maxAbs(ar, subVec(ar, a, b));
        expect(maxAbsDifference(ar, a, b).compare(expected)).toBe(0);
        expect(maxAbsDifference(ar, a, b).isZero()).toBe(entries.every(([x, y, same]) => same || x.n * y.d === y.n * x.d));
      }),
      { numRuns: 300 },
    );
  });
});
