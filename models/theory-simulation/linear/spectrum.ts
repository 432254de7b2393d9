import { createRequire } from 'node:module';
import type { Complex, MathJsInstance } from 'mathjs';
import type { Arithmetic } from '../../arithmetic/arithmetic.js';

// mathjs takes about a second to load; only display code needs it, so load it on first use.
let mathjs: Pick<MathJsInstance, 'eigs' | 'abs'> | null = null;
const loadMathjs = () => (mathjs ??= createRequire(import.meta.url)('mathjs') as MathJsInstance);
import type { Matrix } from './matrix.js';

/**
 * FLOATING-POINT ESTIMATES of eigenvalues and spectral radius, for display only.
 * Stability is decided exactly by `schurCohn`; never compare these with 1.
 */
export interface SpectrumEstimate {
  readonly kind: 'float64 estimate';
  readonly eigenvalues: { re: number; im: number }[];
  /** NaN when no estimate could be made (see `note`). */
  readonly spectralRadius: number;
  readonly note?: string;
}

/** mathjs's QR iteration sometimes stalls at its default precision; looser ones still estimate. */
const PRECISIONS = [undefined, 1e-8, 1e-6] as const;

export function estimateSpectrum<N>(ar: Arithmetic<N>, A: Matrix<N>): SpectrumEstimate {
  const { eigs, abs } = loadMathjs();
  const numeric = A.map((row) => row.map((x) => ar.toNumber(x)));
  let lastError = '';
  for (const precision of PRECISIONS) {
    try {
      const values = eigs(numeric, { eigenvectors: false, ...(precision ? { precision } : {}) }).values as unknown as (number | Complex)[];
      const eigenvalues = values.map((v) => (typeof v === 'number' ? { re: v, im: 0 } : { re: v.re, im: v.im }));
      const spectralRadius = Math.max(0, ...values.map((v) => Number(abs(v as number))));
      return { kind: 'float64 estimate', eigenvalues, spectralRadius, ...(precision ? { note: `eigenvalue iteration at precision ${precision}` } : {}) };
    } catch (error) {
      lastError = (error as Error).message;
    }
  }
  return { kind: 'float64 estimate', eigenvalues: [], spectralRadius: Number.NaN, note: `no estimate: ${lastError}` };
}
