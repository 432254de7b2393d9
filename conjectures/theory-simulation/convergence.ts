import { byMargin, undecided } from '../support/outcome.js';
import { aStable } from './support/preconditions.js';
import type { TrajectoryConjecture } from '../types.js';
import { SCALE_FREE } from '../../models/theory-simulation/invariances.js';

/**
 * Convergence is an infinite-horizon statement; a finite run decides it only
 * through a certificate or a cycle.
 *
 * Theory is linear (δ(t+1) = Aδ(t)), so Gᵀ → 0 whenever A is stable. For the
 * Simulation: since AᵀPA = P − I, V never grows along the linear dynamics, and
 * x₀² ≤ V·(P⁻¹)₀₀ on the P-ellipsoid. So once a balanced Simulation state has
 * Vˢ·(P⁻¹)₀₀ < N*², every later desired admission stays positive, no eviction
 * ever happens again, and the Simulation follows the stable linear dynamics:
 * Gˢ → 0 (certified). An exact repeat of a state with Gˢ > 0 refutes it. With
 * neither within the run, the outcome is undecided — never a pass.
 */
export const convergence: TrajectoryConjecture<'theory-simulation'> = {
  id: 'convergence',
  statement: 'when A is stable, Gᵀ(t) → 0 and Gˢ(t) → 0',
  source: '000 §4.3, 002 §8',
  family: 'theory-simulation',
  invariantUnder: SCALE_FREE,
  scope: 'trajectory',
  exactOnly: true,
  preconditions: [aStable],
  names: [],
  margin: 'N*² − Vˢ(t)·(P⁻¹)₀₀ at the certifying step (holds iff > 0); an exact cycle with Gˢ > 0 fails',
  start(first) {
    const { ar, ctx } = first;
    // Exact repeats, found by equality keys (independent of stored forms) and confirmed by comparison.
    const seen = new Map<string, { t: number; state: readonly unknown[] }[]>();
    let decided = false;
    let last = first;
    return {
      step(v) {
        if (decided) return null;
        last = v;
        const key = v.simulation.map((x) => ar.key(x)).join(',');
        const bucket = seen.get(key) ?? [];
        const match = bucket.find((e) => e.state.every((x, s) => ar.compare(x as never, v.simulation[s]) === 0));
        const earlier = match?.t;
        if (earlier !== undefined && ar.sign(v.GS) > 0) {
          decided = true;
          return {
            status: 'fails',
            margin: ar.neg(v.GS),
            values: { GS: v.GS, simulation: v.simulation },
            positions: { cycleStart: earlier, cycleEnd: v.t },
            note: `the Simulation state repeats exactly (t=${earlier} and t=${v.t}) with Gˢ > 0`,
          };
        }
        if (!match) {
          bucket.push({ t: v.t, state: v.simulation });
          seen.set(key, bucket);
        }
        if (v.t < 1) return null;
        const { Nstar } = ctx.setup;
        const margin = ar.sub(ar.mul(Nstar, Nstar), ar.mul(v.VS, ctx.linear.PInverse00));
        if (ar.sign(margin) <= 0) return null;
        decided = true;
        return byMargin(ar, margin, { VS: v.VS, PInverse00: ctx.linear.PInverse00, Nstar }, { positions: { certifiedAt: v.t } }, true);
      },
      finish() {
        if (decided) return null;
        return undecided(`no convergence certificate and no cycle by t=${last.t}`, { VS: last.VS, GS: last.GS });
      },
    };
  },
};
