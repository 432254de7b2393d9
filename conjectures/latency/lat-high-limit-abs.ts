import { Rational } from '../../models/arithmetic/rational.js';
import { certifiedSign, ContextPool } from '../../models/latency/certify.js';
import { excessOverAsymptote, latency, tLin } from '../../models/latency/formula.js';
import { enc } from './support.js';
import type { RealConjecture } from './types.js';
import { parameterConjecture } from './generic.js';

/**
 * T − Tlin → 0 as min(B,S) → ∞ (A.3, second reading): FALSE for every θ.
 *
 * The exponential decay of 1/Thr − 1/Pmax is controlled by min(kB·B, kS·S), but
 * Work = w0 + w1·S grows with S alone, and min(B,S) → ∞ lets S outgrow e^{kB·B}.
 * With x = e^{−kB·B}, y = e^{−kS·S} ≤ 1/2 (kS·S ≥ ln 2):
 *   T − Tlin = (Work/Pmax)·(x + y − xy)/((1−x)(1−y)) ≥ (Work/Pmax)·x(1 − y) ≥ w1·S·e^{−kB·B}/(2·Pmax).
 * So for every N, B = N and S ≥ max(N, ⌈0.7/kS⌉, 4·Pmax·e^{kB·N}/w1) give
 * min(B,S) ≥ N and T − Tlin ≥ 2 > 1: the difference does not tend to 0 (along
 * S = e^{2kB·B} it even tends to ∞). Since w1 > 0 and kB > 0 always, no θ escapes.
 * (Along paths with S·e^{−kB·B} → 0, e.g. S ≤ poly(B), it does tend to 0.)
 *
 * The check builds that witness for N = max(B, S) of the given point (N = 1 by
 * default) and certifies T − Tlin > 1 there.
 */
export const latHighLimitAbs: RealConjecture = {
  id: 'lat-high-limit-abs',
  statement: 'T(B,S) − Tlin(B,S) → 0 as min(B,S) → ∞',
  source: '003 §4.1',
  scope: 'real',
  margin: '1 − (T − Tlin) at a witness point with min(B,S) ≥ N (certified enclosure); holds iff > 0 there for some N — a negative value refutes convergence (a witness exists for every N)',
  remark: 'refuted for every θ: S may outgrow e^{kB·B}; holds only along paths with S·e^{−kB·B} → 0',
  check(theta, at) {
    const N = Math.max(1, at?.B ?? 1, at?.S ?? 1);
    const pool = new ContextPool();
    const ctx = pool.at(64);
    const expUp = ctx.exp(ctx.fromRational(theta.kB.mul(Rational.fromInteger(N)))).hi;
    const need = ceil(Rational.parse(expUp.toString()).mul(theta.Pmax).mul(Rational.fromInteger(4)).div(theta.w1));
    const forY = ceil(Rational.of(7, 10).div(theta.kS));
    let S = BigInt(N);
    if (forY > S) S = forY;
    if (need > S) S = need;
    const B = N;
    const c = certifiedSign((cx) => cx.fromInteger(1).sub(excessOverAsymptote(cx, theta, B, S)), pool);
    const Tl = tLin(theta, B, S);
    const T = latency(pool.at(c.bits), theta, B, S);
    const values = { B: String(B), S: S.toString(), N: String(N), T: enc(T), Tlin: Tl, excess: enc(excessOverAsymptote(pool.at(c.bits), theta, B, S)) };
    if (c.sign === -1) {
      return { status: 'fails', margin: enc(c.enclosure!), values, note: `T − Tlin > 1 at B = ${B}, S = ${S} (min(B,S) ≥ ${N}); such a point exists for every N` };
    }
    // Cannot happen by the proof above; reported rather than hidden.
    return { status: 'undecided', ...(c.enclosure ? { margin: enc(c.enclosure) } : {}), values, note: 'the witness construction did not certify T − Tlin > 1 (contradicts the documented bound: a bug)' };
  },
};

function ceil(r: Rational): bigint {
  const q = r.num / r.den;
  return r.num > 0n && q * r.den !== r.num ? q + 1n : q;
}

/** As a conjecture of the `latency` model family (decided once per θ). */
export const latHighLimitAbsConjecture = parameterConjecture(latHighLimitAbs);
