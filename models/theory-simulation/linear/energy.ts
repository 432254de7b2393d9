import type { Arithmetic } from '../../arithmetic/arithmetic.js';
import type { Matrix } from './matrix.js';

/** ⟨u, v⟩_P = uᵀ P v. */
export function pInner<N>(ar: Arithmetic<N>, P: Matrix<N>, u: readonly N[], v: readonly N[]): N {
  return ar.dot(u, P.map((row) => ar.dot(row, v)));
}

/** ‖u‖²_P. */
export function pNormSquared<N>(ar: Arithmetic<N>, P: Matrix<N>, u: readonly N[]): N {
  return pInner(ar, P, u, u);
}
