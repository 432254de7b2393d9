import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exactArithmetic, Rational } from '../../../models/arithmetic/index.js';
import { characteristicPolynomial, formatPolynomial, scalePolynomial, timesX } from '../../../models/theory-simulation/linear/polynomial.js';
import { fPolynomial, transitionMatrix } from '../../../models/theory-simulation/linear/transition.js';
import { setupModel } from '../../../models/theory-simulation/setup.js';
import { paramsArb, SEED } from '../support/arbitraries.js';

/** Characteristic polynomials by Faddeev–LeVerrier (SPEC §4, charpoly identity). */

const ar = exactArithmetic;
const R = (xs: (number | string)[]) => xs.map((x) => Rational.parse(String(x)));

describe('characteristicPolynomial', () => {
  it('of a general 2×2 matrix: λ² − tr·λ + det', () => {
    // [[1, 2], [3, 4]]: tr = 5, det = 4 − 6 = −2 → λ² − 5λ − 2
    expect(characteristicPolynomial(ar, [R([1, 2]), R([3, 4])]).map(String)).toEqual(['1', '-5', '-2']);
  });

  it('of a 3×3 matrix by cofactor expansion', () => {
    // [[2, 0, 1], [1, 3, 0], [0, 1/2, 1]]: tr = 6;
    // sum of principal 2×2 minors = (6 − 0) + (2 − 0) + (3 − 0) = 11;
    // det = 2·(3 − 0) − 0 + 1·(1/2 − 0) = 13/2 → λ³ − 6λ² + 11λ − 13/2
    const A = [R([2, 0, 1]), R([1, 3, 0]), R([0, '1/2', 1])];
    expect(characteristicPolynomial(ar, A).map(String)).toEqual(['1', '-6', '11', '-13/2']);
  });

  it('of A for l0=10 lA=2 lB=3 λ=1,1 is λ³ + 12/11 λ² + 13/22 λ', () => {
    const m = setupModel(ar, { l0: 10, lA: 2, lB: 3, B: Rational.ONE, lambdaA: Rational.ONE, lambdaB: Rational.ONE });
    expect(characteristicPolynomial(ar, transitionMatrix(m)).map(String)).toEqual(['1', '12/11', '13/22', '0']);
  });

  it('of A equals λ·F(λ)/W0 for random parameters', () => {
    fc.assert(
      fc.property(paramsArb({ maxL0: 20, maxLA: 4, maxGap: 4 }), (params) => {
        const m = setupModel(ar, params);
        const want = scalePolynomial(ar, timesX(ar, fPolynomial(m)), ar.div(ar.one, m.W[0]));
        expect(characteristicPolynomial(ar, transitionMatrix(m)).map(String)).toEqual(want.map(String));
      }),
      { seed: SEED, numRuns: 60 },
    );
  });
});

describe('polynomial helpers', () => {
  it('timesX, scalePolynomial, formatPolynomial', () => {
    const p = R([2, '-1/2', 0, 3]);
    expect(timesX(ar, p).map(String)).toEqual(['2', '-1/2', '0', '3', '0']);
    expect(scalePolynomial(ar, p, Rational.of(-2)).map(String)).toEqual(['-4', '1', '0', '-6']);
    expect(formatPolynomial(ar, p)).toBe('2λ^3 - 1/2λ^2 + 3');
    expect(formatPolynomial(ar, R([0, 0]), 'z')).toBe('0');
  });
});
