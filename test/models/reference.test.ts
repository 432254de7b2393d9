import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exactArithmetic, Rational } from '../../models/arithmetic/index.js';
import { coupledRun, perTypeCoupledRun } from '../../models/theory-simulation/coupled.js';
import { mergedInitial, perTypeInitial } from '../../models/theory-simulation/initial-state.js';
import { paramsToJson } from '../../models/theory-simulation/params.js';
import { setupModel } from '../../models/theory-simulation/setup.js';
import {
  Frac,
  refMergedSimulation,
  refMergedTheory,
  refLyapunovP,
  refModel,
  refPerTypeSimulation,
  refPerTypeTheory,
  type RefPerType,
} from '../support/reference-model.js';
import { mergedCaseArb, perTypeCaseArb, SEED, str } from './support/arbitraries.js';

/**
 * The models agree exactly, digit for digit, with an independent reference
 * implementation of SPEC §3 (test/support/reference-model.ts), which shares
 * no code with models/: parameters and states cross over as strings.
 */

const STEPS = 25;
const runs = { seed: SEED, numRuns: 50 };
const fracs = (xs: readonly Rational[]) => xs.map((x) => Frac.from(x.toString()));
const strs = (xs: readonly Frac[]) => xs.map(String);
const strX = (X: RefPerType) => ({ A: strs(X.A), B: strs(X.B) });

