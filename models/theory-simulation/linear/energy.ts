import type { Arithmetic } from '../../arithmetic/arithmetic.js';
import type { Matrix } from './matrix.js';

/** P·v. */
export function matVec<N>(ar: Arithmetic<N>, P: Matrix<N>, v: readonly N[]): N[] {
  return P.map((row) => ar.dot(row, v));
}

/** ⟨u, v⟩_P = uᵀ P v. */
export function pInner<N>(ar: Arithmetic<N>, P: Matrix<N>, u: readonly N[], v: readonly N[]): N {
  return ar.dot(u, matVec(ar, P, v));
}

/** ‖u‖²_P. */
export function pNormSquared<N>(ar: Arithmetic<N>, P: Matrix<N>, u: readonly N[]): N {
  return pInner(ar, P, u, u);
}
