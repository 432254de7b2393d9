import type { ModelSetup } from '../setup.js';
import { solveLyapunovCompanion } from './lyapunov.js';
import { identity, solveLinear, type Matrix } from './matrix.js';
import type { Polynomial } from './polynomial.js';
import { estimateSpectrum, type SpectrumEstimate } from './spectrum.js';
import { schurCohn, type StabilityDecision } from './stability.js';
import { fPolynomial, transitionFirstRow, transitionMatrix } from './transition.js';

/**
 * The linear analysis of Theory for one parameter set (SPEC §4), computed
 * lazily and at most once: runs share it across initial states and conjectures.
 */
export interface LinearAnalysis<N> {
  readonly setup: ModelSetup<N>;
  /** Transition matrix A of the deviations. */
  readonly A: Matrix<N>;
  /** F(λ), highest degree first. */
  readonly F: Polynomial<N>;
  /** Exact decision of ρ(A) < 1 (Schur–Cohn on F). */
  readonly stability: StabilityDecision<N>;
  /** Lyapunov matrix for Q = I; throws a RangeError when A is not stable. */
  readonly P: Matrix<N>;
  /** (P⁻¹)_00: the largest x_0² on the ellipsoid xᵀPx ≤ 1. */
  readonly PInverse00: N;
  /** Lyapunov matrix for another Q (not cached). */
  lyapunov(Q: Matrix<N>): Matrix<N>;
  /** Float64 estimate of the spectrum, for display only. */
  readonly spectrumEstimate: SpectrumEstimate;
}

/** Throws (RangeError) unless A is stable: P exists only then. */
export function requireStableA(stability: { readonly stable: boolean }): void {
  if (!stability.stable) {
    throw new RangeError('the Lyapunov matrix P exists only when A is stable (ρ(A) < 1)');
  }
}

export function linearAnalysis<N>(setup: ModelSetup<N>): LinearAnalysis<N> {
  const { ar } = setup;
  const memo = new Map<string, unknown>();
  const once = <T>(key: string, compute: () => T): T => {
    if (!memo.has(key)) memo.set(key, compute());
    return memo.get(key) as T;
  };
  const requireStable = () => requireStableA(analysis.stability);
  const analysis: LinearAnalysis<N> = {
    setup,
    get A() {
      return once('A', () => transitionMatrix(setup));
    },
    get F() {
      return once('F', () => fPolynomial(setup));
    },
    get stability() {
      return once('stability', () => schurCohn(ar, fPolynomial(setup)));
    },
    get P() {
      return once('P', () => {
        requireStable();
        return solveLyapunovCompanion(ar, transitionFirstRow(setup), identity(ar, setup.stages));
      });
    },
    get PInverse00() {
      return once('PInverse00', () => {
        const e0 = setup.W.map((_, i) => (i === 0 ? ar.one : ar.zero));
        return solveLinear(ar, analysis.P, e0)[0];
      });
    },
    lyapunov(Q) {
      requireStable();
      return solveLyapunovCompanion(ar, transitionFirstRow(setup), Q);
    },
    get spectrumEstimate() {
      return once('spectrum', () => estimateSpectrum(ar, analysis.A));
    },
  };
  return analysis;
}
