import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exactArithmetic, float64Arithmetic, Rational } from '../../models/arithmetic/index.js';
import { validateParams } from '../../models/theory-simulation/params.js';
import { mergedTokens, setupModel } from '../../models/theory-simulation/setup.js';
import { paramsArb, SEED } from './support/arbitraries.js';

/** Parameter-derived quantities (SPEC §1–2). */

describe('setupModel', () => {
  it('l0=3 lA=2 lB=3 B=60 λ=2,3 by hand', () => {
    // p = 2/5, q = 3/5; tokens (4, 5, 6); W = (4, 5, 6·3/5) = (4, 5, 18/5);
    // Σ W = 9 + 18/5 = 63/5; N* = 60/(63/5) = 300/63 = 100/21
    const m = setupModel(exactArithmetic, validateParams({ l0: 3, lA: 2, lB: 3, B: 60, lambdaA: 2, lambdaB: 3 }));
    expect([m.p, m.q].map(String)).toEqual(['2/5', '3/5']);
    expect(m.tokens.map(String)).toEqual(['4', '5', '6']);
    expect(m.W.map(String)).toEqual(['4', '5', '18/5']);
    expect(String(m.sumW)).toBe('63/5');
    expect(String(m.Nstar)).toBe('100/21');
    expect(m.stages).toBe(3);
    expect(m.zeros.map(String)).toEqual(['0', '0', '0']);
    expect(Object.isFrozen(m.W)).toBe(true);
  });

  it('in float64, the same numbers rounded', () => {
    const m = setupModel(float64Arithmetic, validateParams({ l0: 3, lA: 2, lB: 3, B: 60, lambdaA: 2, lambdaB: 3 }));
    expect(m.W[2]).toBeCloseTo(3.6, 14);
    expect(m.Nstar).toBeCloseTo(100 / 21, 12);
  });

  it('p + q = 1, and the equilibrium N*·(1, …, 1) holds exactly B tokens', () => {
    fc.assert(
      fc.property(paramsArb(), (params) => {
        const m = setupModel(exactArithmetic, params);
        expect(m.p.add(m.q).equals(Rational.ONE)).toBe(true);
        expect(m.p.equals(params.lambdaA.div(params.lambdaA.add(params.lambdaB)))).toBe(true);
        expect(mergedTokens(m, m.W.map(() => m.Nstar)).equals(params.B)).toBe(true);
      }),
      { seed: SEED, numRuns: 100 },
    );
  });
});