describe('agreement with the reference implementation', () => {
  it('reference sanity: one hand step (l0=1 lA=1 lB=3 B=10 λ=1,1, M = (1/2, 6, 0))', () => {
    // same case as hand-computed.test.ts: ã = −11/8, Simulation keeps (0, 0, 5), evicts (0, 1/2, 1)
    const model = refModel({ l0: 1, lA: 1, lB: 3, B: '10', lambdaA: '1', lambdaB: '1' });
    const M = ['1/2', '6', '0'].map(Frac.from);
    expect(strs(refMergedTheory(model, M).state)).toEqual(['-11/8', '1/2', '6']);
    const sim = refMergedSimulation(model, M);
    expect(strs(sim.state)).toEqual(['0', '0', '5']);
    expect(strs(sim.eviction)).toEqual(['0', '1/2', '1']);
  });

  it('the reference itself reproduces the merged exact fixtures (SPEC §6)', () => {
    const fixtures = JSON.parse(readFileSync(new URL('../fixtures/exact-trajectories.json', import.meta.url), 'utf8'));
    const merged = Object.entries<any>(fixtures).filter(([k]) => k.startsWith('merged_'));
    expect(merged.length).toBeGreaterThan(0);
    for (const [, fx] of merged) {
      const model = refModel(fx.params);
      const M0: Frac[] = fx.init.kind === 'canonical'
        ? model.W.map((w, s) => (s === 0 ? model.B.over(w) : new Frac(0n)))
        : fx.init.M0.map(Frac.from);
      let theory = M0;
      let simulation = M0;
      for (const want of fx.steps.slice(1)) {
        theory = refMergedTheory(model, theory).state;
        const sim = refMergedSimulation(model, simulation);
        simulation = sim.state;
        expect(strs(theory)).toEqual(want.theory);
        expect(strs(simulation)).toEqual(want.simulation);
        expect(strs(sim.eviction)).toEqual(want.eviction);
      }
    }
  });

  it('the reference Lyapunov P: hand-computed for lB = 2, the fixtures (SPEC §6), none where A is not stable', () => {
    const P = (lambdaB: string, l0 = 1, lA = 1, lB = 2) => refLyapunovP(refModel({ l0, lA, lB, B: '1', lambdaA: '1', lambdaB }));
    // lB = 2: A = [[a, 0], [1, 0]], a = −W1/W0, P = [[2/(1 − a²), 0], [0, 1]] (see lyapunov.test.ts).
    expect(P('1')?.map(strs)).toEqual([['32/7', '0'], ['0', '1']]); // a = −3/4
    expect(P('2')).toBeNull(); // a = −1: ρ(A) = 1, the system is singular
    expect(P('3')).toBeNull(); // a = −9/8: ρ(A) > 1, its solution is not positive definite
    const fixtures = JSON.parse(readFileSync(new URL('../fixtures/exact-trajectories.json', import.meta.url), 'utf8'));
    const lyapunov = Object.entries<any>(fixtures).filter(([k]) => k.startsWith('lyapunov_'));
    expect(lyapunov.length).toBeGreaterThan(0);
    for (const [, fx] of lyapunov) {
      expect(fx.Q).toBe('identity');
      expect(refLyapunovP(refModel({ ...fx.params, B: '1' }))?.map(strs)).toEqual(fx.P);
    }
  });

  it('merged models equal the reference at every step', () => {
    let evictions = 0;
    fc.assert(
      fc.property(mergedCaseArb(), ({ params, init }) => {
        const model = refModel(paramsToJson(params));
        const M0 = mergedInitial(params, init);
        const records = [...coupledRun(setupModel(exactArithmetic, params), M0, STEPS)];
        let theory = fracs(M0);
        let simulation = fracs(M0);
        for (const r of records.slice(1)) {
          const th = refMergedTheory(model, theory);
          const sim = refMergedSimulation(model, simulation);
          theory = th.state;
          simulation = sim.state;
          expect(str(r.theory)).toEqual(strs(th.state));
          expect(String(r.theoryAdmission)).toBe(th.admission.toString());
          expect(str(r.simulation)).toEqual(strs(sim.state));
          expect(String(r.desired)).toBe(sim.desired.toString());
          expect(String(r.simAdmission)).toBe(sim.admission.toString());
          expect(str(r.eviction)).toEqual(strs(sim.eviction));
          if (r.evicted) evictions++;
        }
      }),
      runs,
    );
    expect(evictions).toBeGreaterThan(20);
  });

  it('per-type models equal the reference at every step, from arbitrary per-type starts', () => {
    let evictions = 0;
    fc.assert(
      fc.property(perTypeCaseArb(), ({ params, X0 }) => {
        const model = refModel(paramsToJson(params));
        const records = [...perTypeCoupledRun(setupModel(exactArithmetic, params), X0, STEPS)];
        let theory: RefPerType = { A: fracs(X0.A), B: fracs(X0.B) };
        let simulation = theory;
        for (const r of records.slice(1)) {
          const th = refPerTypeTheory(model, theory);
          const sim = refPerTypeSimulation(model, simulation);
          theory = th.state;
          simulation = sim.state;
          expect({ A: str(r.theory.A), B: str(r.theory.B) }).toEqual(strX(th.state));
          expect(String(r.theoryAdmission)).toBe(th.admission.toString());
          expect({ A: str(r.simulation.A), B: str(r.simulation.B) }).toEqual(strX(sim.state));
          expect(String(r.desired)).toBe(sim.desired.toString());
          expect(String(r.simAdmission)).toBe(sim.admission.toString());
          expect({ A: str(r.eviction.A), B: str(r.eviction.B) }).toEqual(strX(sim.eviction));
          if (r.evicted) evictions++;
        }
      }),
      runs,
    );
    expect(evictions).toBeGreaterThan(20);
  });

  it('per-type models equal the reference from proportional starts too', () => {
    fc.assert(
      fc.property(mergedCaseArb(), ({ params, init }) => {
        const model = refModel(paramsToJson(params));
        const X0 = perTypeInitial(params, init);
        const records = [...perTypeCoupledRun(setupModel(exactArithmetic, params), X0, STEPS)];
        let simulation: RefPerType = { A: fracs(X0.A), B: fracs(X0.B) };
        for (const r of records.slice(1)) {
          simulation = refPerTypeSimulation(model, simulation).state;
          expect({ A: str(r.simulation.A), B: str(r.simulation.B) }).toEqual(strX(simulation));
        }
      }),
      { seed: SEED, numRuns: 30 },
    );
  });
});
