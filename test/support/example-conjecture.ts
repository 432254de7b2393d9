import { byMargin } from '../../conjectures/support/outcome.js';
import type { StepConjecture } from '../../conjectures/types.js';

/**
 * A conjecture written as a new contributor would: one file, then one registry
 * line. States that the Simulation admission never exceeds B/W₀ (true: ã ≤ B/W₀
 * because the occupied tokens are ≥ 0 in the Simulation).
 */
export const admissionBounded: StepConjecture<'theory-simulation'> = {
  id: 'admission-bounded',
  statement: 'aˢ(t) ≤ B/W₀',
  source: 'example',
  family: 'theory-simulation',
  scope: 'step',
  firstStep: 1,
  preconditions: [],
  names: [],
  margin: 'B/W₀ − aˢ; holds iff ≥ 0',
  check(v) {
    const { ar } = v;
    const cap = ar.div(v.ctx.setup.B, v.ctx.setup.W[0]);
    return byMargin(ar, ar.sub(cap, v.record.simAdmission!), { cap, admission: v.record.simAdmission! });
  },
};
