import { byMargin } from '../support/outcome.js';
import { aStable } from './support/preconditions.js';
import type { StepConjecture } from '../types.js';
import { SCALE_FREE } from '../../models/theory-simulation/invariances.js';
import { byEnclosure } from '../support/kernel.js';

export const evictionStepLemma: StepConjecture<'theory-simulation'> = {
  id: 'eviction-step-lemma',
  statement: 'at an eviction step, ⟨xˢ, e⟩_P ≥ |ã|·⟨xˢ, e₀⟩_P (e the eviction vector, e₀ the first unit vector)',
  source: '001 §6.6',
  family: 'theory-simulation',
  invariantUnder: SCALE_FREE,
  scope: 'eviction-step',
  appliesAt: (v) => v.record.evicted,
  preconditions: [aStable],
  names: [],
  margin: '⟨xˢ, e⟩_P − |ã|·⟨xˢ, e₀⟩_P; holds iff ≥ 0',
  check(v) {
    const { ar } = v;
    const e = v.record.eviction;
    // The view's P·xˢ, shared with the energies (P symmetric): ⟨xˢ, e⟩_P = e·(P·xˢ), ⟨xˢ, e₀⟩_P = (P·xˢ)₀.
    const lhs = ar.dot(e, v.PxS);
    const alongE0 = v.PxS[0];
    const shortfall = ar.abs(v.record.desired!);
    const rhs = ar.mul(shortfall, alongE0);
    return byMargin(ar, ar.sub(lhs, rhs), { innerXsE: lhs, innerXsE0: alongE0, absDesired: shortfall, eviction: e, xS: v.xS });
  },
  kernel: {
    appliesAt: (s) => s.evicted,
    check(s) {
      s.evictionLemma();
      return byEnclosure(s, s.marginLo, s.marginHi);
    },
  },
};
