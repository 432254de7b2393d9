import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exactArithmetic, Rational } from '../../../models/arithmetic/index.js';
import {
  lyapunovResidual,
  solveLyapunovCompanion,
  solveLyapunovCompanionIntegers,
  solveLyapunovDense,
  type IntegerMatrix,
} from '../../../models/theory-simulation/linear/lyapunov.js';
import { identity, multiply, symmetricPivots, transpose, type Matrix } from '../../../models/theory-simulation/linear/matrix.js';
import { schurCohn } from '../../../models/theory-simulation/linear/stability.js';
import { fPolynomial, transitionFirstRow, transitionMatrix } from '../../../models/theory-simulation/linear/transition.js';
import { validateParams } from '../../../models/theory-simulation/params.js';
import { setupModel } from '../../../models/theory-simulation/setup.js';
import { paramsArb, SEED } from '../support/arbitraries.js';

/** Exact Lyapunov matrices AᵀPA − P = −Q (SPEC §4). */

const ar = exactArithmetic;
const strM = (A: Matrix<Rational>) => A.map((row) => row.map(String));
const fixtures = JSON.parse(readFileSync(new URL('../../fixtures/exact-trajectories.json', import.meta.url), 'utf8')) as Record<
  string,
  { params: Record<string, unknown>; P: string[][] }
>;

const setup = (raw: Record<string, unknown>) => setupModel(ar, validateParams({ B: 1, ...raw }));
const companionP = (m: ReturnType<typeof setup>, Q = identity(ar, m.stages)) => solveLyapunovCompanion(ar, transitionFirstRow(m), Q);

/** Random parameters with a stable A (decided by Schur–Cohn), lB ≤ 6 so the dense O(n⁶) solver stays cheap. */
const stableParams = paramsArb({ maxL0: 12, maxLA: 3, maxGap: 3 }).filter((p) =>
  schurCohn(ar, fPolynomial(setupModel(ar, p))).stable,
);

describe('hand-computed Lyapunov matrices', () => {
  it('lB = 2: P = [[2/(1 − a²), 0], [0, 1]] with a = −W1/W0', () => {
    // A = [[a, 0], [1, 0]], P = [[x, y], [y, z]]: AᵀPA = [[a²x + 2ay + z, 0], [0, 0]], so
    // AᵀPA − P = −I gives y = 0, z = 1, x(1 − a²) = 2.
    // l0=1 lA=1 lB=2 λ=1,1: W = (2, 3/2), a = −3/4, x = 2/(7/16) = 32/7.
    expect(strM(companionP(setup({ l0: 1, lA: 1, lB: 2, lambdaA: 1, lambdaB: 1 })))).toEqual([
      ['32/7', '0'],
      ['0', '1'],
    ]);
  });

  it('l0=10 lA=2 lB=3 λ=1,1 rounds to seed 001 §4.7 [[8.70, 3.53, 0], [3.53, 5.04, 0], [0, 0, 1]]', () => {
    const P = companionP(setup({ l0: 10, lA: 2, lB: 3, lambdaA: 1, lambdaB: 1 }));
    expect(P.map((row) => row.map((x) => Number(x.toNumber().toFixed(2))))).toEqual([
      [8.7, 3.53, 0],
      [3.53, 5.04, 0],
      [0, 0, 1],
    ]);
  });

  it.each(Object.keys(fixtures).filter((k) => k.startsWith('lyapunov_')))('equals the exact fixture %s', (name) => {
    const fx = fixtures[name];
    const m = setup(fx.params);
    expect(strM(companionP(m))).toEqual(fx.P);
    expect(strM(solveLyapunovDense(ar, transitionMatrix(m), identity(ar, m.stages)))).toEqual(fx.P);
  });
});

