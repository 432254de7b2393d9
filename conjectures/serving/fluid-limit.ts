import { Rational } from '../../models/arithmetic/rational.js';
import { undecided } from '../support/outcome.js';
import type { ParameterConjecture } from '../types.js';
import type { ServingFamilyConjecture } from './types.js';

/**
 * X^(n)(t)/n → X(t) as n → ∞ under the C.4 scaling is a limit over a family of
 * systems. Finitely many n never decide a limit, and the distances are
 * floating-point estimates (the ODE is integrated numerically), so the outcome
 * is always undecided; it carries the measured distances (as labelled decimal
 * estimates) and whether they decrease, which `serving fluid-limit` reports.
 */
export interface FluidLimitEvidence {
  readonly scales: readonly number[];
  /** D_n = max over the time grid of the L1 distance between (Q, X, Z)^(n)/n and the fluid solution (floats). */
  readonly distances: readonly number[];
}

/** The verdict on measured distances (what `serving fluid-limit` reports). */
export const fluidLimitVerdict: ServingFamilyConjecture<FluidLimitEvidence> = {
  id: 'fluid-limit',
  statement: 'X^(n)/n → X (the ODE of §C.1 with estimated p, q, r) under the C.4 scaling',
  source: '004 (流体极限验证), SPEC-serving §C.4',
  scope: 'family',
  margin: 'none: a limit is not decided by finitely many n (the distances D_n are reported as estimates)',
  remark: 'always undecided; see `conjecture serving fluid-limit` for the distances per n',
  check({ scales, distances }) {
    const decreasing = distances.every((d, i) => i === 0 || d < distances[i - 1]);
    return undecided(
      `distances ${decreasing ? 'decrease' : 'do not decrease'} over n ∈ {${scales.join(', ')}}; a limit over n → ∞ is not decided by finitely many n`,
      { distancesEstimate: distances.map((d) => (Number.isFinite(d) ? Rational.fromNumber(d) : Rational.fromInteger(-1))) },
    );
  },
};

/**
 * The generic conjecture on the `serving` family (scope `parameters`): once
 * per parameter set, always undecided. A limit over n → ∞ is not decided by
 * one finite system, nor by finitely many; `conjecture serving fluid-limit`
 * measures the distances D_n for a workload generator.
 */
export const fluidLimit: ParameterConjecture<'serving'> = {
  id: fluidLimitVerdict.id,
  statement: fluidLimitVerdict.statement,
  source: fluidLimitVerdict.source,
  family: 'serving',
  scope: 'parameters',
  preconditions: [],
  names: [],
  margin: fluidLimitVerdict.margin,
  remark: fluidLimitVerdict.remark,
  check: () => undecided('a limit over n → ∞ is not decided by finitely many systems: run `conjecture serving fluid-limit` for the distances D_n'),
};
