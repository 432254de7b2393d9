import type { Arithmetic } from '../../arithmetic/arithmetic.js';
import { gcd } from '../../arithmetic/rational.js';
import type { Polynomial } from './polynomial.js';

export interface StabilityDecision<N> {
  /** Every root strictly inside the unit disk. */
  readonly stable: boolean;
  /**
   * Smallest Schur–Cohn gap 1 − (a_0/a_n)² over the reduction steps: > 0 at
   * every step iff stable; the first step where it is ≤ 0 decides instability.
   */
  readonly margin: N;
  /** Degree of the polynomial at the deciding (or last) reduction step. */
  readonly decidedAtDegree: number;
}

/**
 * Schur–Cohn test: p (degree n, a_n ≠ 0) has all roots in the open unit disk iff
 * |a_0| < |a_n| and q(z) = (a_n·p(z) − a_0·p*(z))/z does, where p* reverses the
 * coefficients. Exact over the rationals; no eigenvalue is compared with 1.
 */
export function schurCohn<N>(ar: Arithmetic<N>, polynomial: Polynomial<N>): StabilityDecision<N> {
  let a = [...polynomial].reverse(); // ascending: a[0] constant, a[n] leading
  while (a.length > 1 && ar.isZero(a[a.length - 1])) a.pop();
  let margin: N | null = null;
  while (a.length > 1) {
    const n = a.length - 1;
    const ratio = ar.div(a[0], a[n]);
    const gap = ar.sub(ar.one, ar.mul(ratio, ratio));
    if (margin === null || ar.compare(gap, margin) < 0) margin = gap;
    if (ar.sign(gap) <= 0) return { stable: false, margin: gap, decidedAtDegree: n };
    const reduced: N[] = [];
    for (let k = 0; k < n; k++) reduced.push(ar.sub(ar.mul(a[n], a[k + 1]), ar.mul(a[0], a[n - k - 1])));
    // Normalise by the (positive) leading coefficient to keep the numbers small.
    const lead = reduced[n - 1];
    a = reduced.map((c) => ar.normalize(ar.div(c, lead)));
  }
  return { stable: true, margin: margin ?? ar.one, decidedAtDegree: 0 };
}

/** A Schur–Cohn decision on integer coefficients: the margin as numerator over a positive denominator. */
export interface IntegerStabilityDecision {
  readonly stable: boolean;
  readonly margin: { readonly n: bigint; readonly d: bigint };
  readonly decidedAtDegree: number;
}

/**
 * `schurCohn` on integer coefficients (highest degree first), for the lean exact path: each
 * reduction stays in the integers (divided by the content instead of by the leading
 * coefficient), and every gap 1 − (a_0/a_n)² is scale-free, so the decision, the margin and
 * the degree are those of `schurCohn` on the same polynomial, without a rational gcd per entry.
 */
export function schurCohnIntegers(polynomial: readonly bigint[]): IntegerStabilityDecision {
  let a = [...polynomial].reverse();
  while (a.length > 1 && a[a.length - 1] === 0n) a.pop();
  let margin: { n: bigint; d: bigint } | null = null;
  while (a.length > 1) {
    const n = a.length - 1;
    const gap = { n: a[n] * a[n] - a[0] * a[0], d: a[n] * a[n] };
    if (margin === null || gap.n * margin.d < margin.n * gap.d) margin = gap;
    if (gap.n <= 0n) return { stable: false, margin: gap, decidedAtDegree: n };
    const reduced: bigint[] = [];
    for (let k = 0; k < n; k++) reduced.push(a[n] * a[k + 1] - a[0] * a[n - k - 1]);
    let content = 0n;
    for (const c of reduced) content = gcd(content, c);
    // reduced[n − 1] = a_n² − a_0² > 0, so the content is > 0 and the reduction keeps its sign.
    a = reduced.map((c) => c / content);
  }
  return { stable: true, margin: margin ?? { n: 1n, d: 1n }, decidedAtDegree: 0 };
}
