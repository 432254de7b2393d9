import { byMargin } from '../support/outcome.js';
import type { StepConjecture } from '../types.js';
import { SCALE_FREE } from '../../models/theory-simulation/invariances.js';
import { extremaDifference } from './support/kernel-extrema.js';

export const minDominance: StepConjecture<'theory-simulation'> = {
  id: 'min-dominance',
  statement: 'min Mᵀ ≤ min Mˢ',
  source: '000 §4.2, §6.1',
  family: 'theory-simulation',
  invariantUnder: SCALE_FREE,
  scope: 'step',
  preconditions: [],
  names: [],
  margin: 'min Mˢ − min Mᵀ; holds iff ≥ 0',
  check(v) {
    return byMargin(v.ar, v.ar.sub(v.minS, v.minT), { minT: v.minT, minS: v.minS, theory: v.theory, simulation: v.simulation });
  },
  kernel: {
    check: (s) => extremaDifference(s, s.minS, s.minT),
  },
};
