import { createRequire } from 'node:module';
import { controlsOf, fluidDerivative, stateSize, type FluidEstimate } from './fluid.js';

/**
 * Integrates the C.1 ODE with mathjs `solveODE` (mathjs 15: adaptive
 * Dormand–Prince RK45 with an absolute error tolerance `tol`). mathjs is
 * already a dependency, is maintained, and this system is small (2L + 1
 * unknowns) and non-stiff on the scales used (rates ~ 1/τ), so an explicit
 * adaptive method fits. Controls are piecewise constant per window; the
 * integration restarts at every grid time, and the grid divides the window, so
 * the solver never steps across a discontinuity of the controls.
 * Floating point: the solution is an estimate, never a verdict.
 */
type SolveODE = (f: (t: number, y: number[]) => number[], tspan: [number, number], y0: number[], options: { method?: 'RK45' | 'RK23'; tol?: number; maxIter?: number }) => { t: number[]; y: number[][] };

let solver: SolveODE | null = null;
// mathjs takes about a second to load: load it on first use.
const loadSolver = (): SolveODE => (solver ??= (createRequire(import.meta.url)('mathjs') as { solveODE: SolveODE }).solveODE);

export interface FluidSolveOptions {
  /** Divide the estimated rates by n (rates of system n → the normalised system). */
  readonly n: number;
  readonly d0: number;
  /** Per-token time of the normalised system (d1 under the C.4 scaling). */
  readonly d1: number;
  /** Increasing grid times starting at 0; each consecutive pair lies within one window of the estimate. */
  readonly times: readonly number[];
  /** Absolute tolerance (default 1e-7). */
  readonly tol?: number;
}

/** y = [Q, X_1..X_L, Z_1..Z_L] at every grid time, starting from the empty system. */
export function solveFluid(est: FluidEstimate, o: FluidSolveOptions): number[][] {
  const solve = loadSolver();
  const L = est.L;
  const h = est.h.toNumber();
  let y = new Array<number>(stateSize(L)).fill(0);
  const out: number[][] = [y];
  for (let g = 1; g < o.times.length; g++) {
    const a = o.times[g - 1];
    const b = o.times[g];
    const j = Math.floor((a + 1e-12 * Math.max(1, h)) / h);
    const c = controlsOf(est, j, o.n);
    const r = solve((_t, v) => fluidDerivative(v, c, L, o.d0, o.d1), [a, b], y, { method: 'RK45', tol: o.tol ?? 1e-7, maxIter: 1e6 });
    y = r.y[r.y.length - 1].map((v) => Number(v));
    out.push(y);
  }
  return out;
}
