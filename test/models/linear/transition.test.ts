import { describe, expect, it } from 'vitest';
import { exactArithmetic } from '../../../models/arithmetic/index.js';
import { fPolynomial, transitionFirstRow, transitionMatrix } from '../../../models/theory-simulation/linear/transition.js';
import { validateParams } from '../../../models/theory-simulation/params.js';
import { setupModel } from '../../../models/theory-simulation/setup.js';

/** Transition matrix A and F(λ) (SPEC §4), by hand. */

const strM = (A: { toString(): string }[][]) => A.map((row) => row.map(String));

describe('transition matrix and F', () => {
  it('l0=10 lA=2 lB=3 λ=1,1 (seed 001 §4.5)', () => {
    // q = 1/2; W = (11, 12, 13·q) = (11, 12, 13/2).
    // A[0] = (−W1/W0, −W2/W0, 0) = (−12/11, −(13/2)/11, 0) = (−12/11, −13/22, 0); ones below the diagonal.
    const m = setupModel(exactArithmetic, validateParams({ l0: 10, lA: 2, lB: 3, B: 60, lambdaA: 1, lambdaB: 1 }));
    expect(m.W.map(String)).toEqual(['11', '12', '13/2']);
    expect(strM(transitionMatrix(m))).toEqual([
      ['-12/11', '-13/22', '0'],
      ['1', '0', '0'],
      ['0', '1', '0'],
    ]);
    expect(transitionFirstRow(m).map(String)).toEqual(['-12/11', '-13/22', '0']);
    // F(λ) = 11λ² + 12λ + 13/2
    expect(fPolynomial(m).map(String)).toEqual(['11', '12', '13/2']);
  });

  it('l0=1 lA=1 lB=2 λ=1,3 (unequal rates)', () => {
    // q = 3/4; W = (2, 3·3/4) = (2, 9/4); A = [[−9/8, 0], [1, 0]]; F(λ) = 2λ + 9/4
    const m = setupModel(exactArithmetic, validateParams({ l0: 1, lA: 1, lB: 2, B: 18, lambdaA: 1, lambdaB: 3 }));
    expect(strM(transitionMatrix(m))).toEqual([
      ['-9/8', '0'],
      ['1', '0'],
    ]);
    expect(fPolynomial(m).map(String)).toEqual(['2', '9/4']);
  });

  it('l0=2 lA=2 lB=5 λ=2,1', () => {
    // p = 2/3, q = 1/3; W = (3, 4, 5/3, 6/3, 7/3) = (3, 4, 5/3, 2, 7/3)
    // A[0] = (−4/3, −5/9, −2/3, −7/9, 0)
    const m = setupModel(exactArithmetic, validateParams({ l0: 2, lA: 2, lB: 5, B: 1, lambdaA: 2, lambdaB: 1 }));
    expect(m.W.map(String)).toEqual(['3', '4', '5/3', '2', '7/3']);
    const A = transitionMatrix(m);
    expect(A[0].map(String)).toEqual(['-4/3', '-5/9', '-2/3', '-7/9', '0']);
    A.slice(1).forEach((row, i) => expect(row.map(String)).toEqual(row.map((_, j) => (j === i ? '1' : '0'))));
  });
});
