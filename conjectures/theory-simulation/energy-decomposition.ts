import { byMargin, identityHolds } from '../support/outcome.js';
import { leanViewOf } from '../../models/theory-simulation/lean-step-view.js';
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
  exactKernel(v) {
    // The four forms are numerators over one denominator: the identity is one integer equality.
    const lean = leanViewOf(v);
    if (!lean) return null;
    const inner = lean.innerXsDeltaNumerator;
    return lean.VTnumerator - lean.VSnumerator === inner + inner + lean.deltaNormPNumerator ? identityHolds(v.ar) : null;
  },
};
