import { maxAbs } from '../../models/arithmetic/vector.js';
import { byMargin, identityHolds } from '../support/outcome.js';
import type { Rational } from '../../models/arithmetic/rational.js';
import { leanViewOf } from '../../models/theory-simulation/lean-step-view.js';
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
  exactKernel(v) {
    // Both token sums are numerators over one denominator: each equals B, and they are equal, in integers.
    const lean = leanViewOf(v);
    if (!lean) return null;
    const B = (lean.ctx.setup.B as Rational).stored;
    const target = B.n * lean.tokenDenominator;
    const theory = lean.tokenTheory;
    const simulation = lean.tokenSimulation;
    return theory === simulation && theory * B.d === target ? identityHolds(v.ar) : null;
  },
};
