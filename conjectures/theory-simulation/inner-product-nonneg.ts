import { byMargin } from '../support/outcome.js';
import { aStable } from './support/preconditions.js';
import type { StepConjecture } from '../types.js';
import { SCALE_FREE } from '../../models/theory-simulation/invariances.js';
import { byEnclosure } from '../support/kernel.js';

export const innerProductNonneg: StepConjecture<'theory-simulation'> = {
  id: 'inner-product-nonneg',
  statement: '⟨xˢ, Δ⟩_P ≥ 0',
  source: '001 §3.2',
  family: 'theory-simulation',
  invariantUnder: SCALE_FREE,
  scope: 'step',
  preconditions: [aStable],
  names: [],
  margin: '⟨xˢ, Δ⟩_P; holds iff ≥ 0',
  check(v) {
    return byMargin(v.ar, v.innerXsDelta, { innerXsDelta: v.innerXsDelta, xS: v.xS, delta: v.delta });
  },
  kernel: {
    check(s) {
      s.innerXsDelta();
      return byEnclosure(s, s.marginLo, s.marginHi);
    },
  },
};
