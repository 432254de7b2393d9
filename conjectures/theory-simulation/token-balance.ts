import { maxAbs } from '../../models/arithmetic/vector.js';
import { byMargin } from '../support/outcome.js';
import type { StepConjecture } from '../types.js';
import { SCALE_FREE } from '../../models/theory-simulation/invariances.js';

export const tokenBalance: StepConjecture<'theory-simulation'> = {
  id: 'token-balance',
  statement: 'Σ W Mᵀ = Σ W Mˢ = B and Σ W Δ = 0',
  source: '000 §2.5, §7.1',
  family: 'theory-simulation',
  invariantUnder: SCALE_FREE,
  scope: 'step',
  exactOnly: true,
  firstStep: 1,
  preconditions: [],
  names: [],
  margin: '−max(|Σ W Mᵀ − B|, |Σ W Mˢ − B|, |Σ W Δ|); holds iff = 0',
  check(v) {
    const { ar } = v;
    const { setup } = v.ctx;
    const theoryTokens = v.tokensT;
    const simulationTokens = v.tokensS;
    const deltaTokens = v.tokensDelta;
    const worst = maxAbs(ar, [ar.sub(theoryTokens, setup.B), ar.sub(simulationTokens, setup.B), deltaTokens]);
    return byMargin(ar, ar.neg(worst), { theoryTokens, simulationTokens, deltaTokens, B: setup.B });
  },
};
