import fc from 'fast-check';
import { Rational } from '../arithmetic/rational.js';
import type { Invariance } from '../family.js';
import type { InitialState } from './initial-state.js';
import { latticeState, type Candidate } from './order.js';
import type { ModelParams } from './params.js';

/**
 * The symmetries of the Theory/Simulation models (merged and per-type). Both hold
 * for the models themselves, step for step (test/models/metamorphic.test.ts); a
 * conjecture that declares one in `invariantUnder` is held to it by the contract
 * test in test/conjectures/invariances.test.ts.
 */

/** The same initial state for other parameters: a lattice state rebuilt, an explicit one scaled with B. */
export function rescaledInitial(init: InitialState, to: ModelParams, from: ModelParams): InitialState {
  if (init.kind === 'canonical') return init;
  if (init.lattice) return latticeState(to, init.kind, init.lattice);
  const k = to.B.div(from.B);
  if (init.kind === 'per-type') {
    const scale = (xs: readonly Rational[]) => xs.map((x) => x.mul(k).normalized());
    return { kind: 'per-type', X0: { A: scale(init.X0.A), B: scale(init.X0.B) } };
  }
  return { kind: init.kind, M0: init.M0.map((x) => x.mul(k).normalized()) };
}

/** The candidate with other parameters and the same initial state (rescaled). */
export function withParams(c: Candidate, params: ModelParams): Candidate {
  return { params, init: rescaledInitial(c.init, params, c.params) };
}

/** Positive rationals of small height: the factors the tests scale by. */
const factor = fc
  .tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 12 }))
  .map(([n, d]) => Rational.of(n, d));

/**
 * Every step is linear in (B, state), every initial state is B times a state of B = 1
 * (canonical B/W₀, balanced u·B/ΣWu, lattice u·N*), eviction keeps token totals ≤ B,
 * and every conjecture compares homogeneous quantities: scaling B scales the run.
 */
export const SCALE_B: Invariance<ModelParams, InitialState> = {
  id: 'scale-B',
  statement: 'scaling B by k > 0 scales every state of the run by k, so every sign is unchanged',
  images: (c) => factor.map((k) => withParams(c, { ...c.params, B: c.params.B.mul(k) })),
};

/** The models read the rates only through p = λA/(λA+λB) (SPEC §1–§3). */
export const SCALE_RATES: Invariance<ModelParams, InitialState> = {
  id: 'scale-rates',
  statement: 'the models read λA and λB only through p = λA/(λA+λB): scaling both changes nothing',
  images: (c) =>
    factor.map((k) => withParams(c, { ...c.params, lambdaA: c.params.lambdaA.mul(k), lambdaB: c.params.lambdaB.mul(k) })),
};

export const THEORY_INVARIANCES = [SCALE_B, SCALE_RATES] as const;
/** What the built-in conjectures of both families declare. */
export const SCALE_FREE = [SCALE_B.id, SCALE_RATES.id] as const;
