import { defineConfig } from '../../harness/config/define.js';
import { Rational } from '../../models/arithmetic/rational.js';
import { SCALE_FREE } from '../../models/theory-simulation/invariances.js';
import { planted, share } from './planted.js';
import type { StepConjecture } from '../../conjectures/types.js';
import type { LatencyView } from '../../models/latency/candidate.js';

/**
 * Planted false conjectures for testing the machinery (search, sweep, gate,
 * vitest API, reports): where each fails is known in advance, so tests pin
 * what the machinery must find, never a verdict the harness is meant to
 * discover. Loaded as a user config (`--config`), so worker threads load it too.
 */
export const PLANTED_LB3_T2 = planted('planted-lb3-t2', (p, t) => p.lB >= 3 && t === 2);

const SEVEN_NINTHS = Rational.of(7, 9);

/**
 * Fails wherever lB ≥ 4 (easy to find), and at one lone spot with lB = 3: share
 * p = 7/9 from the unbalanced lattice point (4, 0, 0), at t = 0. It reads only lB,
 * p and the state relative to N*, so it respects the invariances it declares; its
 * least counterexample under the default rates is lB = 3, lA = 1, l0 = 1,
 * λ = (7/3, 2/3), B = 1, u = (4, 0, 0).
 */
export const PLANTED_LONE = {
  ...planted('planted-lone', (p, t, v) => {
    if (p.lB >= 4) return true;
    if (p.lB !== 3 || !share(p).equals(SEVEN_NINTHS) || t !== 0) return false;
    const { ar } = v;
    const four = ar.mul(ar.fromRational(Rational.fromInteger(4)), v.ctx.setup.Nstar);
    return ar.compare(v.simulation[0], four) === 0 && ar.isZero(v.simulation[1]) && ar.isZero(v.simulation[2]);
  }),
  invariantUnder: SCALE_FREE,
};

/** A latency statement planted to fail exactly at points with B ≥ 3 and S ≥ 2, whatever θ. */
export const PLANTED_LATENCY_POINT: StepConjecture<'latency'> = {
  id: 'lat-planted-point',
  statement: 'planted: fails where B ≥ 3 and S ≥ 2',
  source: 'test',
  family: 'latency',
  scope: 'step',
  preconditions: [],
  names: [],
  margin: '−1 where planted, 1 elsewhere',
  appliesAt: <N>(v: LatencyView<N>) => v.init.kind === 'point',
  check<N>(v: LatencyView<N>) {
    const fails = v.point!.B >= 3 && v.point!.S >= 2;
    return { status: fails ? 'fails' : 'holds', margin: (fails ? Rational.fromInteger(-1) : Rational.ONE) as unknown as N, values: {} };
  },
};

export default defineConfig({ conjectures: [PLANTED_LB3_T2, PLANTED_LONE, PLANTED_LATENCY_POINT] });
