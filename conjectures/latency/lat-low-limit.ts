import type { RealConjecture } from './types.js';
import { parameterConjecture } from './generic.js';

/**
 * T → ∞ as (B, S) → (0⁺, 0⁺) on the real extension (A.3).
 *
 * Proof: 1 − e^{−u} ≤ u for u ≥ 0, and τ0, τB, τS ≥ 0, w0 ≥ 0, so for all B, S > 0
 *   T ≥ Work/Thr ≥ w1·S / (Pmax·kB·B·kS·S) = c/B,  c = w1/(Pmax·kB·kS) > 0.
 * Hence T → ∞ as B → 0⁺, whatever S does: the joint limit holds for every θ of A.1.
 */
export const latLowLimit: RealConjecture = {
  id: 'lat-low-limit',
  statement: 'T(B,S) → ∞ as (B,S) → (0⁺,0⁺) (real extension)',
  source: '003 §4.1',
  scope: 'real',
  margin: 'c = w1/(Pmax·kB·kS), exact: T ≥ c/B for all B, S > 0; holds iff c > 0 (always under A.1)',
  check(theta) {
    const c = theta.w1.div(theta.Pmax.mul(theta.kB).mul(theta.kS)).normalized();
    return {
      status: c.sign() > 0 ? 'holds' : 'fails',
      margin: c,
      values: { c },
      note: 'T ≥ Work/Thr ≥ w1·S/(Pmax·kB·B·kS·S) = c/B since 1 − e^{−u} ≤ u',
    };
  },
};

/** As a conjecture of the `latency` model family (decided once per θ). */
export const latLowLimitConjecture = parameterConjecture(latLowLimit);
