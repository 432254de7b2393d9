import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exactArithmetic, Rational } from '../../../models/arithmetic/index.js';
import { parameterContext } from '../../../models/theory-simulation/context.js';
import { linearAnalysis } from '../../../models/theory-simulation/linear/analysis.js';
import { identity, type Matrix } from '../../../models/theory-simulation/linear/matrix.js';
import { schurCohn } from '../../../models/theory-simulation/linear/stability.js';
import { fPolynomial } from '../../../models/theory-simulation/linear/transition.js';
import { validateParams } from '../../../models/theory-simulation/params.js';
import { setupModel } from '../../../models/theory-simulation/setup.js';
import { paramsArb, SEED } from '../support/arbitraries.js';

/** linearAnalysis: the lazily computed linear analysis of one parameter set (SPEC §4). */

const ar = exactArithmetic;
const analysisOf = (raw: Record<string, unknown>) => linearAnalysis(setupModel(ar, validateParams({ B: 1, ...raw })));

/** Determinant by Laplace expansion along the first row (independent of the models' elimination). */
function det(M: Matrix<Rational>): Rational {
  if (M.length === 0) return Rational.ONE;
  return M[0].reduce((acc, x, j) => {
    if (x.isZero()) return acc;
    const minor = M.slice(1).map((row) => row.filter((_, k) => k !== j));
    const term = x.mul(det(minor));
    return j % 2 === 0 ? acc.add(term) : acc.sub(term);
  }, Rational.ZERO);
}

describe('linearAnalysis', () => {
  it('l0=10 lA=2 lB=3 λ=1,1: A, F, a stable decision and P', () => {
    const a = analysisOf({ l0: 10, lA: 2, lB: 3, lambdaA: 1, lambdaB: 1 });
    expect(a.A[0].map(String)).toEqual(['-12/11', '-13/22', '0']);
    expect(a.F.map(String)).toEqual(['11', '12', '13/2']);
    expect(a.stability.stable).toBe(true);
    // seed 001 §4.7 to two decimals
    expect(a.P.map((row) => row.map((x) => Number(x.toNumber().toFixed(2))))).toEqual([
      [8.7, 3.53, 0],
      [3.53, 5.04, 0],
      [0, 0, 1],
    ]);
    expect(a.spectrumEstimate.spectralRadius).toBeCloseTo(0.769, 3);
    // computed once: the same objects on every read
    expect(a.A).toBe(a.A);
    expect(a.P).toBe(a.P);
  });

  it('(P⁻¹)_00 = det(P without row and column 0)/det(P) for random stable parameters', () => {
    const stable = paramsArb({ maxL0: 12, maxLA: 3, maxGap: 2 }).filter((p) => schurCohn(ar, fPolynomial(setupModel(ar, p))).stable);
    fc.assert(
      fc.property(stable, (params) => {
        const a = linearAnalysis(setupModel(ar, params));
        const P = a.P;
        const minor = P.slice(1).map((row) => row.slice(1));
        expect(a.PInverse00.equals(det(minor).div(det(P)))).toBe(true);
      }),
      { seed: SEED, numRuns: 30 },
    );
  });

  it('P and the Lyapunov matrices throw a clear RangeError when A is not stable', () => {
    // l0=1 lA=1 lB=2 λ=1,3: W = (2, 9/4), F(λ) = 2λ + 9/4 has the root −9/8, outside the unit disk
    const a = analysisOf({ l0: 1, lA: 1, lB: 2, lambdaA: 1, lambdaB: 3 });
    expect(a.stability.stable).toBe(false);
    expect(a.A[0].map(String)).toEqual(['-9/8', '0']);
    const message = 'the Lyapunov matrix P exists only when A is stable (ρ(A) < 1)';
    expect(() => a.P).toThrow(RangeError);
    expect(() => a.P).toThrow(message);
    expect(() => a.PInverse00).toThrow(message);
    expect(() => a.lyapunov(identity(ar, 2))).toThrow(message);
  });

  it('lyapunov(Q) solves for another Q', () => {
    // lB = 2 with Q = diag(q0, q1): as for Q = I (see lyapunov.test.ts), y = 0, z = q1, x(1 − a²) = q0 + q1.
    // l0=1 lA=1 lB=2 λ=1,1: a = −3/4, Q = diag(2, 3): x = 5/(7/16) = 80/7.
    const a = analysisOf({ l0: 1, lA: 1, lB: 2, lambdaA: 1, lambdaB: 1 });
    const Q = [[Rational.of(2), Rational.ZERO], [Rational.ZERO, Rational.of(3)]];
    expect(a.lyapunov(Q).map((row) => row.map(String))).toEqual([
      ['80/7', '0'],
      ['0', '3'],
    ]);
  });
});

describe('parameterContext', () => {
  it('shares one setup between the run and its linear analysis', () => {
    const params = validateParams({ l0: 3, lA: 2, lB: 3, B: 60, lambdaA: 1, lambdaB: 1 });
    const ctx = parameterContext(ar, params);
    expect(ctx.params).toBe(params);
    expect(ctx.setup.params).toBe(params);
    expect(ctx.linear.setup).toBe(ctx.setup);
    expect(ctx.setup.W.map(String)).toEqual(['4', '5', '3']); // (4, 5, 6·1/2)
  });
});
