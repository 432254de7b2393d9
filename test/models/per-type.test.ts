import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exactArithmetic, Rational } from '../../models/arithmetic/index.js';
import { perTypeCoupledRun } from '../../models/theory-simulation/coupled.js';
import { perTypeInitial } from '../../models/theory-simulation/initial-state.js';
import { validateParams } from '../../models/theory-simulation/params.js';
import { advancePerType, mergedView, perTypeTokens, type PerTypeState } from '../../models/theory-simulation/per-type.js';
import { setupModel } from '../../models/theory-simulation/setup.js';
import { perTypeCaseArb, SEED, str } from './support/arbitraries.js';

/** Per-type models (SPEC §3, seed 002 scheme B). */

const strX = (X: PerTypeState<Rational>) => ({ A: str(X.A), B: str(X.B) });

describe('hand-computed per-type case (l0=1 lA=2 lB=3 B=12 λ=1,1)', () => {
  // p = q = 1/2; tokens per request (2, 3, 4). X(0): A = (2, 0), B = (4, 0, 0) — 12 tokens,
  // not proportional (2 : 4 at stage 0).
  // t=1: advance A = (0, 2), B = (0, 4, 0); occupied 3·(2 + 4) = 18; ã = (12 − 18)/2 = −3.
  //      Theory: A = (−3/2, 2), B = (−3/2, 4, 0).
  //      Simulation: stage 2 holds 0; stage 1 holds 18 > 12 and keeps the fraction 12/18 = 2/3 of
  //      both types: A_1 = 4/3, B_1 = 8/3; evicted A_1 = 2/3, B_1 = 4/3.
  // t=2: Theory: advance A = (0, −3/2), B = (0, −3/2, 4); occupied 3·(−3) + 4·4 = 7; ã = 5/2;
  //      A = (5/4, −3/2), B = (5/4, −3/2, 4).
  //      Simulation: advance A = (0, 0), B = (0, 0, 8/3); occupied 32/3; ã = (12 − 32/3)/2 = 2/3;
  //      A = (1/3, 0), B = (1/3, 0, 8/3).
  // Merged views (X_A + X_B below lA, X_B/q from lA on): t=1 Theory (−3, 6, 0), Simulation (0, 4, 0);
  // t=2 Theory (5/2, −3, 8), Simulation (2/3, 0, 16/3).
  const params = validateParams({ l0: 1, lA: 2, lB: 3, B: 12, lambdaA: 1, lambdaB: 1 });
  const m = setupModel(exactArithmetic, params);
  const X0 = perTypeInitial(params, { kind: 'per-type', X0: { A: [2, 0].map(Rational.fromInteger), B: [4, 0, 0].map(Rational.fromInteger) } });
  const [r0, r1, r2] = [...perTypeCoupledRun(m, X0, 2)];

  it('starts from X(0) with no admission', () => {
    expect(strX(r0.theory)).toEqual({ A: ['2', '0'], B: ['4', '0', '0'] });
    expect([r0.theoryAdmission, r0.desired, r0.simAdmission]).toEqual([null, null, null]);
    expect(str(r0.simulationMerged)).toEqual(['6', '0', '0']);
  });

  it('t=1: Theory admits −3 split p:q, Simulation keeps 2/3 of both types at stage 1', () => {
    expect(strX(r1.theory)).toEqual({ A: ['-3/2', '2'], B: ['-3/2', '4', '0'] });
    expect(strX(r1.simulation)).toEqual({ A: ['0', '4/3'], B: ['0', '8/3', '0'] });
    expect([r1.theoryAdmission, r1.desired, r1.simAdmission].map(String)).toEqual(['-3', '-3', '0']);
    expect(r1.evicted).toBe(true);
    expect(strX(r1.eviction)).toEqual({ A: ['0', '2/3'], B: ['0', '4/3', '0'] });
    expect(str(r1.theoryMerged)).toEqual(['-3', '6', '0']);
    expect(str(r1.simulationMerged)).toEqual(['0', '4', '0']);
  });

  it('t=2: both admit without eviction; type A leaves after stage lA−1', () => {
    expect(strX(r2.theory)).toEqual({ A: ['5/4', '-3/2'], B: ['5/4', '-3/2', '4'] });
    expect(strX(r2.simulation)).toEqual({ A: ['1/3', '0'], B: ['1/3', '0', '8/3'] });
    expect([r2.theoryAdmission, r2.desired, r2.simAdmission].map(String)).toEqual(['5/2', '2/3', '2/3']);
    expect(r2.evicted).toBe(false);
    expect(strX(r2.eviction)).toEqual({ A: ['0', '0'], B: ['0', '0', '0'] });
    expect(str(r2.theoryMerged)).toEqual(['5/2', '-3', '8']);
    expect(str(r2.simulationMerged)).toEqual(['2/3', '0', '16/3']);
  });
});

