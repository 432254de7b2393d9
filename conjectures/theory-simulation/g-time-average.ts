import { byMargin } from '../support/outcome.js';
import type { TrajectoryConjecture } from '../types.js';
import { SCALE_FREE } from '../../models/theory-simulation/invariances.js';

export const gTimeAverage: TrajectoryConjecture<'theory-simulation'> = {
  id: 'g-time-average',
  statement: 'Σ_{t≤T} Gˢ(t) ≤ Σ_{t≤T} Gᵀ(t), checked at every horizon T of the run',
  source: '000 §8.3',
  family: 'theory-simulation',
  invariantUnder: SCALE_FREE,
  scope: 'trajectory',
  preconditions: [],
  names: [],
  margin: 'Σ Gᵀ − Σ Gˢ up to t; holds iff ≥ 0',
  start(first) {
    const { ar } = first;
    let sumT = ar.zero;
    let sumS = ar.zero;
    return {
      step(v) {
        sumT = ar.normalize(ar.add(sumT, v.GT));
        sumS = ar.normalize(ar.add(sumS, v.GS));
        return byMargin(ar, ar.sub(sumT, sumS), { sumGT: sumT, sumGS: sumS });
      },
      finish: () => null,
    };
  },
};
