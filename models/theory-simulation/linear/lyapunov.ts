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


/** Integer numerators over one positive denominator (a matrix's row-major). */
export interface IntegerNumerators {
  readonly n: readonly bigint[];
  readonly d: bigint;
}

/** A matrix as integer numerators (row-major) over one positive denominator. */
export type IntegerMatrix = IntegerNumerators;

/**
 * `solveLyapunovCompanion` for Q = I over the integers, for the lean exact path: A's first
 * row is α/w (integers α, w > 0). Every expression of the first row r is scaled by w², and the
 * first-row system is solved by fraction-free (Bareiss) elimination, so P comes out over one
 * common denominator w²·det without any gcd. The same P (as values) as the Rational solver.
 */
export function solveLyapunovCompanionIntegers(alpha: readonly bigint[], w: bigint): IntegerMatrix {
  const n = alpha.length;
  const w2 = w * w;
  // expr[i][j] = [w²·constant, w²·coefficient of r_0, …, of r_{n−1}]
  const expr: bigint[][][] = Array.from({ length: n }, () => new Array<bigint[]>(n));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = n - 1; j >= 0; j--) {
      const e = i + 1 < n && j + 1 < n ? expr[i + 1][j + 1].slice() : new Array<bigint>(n + 1).fill(0n);
      if (i === j) e[0] += w2;
      e[1] += alpha[i] * alpha[j];
      if (j + 1 < n) e[j + 2] += alpha[i] * w;
      if (i + 1 < n) e[i + 2] += alpha[j] * w;
      expr[i][j] = e;
    }
  }
  // First row: Σ_k (C_jk − δ_jk·w²) r_k = −C0_j.
  const rows = Array.from({ length: n }, (_, j) => [
    ...Array.from({ length: n }, (_, k) => (j === k ? expr[0][j][k + 1] - w2 : expr[0][j][k + 1])),
    -expr[0][j][0],
  ]);
  const { scaled, det } = solveFractionFree(rows);
  let d = w2 * det;
  const sign = d < 0n ? -1n : 1n;
  d *= sign;
  const out = new Array<bigint>(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const e = expr[i][j];
      let acc = e[0] * det;
      for (let k = 0; k < n; k++) if (e[k + 1] !== 0n) acc += e[k + 1] * scaled[k];
      out[i * n + j] = sign * acc;
    }
  }
  return { n: out, d };
}

/**
 * Solves M x = b for an integer augmented matrix [M | b] (changed in place) by Bareiss
 * elimination: returns det (the last pivot, ± det M) and det·x, both integers (Cramer), so
 * every division below is exact. Throws when M is singular.
 */
function solveFractionFree(rows: bigint[][]): { scaled: bigint[]; det: bigint } {
  const n = rows.length;
  let previous = 1n;
  for (let k = 0; k < n; k++) {
    const pivot = rows.findIndex((row, r) => r >= k && row[k] !== 0n);
    if (pivot < 0) throw new RangeError('singular linear system');
    [rows[k], rows[pivot]] = [rows[pivot], rows[k]];
    const p = rows[k][k];
    for (let i = k + 1; i < n; i++) {
      const f = rows[i][k];
      for (let j = k + 1; j <= n; j++) rows[i][j] = (rows[i][j] * p - f * rows[k][j]) / previous;
      rows[i][k] = 0n;
    }
    previous = p;
  }
  const det = rows[n - 1][n - 1];
  const scaled = new Array<bigint>(n);
  for (let i = n - 1; i >= 0; i--) {
    let acc = det * rows[i][n];
    for (let j = i + 1; j < n; j++) acc -= rows[i][j] * scaled[j];
    scaled[i] = acc / rows[i][i];
  }
  return { scaled, det };
}
