import { byMargin } from '../support/outcome.js';
import type { StepConjecture } from '../types.js';
import { SCALE_FREE } from '../../models/theory-simulation/invariances.js';
import { byEnclosure } from '../support/kernel.js';

export const componentwiseDominance: StepConjecture<'theory-simulation'> = {
  id: 'componentwise-dominance',
  statement: 'Mᵀ_s ≥ Mˢ_s for every stage s',
  source: '000 §5.3',
  family: 'theory-simulation',
  invariantUnder: SCALE_FREE,
  scope: 'step',
  preconditions: [],
  names: [],
  margin: 'min_s Δ_s; holds iff ≥ 0',
  remark: 'the seed itself reports it false about half the time',
  check(v) {
    const { ar, delta } = v;
    let stage = 0;
    delta.forEach((d, s) => {
      if (ar.compare(d, delta[stage]) < 0) stage = s;
    });
    return byMargin(ar, delta[stage], { delta, theory: v.theory, simulation: v.simulation }, { positions: { stage } });
  },
  kernel: {
    check(s) {
      let lo = Infinity;
      let hi = Infinity;
      for (let i = 0; i < s.n; i++) {
        if (s.dLo[i] < lo) lo = s.dLo[i];
        if (s.dHi[i] < hi) hi = s.dHi[i];
      }
      return byEnclosure(s, lo, hi);
    },
  },
};
