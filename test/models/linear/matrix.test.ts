import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exactArithmetic, Rational } from '../../../models/arithmetic/index.js';
import { identity, matrixEquals, matVec, multiply, solveLinear, symmetricPivots, trace, transpose } from '../../../models/theory-simulation/linear/matrix.js';
import { SEED } from '../support/arbitraries.js';

/** Dense exact matrix helpers. */

const ar = exactArithmetic;
const R = (xs: (number | string)[]) => xs.map((x) => Rational.parse(String(x)));
const strM = (A: Rational[][]) => A.map((row) => row.map(String));

describe('matrix basics', () => {
  it('multiply, transpose, trace, matVec, identity on a hand example', () => {
    const A = [R([1, 2]), R([3, '1/2'])];
    const B = [R([0, 1]), R([-1, 4])];
    // AB = [[1·0 + 2·(−1), 1·1 + 2·4], [3·0 + 1/2·(−1), 3·1 + 1/2·4]] = [[−2, 9], [−1/2, 5]]
    expect(strM(multiply(ar, A, B))).toEqual([['-2', '9'], ['-1/2', '5']]);
    expect(strM(transpose(A))).toEqual([['1', '3'], ['2', '1/2']]);
    expect(String(trace(ar, A))).toBe('3/2');
    // A·(2, −1) = (2 − 2, 6 − 1/2)
    expect(matVec(ar, A, R([2, -1])).map(String)).toEqual(['0', '11/2']);
    expect(matrixEquals(ar, multiply(ar, A, identity(ar, 2)), A)).toBe(true);
    expect(matrixEquals(ar, A, B)).toBe(false);
  });
});

describe('solveLinear', () => {
  it('solves a hand 3×3 system that needs a row exchange', () => {
    // 0x + y + z = 3; x + 0y + z = 2; x + y + 0z = 1  ⇒  sum: 2(x+y+z) = 6, x+y+z = 3,
    // so x = 3 − 3 = 0, y = 3 − 2 = 1, z = 3 − 1 = 2
    const M = [R([0, 1, 1]), R([1, 0, 1]), R([1, 1, 0])];
    expect(solveLinear(ar, M, R([3, 2, 1])).map(String)).toEqual(['0', '1', '2']);
  });

  it('M·x = b for random invertible systems', () => {
    const entry = fc.tuple(fc.integer({ min: -9, max: 9 }), fc.integer({ min: 1, max: 4 })).map(([n, d]) => Rational.of(n, d));
    const system = fc.integer({ min: 1, max: 5 }).chain((n) =>
      fc.tuple(
        fc.array(fc.array(entry, { minLength: n, maxLength: n }), { minLength: n, maxLength: n }),
        fc.array(entry, { minLength: n, maxLength: n }),
      ),
    );
    let solved = 0;
    fc.assert(
      fc.property(system, ([M, b]) => {
        let x: Rational[];
        try {
          x = solveLinear(ar, M, b);
        } catch (e) {
          // only a singular matrix may be refused: then some non-trivial combination of columns vanishes,
          // which a full-rank check by symmetricPivots of MᵀM (positive definite iff M invertible) confirms
          expect(e).toBeInstanceOf(RangeError);
          const pivots = symmetricPivots(ar, multiply(ar, transpose(M), M));
          expect(pivots.length === M.length && pivots.every((p) => p.sign() > 0)).toBe(false);
          return;
        }
        solved++;
        expect(matVec(ar, M, x).map(String)).toEqual(b.map(String));
      }),
      { seed: SEED, numRuns: 100 },
    );
    expect(solved).toBeGreaterThan(80);
  });

  it('throws a RangeError on a singular system', () => {
    expect(() => solveLinear(ar, [R([1, 2]), R([2, 4])], R([1, 1]))).toThrow('singular linear system');
  });
});

describe('symmetricPivots', () => {
  it('are the D of L D Lᵀ (hand examples)', () => {
    // [[2, 1], [1, 2]]: pivots 2 and 2 − 1·1/2 = 3/2 → positive definite
    expect(symmetricPivots(ar, [R([2, 1]), R([1, 2])]).map(String)).toEqual(['2', '3/2']);
    // [[1, 2], [2, 1]]: 1 and 1 − 4 = −3 → indefinite
    expect(symmetricPivots(ar, [R([1, 2]), R([2, 1])]).map(String)).toEqual(['1', '-3']);
    // elimination stops at the first pivot that is not positive
    expect(symmetricPivots(ar, [R([0, 1, 0]), R([1, 1, 0]), R([0, 0, 1])]).map(String)).toEqual(['0']);
    // [[4, 2, 2], [2, 5, 3], [2, 3, 6]]: 4; then [[5 − 1, 3 − 1], [3 − 1, 6 − 1]] = [[4, 2], [2, 5]]: 4, 5 − 1 = 4
    expect(symmetricPivots(ar, [R([4, 2, 2]), R([2, 5, 3]), R([2, 3, 6])]).map(String)).toEqual(['4', '4', '4']);
  });

  it('all pivots of BᵀB + I (positive definite) are positive', () => {
    const entry = fc.integer({ min: -5, max: 5 }).map((n) => Rational.of(n));
    const square = fc.integer({ min: 1, max: 5 }).chain((n) =>
      fc.array(fc.array(entry, { minLength: n, maxLength: n }), { minLength: n, maxLength: n }),
    );
    fc.assert(
      fc.property(square, (B) => {
        const n = B.length;
        const I = identity(ar, n);
        const P = multiply(ar, transpose(B), B).map((row, i) => row.map((x, j) => x.add(I[i][j])));
        const pivots = symmetricPivots(ar, P);
        expect(pivots).toHaveLength(n);
        expect(pivots.every((p) => p.sign() > 0)).toBe(true);
      }),
      { seed: SEED, numRuns: 100 },
    );
  });
});