describe('Lyapunov solvers on random stable parameters', () => {
  it('the companion solver equals the dense solver and leaves a zero exact residual', () => {
    fc.assert(
      fc.property(stableParams, (params) => {
        const m = setupModel(ar, params);
        const A = transitionMatrix(m);
        const I = identity(ar, m.stages);
        const P = companionP(m);
        expect(strM(P)).toEqual(strM(solveLyapunovDense(ar, A, I)));
        expect(lyapunovResidual(ar, A, P, I).every((row) => row.every((x) => x.isZero()))).toBe(true);
      }),
      { seed: SEED, numRuns: 40 },
    );
  });

  it('P is symmetric and positive definite (every symmetric pivot > 0)', () => {
    fc.assert(
      fc.property(stableParams, (params) => {
        const P = companionP(setupModel(ar, params));
        expect(strM(P)).toEqual(strM(transpose(P)));
        const pivots = symmetricPivots(ar, P);
        expect(pivots).toHaveLength(P.length);
        expect(pivots.every((p) => p.sign() > 0)).toBe(true);
      }),
      { seed: SEED, numRuns: 40 },
    );
  });

  it('solves for another symmetric positive definite Q as well', () => {
    const entry = fc.integer({ min: -3, max: 3 }).map((n) => Rational.of(n));
    const withQ = stableParams.chain((params) =>
      fc
        .array(fc.array(entry, { minLength: params.lB, maxLength: params.lB }), { minLength: params.lB, maxLength: params.lB })
        .map((B) => ({ params, B })),
    );
    fc.assert(
      fc.property(withQ, ({ params, B }) => {
        const m = setupModel(ar, params);
        const I = identity(ar, m.stages);
        const Q = multiply(ar, transpose(B), B).map((row, i) => row.map((x, j) => x.add(I[i][j]))); // BᵀB + I
        const A = transitionMatrix(m);
        const P = companionP(m, Q);
        expect(lyapunovResidual(ar, A, P, Q).every((row) => row.every((x) => x.isZero()))).toBe(true);
        expect(strM(P)).toEqual(strM(solveLyapunovDense(ar, A, Q)));
      }),
      { seed: SEED, numRuns: 25 },
    );
  });
});

describe('the fraction-free companion solver (lean exact path)', () => {
  const asRationals = (P: IntegerMatrix, n: number) => Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => Rational.of(P.n[i * n + j], P.d)));
  /** A's first row as integers over one positive denominator. */
  const integerRow = (row: readonly Rational[]) => {
    const w = row.reduce((d, x) => (d * x.den) / gcdOf(d, x.den), 1n);
    return { alpha: row.map((x) => x.num * (w / x.den)), w };
  };
  const gcdOf = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcdOf(b, a % b));

  it('lB = 2 by hand: [[32/7, 0], [0, 1]] over a positive denominator', () => {
    // a = −3/4 as α = −3 over w = 4 (see the hand-computed case above).
    const P = solveLyapunovCompanionIntegers([-3n, 0n], 4n);
    expect(P.d > 0n).toBe(true);
    expect(strM(asRationals(P, 2))).toEqual([
      ['32/7', '0'],
      ['0', '1'],
    ]);
  });

  it('equals the Rational solver on random stable parameters', () => {
    fc.assert(
      fc.property(stableParams, (params) => {
        const m = setupModel(ar, params);
        const { alpha, w } = integerRow(transitionFirstRow(m));
        const P = solveLyapunovCompanionIntegers(alpha, w);
        expect(P.d > 0n).toBe(true);
        expect(strM(asRationals(P, m.stages))).toEqual(strM(companionP(m)));
      }),
      { seed: SEED, numRuns: 40 },
    );
  });

  it('leaves a zero exact residual for any integer first row whose system is regular (stable or not)', () => {
    const rows = fc.integer({ min: 1, max: 6 }).chain((n) =>
      fc.tuple(fc.array(fc.integer({ min: -9, max: 9 }), { minLength: n, maxLength: n }), fc.integer({ min: 1, max: 7 })),
    );
    let solved = 0;
    fc.assert(
      fc.property(rows, ([alpha, w]) => {
        const first = alpha.map((a) => Rational.of(a, w));
        let rational: Matrix<Rational>;
        try {
          rational = solveLyapunovCompanion(ar, first, identity(ar, alpha.length));
        } catch {
          // Singular for the Rational solver: singular for this one too.
          expect(() => solveLyapunovCompanionIntegers(alpha.map(BigInt), BigInt(w))).toThrow(RangeError);
          return;
        }
        const P = asRationals(solveLyapunovCompanionIntegers(alpha.map(BigInt), BigInt(w)), alpha.length);
        const A = first.map((_, i) => first.map((a, j) => (i === 0 ? a : i === j + 1 ? Rational.ONE : Rational.ZERO)));
        expect(lyapunovResidual(ar, A, P, identity(ar, alpha.length)).every((row) => row.every((x) => x.isZero()))).toBe(true);
        expect(strM(P)).toEqual(strM(rational));
        solved++;
      }),
      { seed: SEED, numRuns: 200 },
    );
    expect(solved).toBeGreaterThan(100);
  });
});
