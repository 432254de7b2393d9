import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exactArithmetic, Rational } from '../../models/arithmetic/index.js';
import { coupledRun, perTypeCoupledRun, type CoupledRecord } from '../../models/theory-simulation/coupled.js';
import { mergedInitial, perTypeInitial, type InitialState } from '../../models/theory-simulation/initial-state.js';
import type { ModelParams } from '../../models/theory-simulation/params.js';
import { mergedView } from '../../models/theory-simulation/per-type.js';
import { setupModel } from '../../models/theory-simulation/setup.js';
import { mergedCaseArb, positiveRational, SEED, str } from './support/arbitraries.js';

/** Metamorphic relations between runs of the models (SPEC §1–3). */

const STEPS = 25;
const ar = exactArithmetic;
const runs = { seed: SEED, numRuns: 40 };

function mergedRun(params: ModelParams, M0: Rational[]): CoupledRecord<Rational>[] {
  return [...coupledRun(setupModel(ar, params), M0, STEPS)];
}

/** Every number of a record, in a fixed order (admissions are null at t = 0). */
function numbers(r: CoupledRecord<Rational>): (Rational | null)[] {
  return [
    ...r.theory,
    ...r.simulation,
    r.theoryAdmission,
    r.desired,
    r.simAdmission,
    ...(r.simAdvanced ?? []),
    ...r.eviction,
    ...r.cohortEviction,
  ];
}

/** The same start for other parameters: M0 read off once, scaled by k. */
const scaledStart = (params: ModelParams, init: InitialState, k: Rational): Rational[] =>
  mergedInitial(params, init).map((x) => x.mul(k));

describe('metamorphic relations of the merged models', () => {
  it('scaling B (and the start) by k scales every state, admission and eviction by k', () => {
    fc.assert(
      fc.property(mergedCaseArb(), positiveRational(7, 5), ({ params, init }, k) => {
        const base = mergedRun(params, scaledStart(params, init, Rational.ONE));
        const scaled = mergedRun({ ...params, B: params.B.mul(k) }, scaledStart(params, init, k));
        scaled.forEach((r, t) => {
          expect(r.evicted).toBe(base[t].evicted);
          const want = numbers(base[t]).map((x) => (x === null ? 'null' : x.mul(k).toString()));
          expect(numbers(r).map(String)).toEqual(want);
        });
      }),
      runs,
    );
  });

  it('scaling both arrival rates by k changes nothing', () => {
    fc.assert(
      fc.property(mergedCaseArb(), positiveRational(7, 5), ({ params, init }, k) => {
        const M0 = mergedInitial(params, init);
        const base = mergedRun(params, M0);
        const scaled = mergedRun({ ...params, lambdaA: params.lambdaA.mul(k), lambdaB: params.lambdaB.mul(k) }, M0);
        scaled.forEach((r, t) => {
          expect(r.evicted).toBe(base[t].evicted);
          expect(numbers(r).map(String)).toEqual(numbers(base[t]).map(String));
        });
      }),
      runs,
    );
  });

  it('from a proportional start, the merged models equal the merged view of the per-type models', () => {
    fc.assert(
      fc.property(mergedCaseArb(), ({ params, init }) => {
        const m = setupModel(ar, params);
        const merged = [...coupledRun(m, mergedInitial(params, init), STEPS)];
        const perType = [...perTypeCoupledRun(m, perTypeInitial(params, init), STEPS)];
        perType.forEach((r, t) => {
          const want = merged[t];
          expect(str(r.theoryMerged)).toEqual(str(want.theory));
          expect(str(r.simulationMerged)).toEqual(str(want.simulation));
          expect([r.theoryAdmission, r.desired, r.simAdmission].map(String)).toEqual(
            [want.theoryAdmission, want.desired, want.simAdmission].map(String),
          );
          expect(r.evicted).toBe(want.evicted);
          expect(str(mergedView(m, r.eviction))).toEqual(str(want.eviction));
        });
      }),
      runs,
    );
  });
});
