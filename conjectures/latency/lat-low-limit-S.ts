import { certifiedSign } from '../../models/latency/certify.js';
import { uB } from '../../models/latency/formula.js';
import { Rational } from '../../models/arithmetic/rational.js';
import { enc } from './support.js';
import type { Outcome } from '../support/outcome.js';
import type { RealConjecture, LatencyMargin } from './types.js';
import { parameterConjecture } from './generic.js';

/**
 * T → ∞ as S → 0⁺ at fixed B > 0 (A.3) holds iff w0 > 0.
 *
 * Proof. Write u = 1 − e^{−kB·B} > 0 (fixed). If w0 > 0: 1 − e^{−kS·S} ≤ kS·S
 * gives T ≥ w0/(Pmax·u·kS·S) → ∞. If w0 = 0: Work/Thr = w1·S/(Pmax·u·(1 − e^{−kS·S}))
 * and S/(1 − e^{−kS·S}) → 1/kS, so T → τ0 + τB·B + w1/(Pmax·kS·u), finite, for
 * every B > 0. The witness reports that limit at the given B (B = 1 by default).
 */
export const latLowLimitS: RealConjecture = {
  id: 'lat-low-limit-S',
  statement: 'T(B,S) → ∞ as S → 0⁺ at fixed B > 0 (real extension)',
  source: '003 §4.1',
  scope: 'real',
  margin: 'w0, exact: holds iff w0 > 0 (with w0 = 0 the limit is τ0 + τB·B + w1/(Pmax·kS·(1 − e^{−kB·B})))',
  check(theta, at): Outcome<LatencyMargin> {
    if (theta.w0.sign() > 0) {
      return { status: 'holds', margin: theta.w0, values: { w0: theta.w0 }, note: 'T ≥ w0/(Pmax·(1 − e^{−kB·B})·kS·S) → ∞' };
    }
    const B = at?.B ?? 1;
    const base = theta.tau0.add(theta.tauB.mul(Rational.fromInteger(B)));
    const coef = theta.w1.div(theta.Pmax.mul(theta.kS));
    const limit = certifiedSign((ctx) => ctx.fromRational(coef).div(uB(ctx, theta, B)).add(base));
    return {
      status: 'fails',
      margin: theta.w0,
      values: { w0: theta.w0, B: String(B), limit: limit.enclosure ? enc(limit.enclosure) : 'n/a' },
      positions: { B },
      note: `with w0 = 0, T(B, S) → τ0 + τB·B + w1/(Pmax·kS·(1 − e^{−kB·B})) (finite) as S → 0⁺`,
    };
  },
};

/** As a conjecture of the `latency` model family (decided once per θ). */
export const latLowLimitSConjecture = parameterConjecture(latLowLimitS);