describe('per-type properties from arbitrary (unbalanced, non-proportional) starts', () => {
  const STEPS = 25;
  let runsWithEviction = 0;

  it('token balance, non-negativity, eviction iff ã < 0, equal fractions of both types, p:q admission split', () => {
    fc.assert(
      fc.property(perTypeCaseArb(), ({ params, X0 }) => {
        const m = setupModel(exactArithmetic, params);
        const ar = exactArithmetic;
        const records = [...perTypeCoupledRun(m, X0, STEPS)];
        let evictedHere = false;
        for (let t = 1; t < records.length; t++) {
          const r = records[t];
          // token balance for both models
          expect(perTypeTokens(m, r.theory).equals(params.B)).toBe(true);
          expect(perTypeTokens(m, r.simulation).equals(params.B)).toBe(true);
          // admissions split p : q
          expect(r.theory.A[0].equals(m.p.mul(r.theoryAdmission!))).toBe(true);
          expect(r.theory.B[0].equals(m.q.mul(r.theoryAdmission!))).toBe(true);
          expect(r.simulation.A[0].equals(m.p.mul(r.simAdmission!))).toBe(true);
          expect(r.simulation.B[0].equals(m.q.mul(r.simAdmission!))).toBe(true);
          // Simulation ≥ 0
          for (const x of [...r.simulation.A, ...r.simulation.B, ...r.eviction.A, ...r.eviction.B]) {
            expect(x.sign()).toBeGreaterThanOrEqual(0);
          }
          // eviction iff ã < 0; state + eviction = advanced state
          const advanced = advancePerType(m, records[t - 1].simulation);
          expect(r.evicted).toBe(r.desired!.sign() < 0);
          if (!r.evicted) {
            expect(r.simAdmission!.equals(r.desired!)).toBe(true);
            expect([...r.eviction.A, ...r.eviction.B].every((x) => x.isZero())).toBe(true);
            continue;
          }
          evictedHere = true;
          expect(r.simAdmission!.isZero()).toBe(true);
          for (let s = 1; s < params.lB; s++) {
            expect(r.simulation.B[s].add(r.eviction.B[s]).equals(advanced.B[s])).toBe(true);
            if (s < params.lA) {
              expect(r.simulation.A[s].add(r.eviction.A[s]).equals(advanced.A[s])).toBe(true);
              // both types keep the same fraction: kept_A·adv_B = kept_B·adv_A
              expect(r.simulation.A[s].mul(advanced.B[s]).equals(r.simulation.B[s].mul(advanced.A[s]))).toBe(true);
            }
          }
          // tokens evicted = tokens over budget = −l0+1 times ã
          const evictedTokens = m.tokens.reduce(
            (acc, w, s) => acc.add(w.mul(s < params.lA ? r.eviction.A[s].add(r.eviction.B[s]) : r.eviction.B[s])),
            ar.zero,
          );
          expect(evictedTokens.equals(m.tokens[0].mul(r.desired!).neg())).toBe(true);
        }
        if (evictedHere) runsWithEviction++;
      }),
      { seed: SEED, numRuns: 60 },
    );
    // the eviction branch was exercised, not only the admission branch
    expect(runsWithEviction).toBeGreaterThan(10);
  });

  it('mergedView is X_A + X_B below lA and X_B/q from lA on', () => {
    fc.assert(
      fc.property(perTypeCaseArb(), ({ params, X0 }) => {
        const m = setupModel(exactArithmetic, params);
        const view = mergedView(m, X0);
        view.forEach((v, s) => {
          // multiply back instead of dividing: v·q = X_B for s ≥ lA
          if (s < params.lA) expect(v.equals(X0.A[s].add(X0.B[s]))).toBe(true);
          else expect(v.mul(m.q).equals(X0.B[s])).toBe(true);
        });
      }),
      { seed: SEED, numRuns: 50 },
    );
  });
});
