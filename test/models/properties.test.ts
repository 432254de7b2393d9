import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exactArithmetic, Rational } from '../../models/arithmetic/index.js';
import { coupledRun, type CoupledRecord } from '../../models/theory-simulation/coupled.js';
import { mergedInitial } from '../../models/theory-simulation/initial-state.js';
import { matVec } from '../../models/theory-simulation/linear/matrix.js';
import { transitionMatrix } from '../../models/theory-simulation/linear/transition.js';
import type { ModelParams } from '../../models/theory-simulation/params.js';
import { mergedTokens, setupModel, type ModelSetup } from '../../models/theory-simulation/setup.js';
import { mergedCaseArb, SEED, type MergedCase } from './support/arbitraries.js';

/**
 * Invariants of the merged models (SPEC §2–4) over random small parameters
 * (rational B and rates) and canonical, balanced and unbalanced starts.
 */

const STEPS = 30;
const ar = exactArithmetic;

interface Run {
  params: ModelParams;
  m: ModelSetup<Rational>;
  records: CoupledRecord<Rational>[];
  balancedStart: boolean;
}

function simulate({ params, init }: MergedCase): Run {
  const m = setupModel(ar, params);
  const records = [...coupledRun(m, mergedInitial(params, init), STEPS)];
  return { params, m, records, balancedStart: init.kind !== 'unbalanced' };
}

const caseArb = mergedCaseArb().map(simulate);
const runs = { seed: SEED, numRuns: 60 };

describe('merged model invariants', () => {
  it('token balance Σ W_s M_s = B for both models at every t ≥ 1 (and t = 0 from a balanced start)', () => {
    let unbalancedStarts = 0;
    fc.assert(
      fc.property(caseArb, ({ params, m, records, balancedStart }) => {
        for (const r of records) {
          const tokensT = mergedTokens(m, r.theory);
          const tokensS = mergedTokens(m, r.simulation);
          if (r.t >= 1 || balancedStart) {
            expect(tokensT.equals(params.B)).toBe(true);
            expect(tokensS.equals(params.B)).toBe(true);
          }
        }
        if (!balancedStart && !mergedTokens(m, records[0].theory).equals(params.B)) unbalancedStarts++;
      }),
      runs,
    );
    // some starts really were off balance, so "t ≥ 1" was tested on a restoring step
    expect(unbalancedStarts).toBeGreaterThan(5);
  });

  it('Simulation states, admissions and eviction vectors are non-negative', () => {
    fc.assert(
      fc.property(caseArb, ({ records }) => {
        for (const r of records.slice(1)) {
          for (const x of [...r.simulation, ...r.eviction, ...r.cohortEviction, r.simAdmission!]) {
            expect(x.sign()).toBeGreaterThanOrEqual(0);
          }
        }
      }),
      runs,
    );
  });

  it('eviction happens iff ã < 0, and then Σ W_s e_s = −W_0·ã', () => {
    let evictionSteps = 0;
    fc.assert(
      fc.property(caseArb, ({ m, records }) => {
        for (const r of records.slice(1)) {
          const desired = r.desired!;
          expect(r.evicted).toBe(desired.sign() < 0);
          // state + eviction = advanced state on the decode stages; stage 0 holds the admission
          r.simulation.forEach((x, s) => {
            if (s > 0) expect(x.add(r.eviction[s]).equals(r.simAdvanced![s])).toBe(true);
          });
          expect(r.simulation[0].equals(r.simAdmission!)).toBe(true);
          if (r.evicted) {
            evictionSteps++;
            expect(r.simAdmission!.isZero()).toBe(true);
            expect(mergedTokens(m, r.eviction).equals(m.W[0].mul(desired).neg())).toBe(true);
          } else {
            expect(r.simAdmission!.equals(desired)).toBe(true);
            expect(r.eviction.every((e) => e.isZero())).toBe(true);
          }
        }
      }),
      runs,
    );
    expect(evictionSteps).toBeGreaterThan(30);
  });

  it('eviction removes a suffix of the kept stages: whole stages below one partial stage', () => {
    fc.assert(
      fc.property(caseArb, ({ records }) => {
        for (const r of records.slice(1).filter((x) => x.evicted)) {
          // from the top, stages are kept whole, then (at most) one is partial, then all are emptied
          const lB = r.simulation.length;
          let s = lB - 1;
          while (s >= 1 && r.eviction[s].isZero()) s--;
          for (let k = s - 1; k >= 1; k--) expect(r.simulation[k].isZero()).toBe(true);
        }
      }),
      runs,
    );
  });

  it('Theory admits ã (possibly negative) and is exactly linear: M(t+1) − M* = A (M(t) − M*)', () => {
    fc.assert(
      fc.property(caseArb, ({ m, records }) => {
        const A = transitionMatrix(m);
        const dev = (M: readonly Rational[]) => M.map((x) => x.sub(m.Nstar));
        for (let t = 0; t < records.length - 1; t++) {
          const next = records[t + 1];
          expect(next.theory[0].equals(next.theoryAdmission!)).toBe(true);
          const predicted = matVec(ar, A, dev(records[t].theory));
          dev(next.theory).forEach((x, s) => expect(x.equals(predicted[s])).toBe(true));
        }
      }),
      runs,
    );
  });

  it('cohortEviction is what the cohort now at each stage lost at the steps it lived through', () => {
    fc.assert(
      fc.property(caseArb, ({ records }) => {
        records.forEach((r, t) => {
          r.cohortEviction.forEach((c, s) => {
            // the cohort at stage s at time t was at stage s − k at time t − k
            let lost = Rational.ZERO;
            for (let k = 0; k <= s && t - k >= 1; k++) lost = lost.add(records[t - k].eviction[s - k]);
            expect(c.equals(lost)).toBe(true);
          });
        });
      }),
      runs,
    );
  });
});
