import type { Arithmetic } from '../../arithmetic/arithmetic.js';
import { multiply, solveLinear, transpose, type Matrix } from './matrix.js';

/**
 * Solves the discrete Lyapunov equation AᵀPA − P = −Q for a matrix in the
 * companion form of SPEC §4 (first row a, ones on the subdiagonal, zeros
 * elsewhere), exactly and in O(n³).
 *
 * For that A, (AᵀPA)_ij = a_i a_j P_00 + a_i P_{0,j+1} + a_j P_{0,i+1} + P_{i+1,j+1}
 * (out-of-range terms vanish), so every P_ij is affine in the first row
 * r = (P_00 … P_0,n−1), filled from the bottom-right corner; requiring the
 * first row to equal r leaves an n×n system. Unique when A is stable.
 */
export function solveLyapunovCompanion<N>(ar: Arithmetic<N>, firstRow: readonly N[], Q: Matrix<N>): Matrix<N> {
  const n = firstRow.length;
  const a = firstRow;
  // expr[i][j] = [constant, coefficient of r_0, …, coefficient of r_{n−1}]
  const expr: N[][][] = Array.from({ length: n }, () => new Array<N[]>(n));
  const zeroExpr = () => new Array<N>(n + 1).fill(ar.zero);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = n - 1; j >= 0; j--) {
      const e = i + 1 < n && j + 1 < n ? expr[i + 1][j + 1].slice() : zeroExpr();
      e[0] = ar.add(e[0], Q[i][j]);
      e[1] = ar.add(e[1], ar.mul(a[i], a[j])); // r_0 = P_00
      if (j + 1 < n) e[j + 2] = ar.add(e[j + 2], a[i]); // P_{0,j+1}
      if (i + 1 < n) e[i + 2] = ar.add(e[i + 2], a[j]); // P_{0,i+1} = P_{i+1,0}
      expr[i][j] = e.map((x) => ar.normalize(x));
    }
  }
  // First row: expr[0][j](r) = r_j  ⇔  Σ_k (c_jk − δ_jk) r_k = −const_j
  const M = Array.from({ length: n }, (_, j) =>
    Array.from({ length: n }, (_, k) => (j === k ? ar.sub(expr[0][j][k + 1], ar.one) : expr[0][j][k + 1])),
  );
  const r = solveLinear(
    ar,
    M,
    expr[0].map((e) => ar.neg(e[0])),
  );
  return expr.map((row) =>
    row.map((e) => {
      let acc = e[0];
      for (let k = 0; k < n; k++) if (!ar.isZero(e[k + 1])) acc = ar.add(acc, ar.mul(e[k + 1], r[k]));
      return ar.normalize(acc);
    }),
  );
}

/**
 * General dense solver: AᵀPA − P = −Q over the n(n+1)/2 unknowns of a symmetric
 * P (Kronecker form). O(n⁶); used to cross-check the companion solver and by
 * conjectures that must not rely on A's structure.
 */
export function solveLyapunovDense<N>(ar: Arithmetic<N>, A: Matrix<N>, Q: Matrix<N>): Matrix<N> {
  const n = A.length;
  const index = (i: number, j: number): number => (i <= j ? i * n - (i * (i - 1)) / 2 + (j - i) : index(j, i));
  const m = (n * (n + 1)) / 2;
  const M = Array.from({ length: m }, () => new Array<N>(m).fill(ar.zero));
  const rhs = new Array<N>(m).fill(ar.zero);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const row = index(i, j);
      // Σ_{k,l} A_ki A_lj P_kl − P_ij = −Q_ij
      for (let k = 0; k < n; k++) {
        if (ar.isZero(A[k][i])) continue;
        for (let l = 0; l < n; l++) {
          if (ar.isZero(A[l][j])) continue;
          const col = index(k, l);
          M[row][col] = ar.normalize(ar.add(M[row][col], ar.mul(A[k][i], A[l][j])));
        }
      }
      M[row][row] = ar.sub(M[row][row], ar.one);
      rhs[row] = ar.neg(Q[i][j]);
    }
  }
  const x = solveLinear(ar, M, rhs);
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => x[index(i, j)]));
}

/** AᵀPA − P + Q: the zero matrix exactly when P solves the equation. */
export function lyapunovResidual<N>(ar: Arithmetic<N>, A: Matrix<N>, P: Matrix<N>, Q: Matrix<N>): Matrix<N> {
  const AtPA = multiply(ar, multiply(ar, transpose(A), P), A);
  return AtPA.map((row, i) => row.map((x, j) => ar.normalize(ar.add(ar.sub(x, P[i][j]), Q[i][j]))));
}

