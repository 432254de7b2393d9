import type { RealConjecture } from './types.js';
import { parameterConjecture } from './generic.js';

/**
 * T/Tlin → 1 as min(B,S) → ∞ (A.3, first reading): holds for every θ.
 *
 * Proof. With x = e^{−kB·B}, y = e^{−kS·S}:
 *   T − Tlin = Work·(1/Thr − 1/Pmax) = (Work/Pmax)·(x + y − xy)/((1−x)(1−y)) ≥ 0,
 * and Tlin ≥ Work/Pmax > 0 (w1 > 0, τ ≥ 0). Hence
 *   0 ≤ T/Tlin − 1 ≤ (x + y)/((1−x)(1−y)) ≤ 2·e^{−min(kB,kS)·min(B,S)}/(1 − e^{−min(kB,kS)·min(B,S)})²,
 * which → 0 along every path with min(B,S) → ∞, at the rate min(kB, kS) > 0.
 */
export const latHighLimit: RealConjecture = {
  id: 'lat-high-limit',
  statement: 'T(B,S)/Tlin(B,S) → 1 as min(B,S) → ∞',
  source: '003 §4.1',
  scope: 'real',
  margin: 'min(kB, kS), exact: 0 ≤ T/Tlin − 1 ≤ 2e^{−r·m}/(1 − e^{−r·m})² with r = min(kB,kS), m = min(B,S); holds iff r > 0 (always under A.1)',
  check(theta) {
    const r = theta.kB.compare(theta.kS) <= 0 ? theta.kB : theta.kS;
    return { status: r.sign() > 0 ? 'holds' : 'fails', margin: r, values: { rate: r }, note: 'T/Tlin − 1 decays like e^{−min(kB,kS)·min(B,S)}' };
  },
};

/** As a conjecture of the `latency` model family (decided once per θ). */
export const latHighLimitConjecture = parameterConjecture(latHighLimit);
