import { byMargin } from '../support/outcome.js';
import { aStable } from './support/preconditions.js';
import type { StepConjecture } from '../types.js';
import { SCALE_FREE } from '../../models/theory-simulation/invariances.js';

export const energyDecomposition: StepConjecture<'theory-simulation'> = {
  id: 'energy-decomposition',
  statement: 'Vᵀ − Vˢ = 2⟨xˢ, Δ⟩_P + ‖Δ‖²_P exactly',
  source: '001 §5.2',
  family: 'theory-simulation',
  invariantUnder: SCALE_FREE,
  scope: 'step',
  exactOnly: true,
  preconditions: [aStable],
  names: [],
  margin: '−|(Vᵀ − Vˢ) − (2⟨xˢ, Δ⟩_P + ‖Δ‖²_P)|; holds iff = 0',
  check(v) {
    const { ar } = v;
    const lhs = ar.sub(v.VT, v.VS);
    const rhs = ar.add(ar.add(v.innerXsDelta, v.innerXsDelta), v.deltaNormP);
    return byMargin(ar, ar.neg(ar.abs(ar.sub(lhs, rhs))), {
      VT: v.VT,
      VS: v.VS,
      innerXsDelta: v.innerXsDelta,
      deltaNormP: v.deltaNormP,
    });
  },
};
