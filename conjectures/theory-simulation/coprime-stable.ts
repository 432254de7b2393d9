import { gcdInt } from '../../models/theory-simulation/params.js';
import { byMargin } from '../support/outcome.js';
import type { Precondition } from '../types.js';
import type { ParameterConjecture } from '../types.js';
import { SCALE_FREE } from '../../models/theory-simulation/invariances.js';

const coprime: Precondition<'theory-simulation'> = {
  id: 'coprime',
  text: 'gcd(lA, lB) = 1',
  holds: (ctx) => gcdInt(ctx.params.lA, ctx.params.lB) === 1,
};

export const coprimeStable: ParameterConjecture<'theory-simulation'> = {
  id: 'coprime-stable',
  statement: 'gcd(lA, lB) = 1 ⇒ ρ(A) < 1',
  source: '000 §4.3, 001 §3.1',
  family: 'theory-simulation',
  invariantUnder: SCALE_FREE,
  scope: 'parameters',
  preconditions: [coprime],
  names: [],
  margin: 'smallest Schur–Cohn gap 1 − (a₀/aₙ)² over the reductions of F; holds iff > 0',
  check(ctx) {
    const { stability, F } = ctx.linear;
    return byMargin(
      ctx.ar,
      stability.margin,
      { F },
      { positions: { decidedAtDegree: stability.decidedAtDegree } },
      true,
    );
  },
};
