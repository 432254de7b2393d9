import { maxAbs, minOf } from '../../models/arithmetic/vector.js';
import { lyapunovResidual, solveLyapunovDense } from '../../models/theory-simulation/linear/lyapunov.js';
import { identity, symmetricPivots } from '../../models/theory-simulation/linear/matrix.js';
import { byMargin } from '../support/outcome.js';
import { aStable } from './support/preconditions.js';
import type { ParameterConjecture } from '../types.js';
import { SCALE_FREE } from '../../models/theory-simulation/invariances.js';

export const lyapunovStructure: ParameterConjecture<'theory-simulation'> = {
  id: 'lyapunov-structure',
  statement: 'P (Q = I) is symmetric positive definite with last row and column e_{lB−1}',
  source: '001 §4.9',
  family: 'theory-simulation',
  invariantUnder: SCALE_FREE,
  scope: 'parameters',
  preconditions: [aStable],
  names: [],
  margin:
    'min(smallest LDLᵀ pivot of P, −largest deviation from symmetry, from e_{lB−1} in the last row/column, and of the residual AᵀPA − P + I) (holds iff > 0)',
  check(ctx) {
    const { ar } = ctx;
    const n = ctx.setup.stages;
    const I = identity(ar, n);
    // A general dense solve, so the structure is observed rather than assumed.
    const P = solveLyapunovDense(ar, ctx.linear.A, I);
    const deviations = [
      ...lyapunovResidual(ar, ctx.linear.A, P, I).flat(),
      ...P.flatMap((row, i) => row.map((x, j) => ar.sub(x, P[j][i]))),
      ...P[n - 1].map((x, j) => ar.sub(x, I[n - 1][j])),
      ...P.map((row, i) => ar.sub(row[n - 1], I[i][n - 1])),
    ];
    const deviation = maxAbs(ar, deviations);
    const pivots = symmetricPivots(ar, P);
    const smallestPivot = minOf(ar, pivots);
    const negDeviation = ar.neg(deviation);
    const margin = ar.compare(negDeviation, ar.zero) < 0 ? negDeviation : smallestPivot;
    return byMargin(ar, margin, { P, pivots, largestDeviation: deviation }, {}, true);
  },
};
