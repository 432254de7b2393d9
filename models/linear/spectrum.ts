import { abs, eigs, type Complex } from 'mathjs';
import type { Arithmetic } from '../arithmetic/arithmetic.js';
import type { Matrix } from './matrix.js';

/**
 * FLOATING-POINT ESTIMATES of eigenvalues and spectral radius, for display only.
 * Stability is decided exactly by `schurCohn`; never compare these with 1.
 */
export interface SpectrumEstimate {
  readonly kind: 'float64 estimate';
  readonly eigenvalues: { re: number; im: number }[];
  readonly spectralRadius: number;
}

export function estimateSpectrum<N>(ar: Arithmetic<N>, A: Matrix<N>): SpectrumEstimate {
  const numeric = A.map((row) => row.map((x) => ar.toNumber(x)));
  const values = eigs(numeric, { eigenvectors: false }).values as unknown as (number | Complex)[];
  const eigenvalues = values.map((v) => (typeof v === 'number' ? { re: v, im: 0 } : { re: v.re, im: v.im }));
  const spectralRadius = Math.max(0, ...values.map((v) => Number(abs(v as number))));
  return { kind: 'float64 estimate', eigenvalues, spectralRadius };
}
