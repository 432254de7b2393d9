import type { Arithmetic } from '../../models/arithmetic/arithmetic.js';
import { maxAbs } from '../../models/arithmetic/vector.js';
import type { PerTypeState } from '../../models/theory-simulation/per-type.js';
import { byMargin } from '../support/outcome.js';
import type { TrajectoryConjecture } from '../types.js';
import { SCALE_FREE } from '../../models/theory-simulation/invariances.js';

/** X[s][A]·q − X[s][B]·p for s < lA: zero exactly when the state is proportional. */
export function proportionalityDefects<N>(ar: Arithmetic<N>, X: PerTypeState<N>, p: N, q: N): N[] {
  return X.A.map((a, s) => ar.sub(ar.mul(a, q), ar.mul(X.B[s], p)));
}

export const proportionalAfterWarmup: TrajectoryConjecture<'theory-simulation-per-type'> = {
  id: 'proportional-after-warmup',
  statement: 'the per-type state is proportional (X[s][A] : X[s][B] = p : q) for all t ≥ max(lA, lB), in both models, from any initial state',
  source: '002 §3.1',
  family: 'theory-simulation-per-type',
  invariantUnder: SCALE_FREE,
  scope: 'trajectory',
  preconditions: [],
  names: [],
  margin: '−max_s |X[s][A]·q − X[s][B]·p| over both models; holds iff = 0',
  start(first) {
    const { ar, ctx } = first;
    const warmup = Math.max(ctx.params.lA, ctx.params.lB);
    return {
      step(v) {
        if (v.t < warmup) return null;
        const { p, q } = ctx.setup;
        const theoryDefects = proportionalityDefects(ar, v.record.theory, p, q);
        // One state for both models (before the first eviction): its defects once.
        const shared = v.record.simulation === v.record.theory;
        const simulationDefects = shared ? theoryDefects : proportionalityDefects(ar, v.record.simulation, p, q);
        const worst = maxAbs(ar, shared ? theoryDefects : [...theoryDefects, ...simulationDefects]);
        return byMargin(ar, ar.neg(worst), { theoryDefects, simulationDefects });
      },
      finish: () => null,
    };
  },
};
