import type { RealConjecture } from './types.js';
import { parameterConjecture } from './generic.js';

/**
 * Thr increasing and concave in B and in S on B, S > 0 (seed §2): with
 * x = e^{−kB·B}, y = e^{−kS·S} ∈ (0, 1),
 *   ∂Thr/∂B = Pmax·kB·x·(1−y) > 0,   ∂²Thr/∂B² = −Pmax·kB²·x·(1−y) < 0,
 * and symmetrically in S. Both signs need exactly Pmax, kB, kS > 0, so the
 * claim holds for every θ of A.1 (it would fail for kB ≤ 0 or kS ≤ 0).
 */
export const thrDiminishingReturns: RealConjecture = {
  id: 'thr-diminishing-returns',
  statement: 'Thr(B,S) is increasing and concave in B and in S (B, S > 0)',
  source: '003 §2',
  scope: 'real',
  margin: 'min(Pmax, kB, kS), exact: the signs of ∂Thr and −∂²Thr in B and S are those of Pmax·kB·(1−y) and Pmax·kS·(1−x); holds iff > 0',
  check(theta) {
    const m = [theta.Pmax, theta.kB, theta.kS].reduce((a, b) => (b.compare(a) < 0 ? b : a));
    return { status: m.sign() > 0 ? 'holds' : 'fails', margin: m, values: { Pmax: theta.Pmax, kB: theta.kB, kS: theta.kS } };
  },
};

/** As a conjecture of the `latency` model family (decided once per θ). */
export const thrDiminishingReturnsConjecture = parameterConjecture(thrDiminishingReturns);
