import type { Arithmetic } from '../../arithmetic/arithmetic.js';
import { identity, multiply, trace, type Matrix } from './matrix.js';

/** Polynomials as coefficient arrays, highest degree first: [c_n, …, c_0]. */
export type Polynomial<N> = N[];

/**
 * det(λI − A) by Faddeev–LeVerrier (exact over the rationals), monic,
 * highest degree first. Independent of any structure A may have.
 */
export function characteristicPolynomial<N>(ar: Arithmetic<N>, A: Matrix<N>): Polynomial<N> {
  const n = A.length;
  const coeffs: N[] = [ar.one];
  let Mk: Matrix<N> = identity(ar, n).map((row) => row.map(() => ar.zero));
  let c = ar.one;
  for (let k = 1; k <= n; k++) {
    // M_k = A·M_{k−1} + c_{n−k+1}·I ; c_{n−k} = −tr(A·M_k)/k
    Mk = multiply(ar, A, Mk).map((row, i) => row.map((x, j) => (i === j ? ar.normalize(ar.add(x, c)) : x)));
    c = ar.normalize(ar.neg(ar.div(trace(ar, multiply(ar, A, Mk)), ar.fromInteger(k))));
    coeffs.push(c);
  }
  return coeffs;
}

/** p(x)·x (append a zero constant term). */
export function timesX<N>(ar: Arithmetic<N>, p: Polynomial<N>): Polynomial<N> {
  return [...p, ar.zero];
}

export function scalePolynomial<N>(ar: Arithmetic<N>, p: Polynomial<N>, k: N): Polynomial<N> {
  return p.map((c) => ar.mul(c, k));
}

export function formatPolynomial<N>(ar: Arithmetic<N>, p: Polynomial<N>, variable = 'λ'): string {
  const deg = p.length - 1;
  const terms = p
    .map((c, i) => ({ c, d: deg - i }))
    .filter(({ c }) => !ar.isZero(c))
    .map(({ c, d }) => `${ar.format(c)}${d === 0 ? '' : d === 1 ? variable : `${variable}^${d}`}`);
  return terms.length ? terms.join(' + ').replace(/\+ -/g, '- ') : '0';
}
