import type { Arithmetic } from '../../arithmetic/arithmetic.js';

/** Dense matrices as arrays of rows, generic over the arithmetic. */
export type Matrix<N> = N[][];

export function identity<N>(ar: Arithmetic<N>, n: number): Matrix<N> {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? ar.one : ar.zero)));
}

export function transpose<N>(A: Matrix<N>): Matrix<N> {
  return A[0].map((_, j) => A.map((row) => row[j]));
}

export function multiply<N>(ar: Arithmetic<N>, A: Matrix<N>, B: Matrix<N>): Matrix<N> {
  return A.map((row) => B[0].map((_, j) => ar.normalize(ar.dot(row, B.map((r) => r[j])))));
}

export function matVec<N>(ar: Arithmetic<N>, A: Matrix<N>, x: readonly N[]): N[] {
  return A.map((row) => {
    let acc = ar.zero;
    for (let k = 0; k < row.length; k++) acc = ar.add(acc, ar.mul(row[k], x[k]));
    return acc;
  });
}

export function trace<N>(ar: Arithmetic<N>, A: Matrix<N>): N {
  let acc = ar.zero;
  for (let i = 0; i < A.length; i++) acc = ar.add(acc, A[i][i]);
  return ar.normalize(acc);
}

export function matrixEquals<N>(ar: Arithmetic<N>, A: Matrix<N>, B: Matrix<N>): boolean {
  return A.length === B.length && A.every((row, i) => row.every((x, j) => ar.compare(x, B[i][j]) === 0));
}

/**
 * Solves M x = b by Gaussian elimination with a non-zero pivot search (exact on
 * the exact backend). Throws when M is singular.
 */
export function solveLinear<N>(ar: Arithmetic<N>, M: Matrix<N>, b: readonly N[]): N[] {
  const n = M.length;
  const rows = M.map((row, i) => [...row, b[i]]);
  for (let col = 0; col < n; col++) {
    const pivot = pickPivot(ar, rows, col);
    if (pivot < 0) throw new RangeError('singular linear system');
    [rows[col], rows[pivot]] = [rows[pivot], rows[col]];
    const p = rows[col][col];
    for (let r = col + 1; r < n; r++) {
      if (ar.isZero(rows[r][col])) continue;
      const f = ar.normalize(ar.div(rows[r][col], p));
      // Reduce as we go: unreduced entries would double in size at every elimination step.
      for (let c = col; c <= n; c++) rows[r][c] = ar.normalize(ar.sub(rows[r][c], ar.mul(f, rows[col][c])));
    }
  }
  const x = new Array<N>(n);
  for (let i = n - 1; i >= 0; i--) {
    let acc = rows[i][n];
    for (let j = i + 1; j < n; j++) acc = ar.sub(acc, ar.mul(rows[i][j], x[j]));
    x[i] = ar.normalize(ar.div(acc, rows[i][i]));
  }
  return x;
}

/** Exactly any non-zero entry will do; in floating backends take the largest for stability. */
function pickPivot<N>(ar: Arithmetic<N>, rows: N[][], col: number): number {
  let best = -1;
  for (let r = col; r < rows.length; r++) {
    if (ar.isZero(rows[r][col])) continue;
    if (ar.decidesVerdicts) return r;
    if (best < 0 || ar.compare(ar.abs(rows[r][col]), ar.abs(rows[best][col])) > 0) best = r;
  }
  return best;
}

/**
 * Pivots of symmetric Gaussian elimination without row exchanges (the D of
 * P = L D Lᵀ). A symmetric matrix is positive definite iff every pivot is > 0;
 * elimination stops at the first pivot that is not.
 */
export function symmetricPivots<N>(ar: Arithmetic<N>, P: Matrix<N>): N[] {
  const n = P.length;
  const a = P.map((row) => row.slice());
  const pivots: N[] = [];
  for (let k = 0; k < n; k++) {
    const p = a[k][k];
    pivots.push(p);
    if (ar.sign(p) <= 0) break;
    for (let i = k + 1; i < n; i++) {
      if (ar.isZero(a[i][k])) continue;
      const f = ar.normalize(ar.div(a[i][k], p));
      for (let j = k; j < n; j++) a[i][j] = ar.normalize(ar.sub(a[i][j], ar.mul(f, a[k][j])));
    }
  }
  return pivots;
}
