import { certifiedSign, ContextPool } from '../../models/latency/certify.js';
import { latency } from '../../models/latency/formula.js';
import { slaArgmin } from '../../models/latency/sla.js';
import { certifiedOutcome, enc } from './support.js';
import { DEFAULT_LATENCY_OPTIONS, type SlaConjecture } from './types.js';
import { slaConjecture } from './generic.js';

/**
 * T(B, S*) ≤ T* for S* = the smallest S minimising |T(B,S) − T*| (A.5, seed §10.2).
 * Fails whenever the closest latency lies above the target. With S* undecided
 * (its distance not separated from another S's at 4096 bits) the outcome is
 * undecided. T(B,S) is never equal to a rational T* (it is transcendental by
 * Lindemann–Weierstrass), yet only a separated enclosure decides.
 */
export const slaArgminFeasible: SlaConjecture = {
  id: 'sla-argmin-feasible',
  statement: 'T(B, S*(B,T*)) ≤ T*',
  source: '003 §10.2',
  scope: 'sla',
  margin: 'T* − T(B,S*) (certified enclosure); holds iff certainly > 0',
  check(theta, q, options = DEFAULT_LATENCY_OPTIONS) {
    const pool = options.pool ?? new ContextPool();
    const r = slaArgmin(theta, q.B, q.target, { physical: options.physical, ...(options.slaLimit ? { limit: options.slaLimit } : {}), pool });
    if (r.sStar.status === 'undecided') {
      return { status: 'undecided', values: { target: q.target, candidates: r.sStar.candidates.map(String) }, positions: { B: q.B }, note: r.sStar.note };
    }
    const S = r.sStar.S;
    const c = certifiedSign((ctx) => ctx.fromRational(q.target).sub(latency(ctx, theta, q.B, S)), pool);
    return certifiedOutcome(c, { target: q.target, T: enc(r.sStar.T), distance: enc(r.sStar.distance) }, { B: q.B, S });
  },
};

/** As a conjecture of the `latency` model family (at t = 0 of each run from an SLA query (B, T*)). */
export const slaArgminFeasibleConjecture = slaConjecture(slaArgminFeasible);
