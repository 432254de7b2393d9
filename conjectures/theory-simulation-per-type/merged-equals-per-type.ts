import { maxAbsDifference, maxOf } from '../../models/arithmetic/vector.js';
import { mergedModelsRun } from '../../models/theory-simulation/lean-run.js';
import { proportionalityDefects } from './proportional-after-warmup.js';
import { byMargin, vacuous } from '../support/outcome.js';
import type { TrajectoryConjecture } from '../types.js';
import { SCALE_FREE } from '../../models/theory-simulation/invariances.js';

export const mergedEqualsPerType: TrajectoryConjecture<'theory-simulation-per-type'> = {
  id: 'merged-equals-per-type',
  statement: 'from a proportional initial state, the merged models equal the merged view of the per-type models at every t',
  source: '002 §3.1',
  family: 'theory-simulation-per-type',
  invariantUnder: SCALE_FREE,
  scope: 'trajectory',
  preconditions: [],
  names: [],
  margin: '−max_s |merged − merged view of per-type| over both models; holds iff = 0',
  start(first) {
    const { ar, ctx } = first;
    const { setup } = ctx;
    const proportional = proportionalityDefects(ar, first.record.theory, setup.p, setup.q).every((d) => ar.isZero(d));
    let reported = false;
    // The merged models run alongside, from the merged view of the same start (on their lean
    // exact path: the same values as stepping them here, without a gcd per step).
    const merged = proportional ? mergedModelsRun(ctx, first.record.theoryMerged) : null;
    return {
      step(v) {
        if (!merged) {
          if (reported) return null;
          reported = true;
          return vacuous('the initial state is not proportional');
        }
        let record = merged.next().value!;
        while (record.t < v.t) record = merged.next().value!;
        const theory = record.theory;
        const simulation = record.simulation;
        const theoryDiff = maxAbsDifference(ar, theory, v.record.theoryMerged);
        // Where each run holds one state for both models, the comparison is the same one.
        const same = simulation === theory && v.record.simulationMerged === v.record.theoryMerged;
        const simulationDiff = same ? theoryDiff : maxAbsDifference(ar, simulation, v.record.simulationMerged);
        return byMargin(ar, ar.neg(maxOf(ar, [theoryDiff, simulationDiff])), {
          mergedTheory: theory,
          perTypeTheory: v.record.theoryMerged,
          mergedSimulation: simulation,
          perTypeSimulation: v.record.simulationMerged,
        });
      },
      finish: () => null,
    };
  },
};
