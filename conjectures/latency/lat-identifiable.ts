import { Rational } from '../../models/arithmetic/rational.js';
import { scaleTheta, THETA_KEYS } from '../../models/latency/params.js';
import type { ThetaConjecture } from './types.js';
import { parameterConjecture } from './generic.js';

/**
 * θ ↦ T(·; θ) injective (seed §5): false for every θ (A.4). For c > 0,
 * θ′ = (c·Pmax, kB, kS, c·w0, c·w1, τ0, τB, τS) gives Work′/Thr′ = c·Work/(c·Thr),
 * so T(B,S; θ′) = T(B,S; θ) at every real B, S > 0: an algebraic identity, exact
 * (no interval needed). The witness uses c = 2. Only (kB, kS, w0/Pmax, w1/Pmax,
 * τ0, τB, τS) can be identified, and on decode-only data (S = B) only τB + τS
 * and the unordered pair {kB, kS} (fit.ts reports exactly these).
 */
export const latIdentifiable: ThetaConjecture = {
  id: 'lat-identifiable',
  statement: 'θ ↦ T(·;θ) is injective (the 8 parameters are identifiable)',
  source: '003 §5',
  scope: 'theta',
  margin: 'sup over (B,S) of |T(B,S;θ) − T(B,S;θ′)| for the scaled θ′ ≠ θ (exactly 0 by the identity of A.4); holds iff > 0',
  remark: 'refuted for every θ by the scaling (Pmax, w0, w1) → c·(Pmax, w0, w1)',
  check(theta) {
    const c = Rational.fromInteger(2);
    const other = scaleTheta(theta, c);
    const values: Record<string, Rational> = { c };
    for (const key of THETA_KEYS) values[`θ′.${key}`] = other[key];
    return {
      status: 'fails',
      margin: Rational.ZERO,
      values,
      note: 'T(·;θ′) = T(·;θ) exactly with θ′ = θ scaled by c in (Pmax, w0, w1): only a0 = w0/Pmax and a1 = w1/Pmax enter T',
    };
  },
};

/** As a conjecture of the `latency` model family (decided once per θ). */
export const latIdentifiableConjecture = parameterConjecture(latIdentifiable);
