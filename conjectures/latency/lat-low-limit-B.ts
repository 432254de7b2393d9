import type { RealConjecture } from './types.js';
import { parameterConjecture } from './generic.js';

/**
 * T → ∞ as B → 0⁺ at any fixed S > 0 (A.3): the bound T ≥ c/B of
 * lat-low-limit, c = w1/(Pmax·kB·kS), is uniform in S. Holds for every θ.
 */
export const latLowLimitB: RealConjecture = {
  id: 'lat-low-limit-B',
  statement: 'T(B,S) → ∞ as B → 0⁺ at fixed S > 0 (real extension)',
  source: '003 §4.1',
  scope: 'real',
  margin: 'c = w1/(Pmax·kB·kS), exact: T ≥ c/B for every S > 0; holds iff c > 0 (always under A.1)',
  check(theta) {
    const c = theta.w1.div(theta.Pmax.mul(theta.kB).mul(theta.kS)).normalized();
    return { status: c.sign() > 0 ? 'holds' : 'fails', margin: c, values: { c }, note: 'T ≥ c/B uniformly in S' };
  },
};

/** As a conjecture of the `latency` model family (decided once per θ). */
export const latLowLimitBConjecture = parameterConjecture(latLowLimitB);
