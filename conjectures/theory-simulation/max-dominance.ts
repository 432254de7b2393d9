import { byMargin } from '../support/outcome.js';
import type { StepConjecture } from '../types.js';
import { SCALE_FREE } from '../../models/theory-simulation/invariances.js';
import { extremaDifference } from './support/kernel-extrema.js';

export const maxDominance: StepConjecture<'theory-simulation'> = {
  id: 'max-dominance',
  statement: 'max Mᵀ ≥ max Mˢ',
  source: '000 §4.2, §5.2',
  family: 'theory-simulation',
  invariantUnder: SCALE_FREE,
  scope: 'step',
  preconditions: [],
  names: [],
  margin: 'max Mᵀ − max Mˢ; holds iff ≥ 0',
  check(v) {
    return byMargin(v.ar, v.ar.sub(v.maxT, v.maxS), { maxT: v.maxT, maxS: v.maxS, theory: v.theory, simulation: v.simulation });
  },
  kernel: {
    check: (s) => extremaDifference(s, s.maxT, s.maxS),
  },
};
