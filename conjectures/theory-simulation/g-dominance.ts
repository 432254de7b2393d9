import { byMargin } from '../support/outcome.js';
import type { StepConjecture } from '../types.js';
import { SCALE_FREE } from '../../models/theory-simulation/invariances.js';

export const gDominance: StepConjecture<'theory-simulation'> = {
  id: 'g-dominance',
  statement: 'Gᵀ(t) ≥ Gˢ(t): the Theory spread is at least the Simulation spread',
  source: '000 §4.1',
  family: 'theory-simulation',
  invariantUnder: SCALE_FREE,
  scope: 'step',
  preconditions: [],
  names: [],
  margin: 'Gᵀ − Gˢ; holds iff ≥ 0',
  check(v) {
    return byMargin(v.ar, v.ar.sub(v.GT, v.GS), { GT: v.GT, GS: v.GS, theory: v.theory, simulation: v.simulation });
  },
};
