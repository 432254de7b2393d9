import { byMargin } from '../support/outcome.js';
import { aStable } from './support/preconditions.js';
import type { StepConjecture } from '../types.js';
import { SCALE_FREE } from '../../models/theory-simulation/invariances.js';
import { byEnclosure } from '../support/kernel.js';

export const vDominance: StepConjecture<'theory-simulation'> = {
  id: 'v-dominance',
  statement: 'Vᵀ ≥ Vˢ with V(M) = ‖M − M*‖²_P',
  source: '001 §3.1',
  family: 'theory-simulation',
  invariantUnder: SCALE_FREE,
  scope: 'step',
  preconditions: [aStable],
  names: [],
  margin: 'Vᵀ − Vˢ; holds iff ≥ 0',
  check(v) {
    return byMargin(v.ar, v.ar.sub(v.VT, v.VS), { VT: v.VT, VS: v.VS, theory: v.theory, simulation: v.simulation });
  },
  kernel: {
    check(s) {
      s.vDifference();
      return byEnclosure(s, s.marginLo, s.marginHi);
    },
  },
};
