import { maxAbs } from '../../models/arithmetic/vector.js';
import { characteristicPolynomial } from '../../models/theory-simulation/linear/polynomial.js';
import { byMargin } from '../support/outcome.js';
import type { ParameterConjecture } from '../types.js';
import { SCALE_FREE } from '../../models/theory-simulation/invariances.js';

export const charpolyIdentity: ParameterConjecture<'theory-simulation'> = {
  id: 'charpoly-identity',
  statement: 'det(λI − A) = λ·F(λ)/W₀',
  source: '001 §4.10',
  family: 'theory-simulation',
  invariantUnder: SCALE_FREE,
  scope: 'parameters',
  preconditions: [],
  names: [],
  margin: '−(largest coefficient difference); holds iff = 0',
  check(ctx) {
    const { ar } = ctx;
    const W0 = ctx.setup.W[0];
    // det(λI − A) by Faddeev–LeVerrier, independent of A's companion structure.
    const charpoly = characteristicPolynomial(ar, ctx.linear.A);
    const expected = [...ctx.linear.F.map((c) => ar.div(c, W0)), ar.zero];
    const difference = charpoly.map((c, i) => ar.sub(c, expected[i]));
    return byMargin(ar, ar.neg(maxAbs(ar, difference)), { charpoly, expected });
  },
};
