/**
 * A bounded Levenberg–Marquardt minimiser of Σ ω_i ρ(r_i) (SPEC-serving A.7.4).
 *
 * Each iteration linearises the model, forms the Gauss–Newton matrix
 * H = Jᵀ diag(ω_i·ψ(r_i)/r_i) J (iteratively reweighted least squares: weight
 * 1 for squared loss and for Huber residuals |r| ≤ δ, δ/|r| beyond) and the
 * gradient g = −Jᵀ(ω ψ(r)), and solves (H + λ·diag H) p = −g over the free
 * coordinates. A coordinate at a bound whose gradient pushes it outward is held
 * fixed for the iteration (active set); the trial point is projected into the
 * bounds. A trial is accepted only if the objective decreases; λ adapts by the
 * gain ratio (Nielsen's rule).
 *
 * Compared with scipy's `least_squares(method='trf')` this lacks: reflective
 * steps and the Coleman–Li affine scaling near bounds (a projected step may
 * stall on a bound where TRF would slide along it), an exact trust-region
 * subproblem (λ is a damping, not a radius), the `rho''` correction scipy
 * applies to robust losses (IRLS weights instead), finite-difference Jacobians
 * (the Jacobian is analytic) and `x_scale='jac'`.
 */
export interface BoundedProblem {
  readonly lower: readonly number[];
  readonly upper: readonly number[];
  /** Model predictions at x. */
  predict(x: readonly number[]): Float64Array;
  /** ∂prediction_i/∂x_j (rows × params). */
  jacobian(x: readonly number[]): Float64Array[];
  readonly observed: readonly number[];
  readonly weights: readonly number[];
  readonly loss: Loss;
}

export type Loss = { readonly kind: 'squared' } | { readonly kind: 'huber'; readonly delta: number };

export interface SolverOptions {
  readonly maxEvaluations: number;
  /** Stop when the relative decrease of the objective is below this (default 1e-14). */
  readonly ftol?: number;
  /** Stop when the relative step is below this (default 1e-12). */
  readonly xtol?: number;
  /** Stop when the projected gradient (scaled) is below this (default 1e-12). */
  readonly gtol?: number;
}

export interface SolverResult {
  readonly x: number[];
  readonly objective: number;
  readonly evaluations: number;
  readonly iterations: number;
  readonly converged: boolean;
  readonly reason: string;
}

export function rho(r: number, loss: Loss): number {
  if (loss.kind === 'squared') return (r * r) / 2;
  const a = Math.abs(r);
  return a <= loss.delta ? (r * r) / 2 : loss.delta * (a - loss.delta / 2);
}

function psi(r: number, loss: Loss): number {
  if (loss.kind === 'squared') return r;
  return Math.abs(r) <= loss.delta ? r : loss.delta * Math.sign(r);
}

function irlsWeight(r: number, loss: Loss): number {
  if (loss.kind === 'squared') return 1;
  const a = Math.abs(r);
  return a <= loss.delta ? 1 : loss.delta / a;
}

export function objectiveOf(p: BoundedProblem, pred: Float64Array): number {
  let f = 0;
  for (let i = 0; i < pred.length; i++) f += p.weights[i] * rho(p.observed[i] - pred[i], p.loss);
  return f;
}

export function clip(x: readonly number[], lower: readonly number[], upper: readonly number[]): number[] {
  return x.map((v, j) => Math.min(upper[j], Math.max(lower[j], v)));
}

export function minimizeBounded(problem: BoundedProblem, x0: readonly number[], options: SolverOptions): SolverResult {
  const ftol = options.ftol ?? 1e-14;
  const xtol = options.xtol ?? 1e-12;
  const gtol = options.gtol ?? 1e-12;
  const n = x0.length;
  const { lower, upper } = problem;
  let x = clip(x0, lower, upper);
  let pred = problem.predict(x);
  let f = objectiveOf(problem, pred);
  let evaluations = 1;
  let iterations = 0;
  let lambda = 1e-3;
  let nu = 2;
  if (!Number.isFinite(f)) return { x, objective: f, evaluations, iterations, converged: false, reason: 'objective not finite at the start' };
  while (evaluations < options.maxEvaluations) {
    iterations++;
    const J = problem.jacobian(x);
    const g = new Array<number>(n).fill(0);
    const H = Array.from({ length: n }, () => new Array<number>(n).fill(0));
    for (let i = 0; i < pred.length; i++) {
      const r = problem.observed[i] - pred[i];
      const w = problem.weights[i];
      const gi = w * psi(r, problem.loss);
      const hi = w * irlsWeight(r, problem.loss);
      const row = J[i];
      for (let a = 0; a < n; a++) {
        g[a] -= gi * row[a];
        const ha = hi * row[a];
        if (ha === 0) continue;
        for (let b = a; b < n; b++) H[a][b] += ha * row[b];
      }
    }
    for (let a = 0; a < n; a++) for (let b = 0; b < a; b++) H[a][b] = H[b][a];
    const free: number[] = [];
    for (let j = 0; j < n; j++) {
      const atLower = x[j] <= lower[j] && g[j] > 0;
      const atUpper = x[j] >= upper[j] && g[j] < 0;
      if (!atLower && !atUpper) free.push(j);
    }
    // Projected gradient, scaled by √diag H (invariant to parameter units).
    let gnorm = 0;
    for (const j of free) gnorm = Math.max(gnorm, Math.abs(g[j]) / Math.sqrt(Math.max(H[j][j], 1e-300)));
    if (free.length === 0 || gnorm <= gtol * Math.sqrt(Math.max(f, 1e-300))) {
      return { x, objective: f, evaluations, iterations, converged: true, reason: 'projected gradient below tolerance' };
    }
    let accepted = false;
    while (!accepted && evaluations < options.maxEvaluations) {
      const A = free.map((a) => free.map((b) => H[a][b] + (a === b ? lambda * Math.max(H[a][a], 1e-12) : 0)));
      const step = solve(A, free.map((j) => -g[j]));
      if (!step) {
        lambda *= nu;
        nu *= 2;
        continue;
      }
      const trial = [...x];
      free.forEach((j, k) => (trial[j] = x[j] + step[k]));
      const xn = clip(trial, lower, upper);
      const p = xn.map((v, j) => v - x[j]);
      const predNew = problem.predict(xn);
      evaluations++;
      const fn = objectiveOf(problem, predNew);
      // Predicted decrease of the quadratic model along the projected step.
      let lin = 0;
      let quad = 0;
      for (let a = 0; a < n; a++) {
        lin += g[a] * p[a];
        for (let b = 0; b < n; b++) quad += p[a] * H[a][b] * p[b];
      }
      const predicted = -(lin + quad / 2);
      if (Number.isFinite(fn) && fn < f) {
        const gain = predicted > 0 ? (f - fn) / predicted : 1;
        lambda *= Math.max(1 / 3, 1 - (2 * gain - 1) ** 3);
        nu = 2;
        const small = p.every((v, j) => Math.abs(v) <= xtol * (Math.abs(x[j]) + xtol));
        const flat = f - fn <= ftol * f;
        x = xn;
        pred = predNew;
        f = fn;
        accepted = true;
        if (small || flat || f === 0) {
          return { x, objective: f, evaluations, iterations, converged: true, reason: small ? 'step below tolerance' : flat ? 'objective decrease below tolerance' : 'zero objective' };
        }
      } else {
        lambda *= nu;
        nu *= 2;
        const tiny = p.every((v, j) => Math.abs(v) <= xtol * (Math.abs(x[j]) + xtol));
        if (tiny || lambda > 1e30) return { x, objective: f, evaluations, iterations, converged: true, reason: 'no decrease at the smallest step' };
      }
    }
  }
  return { x, objective: f, evaluations, iterations, converged: false, reason: `evaluation budget (${options.maxEvaluations}) exhausted` };
}

/** Solves A·x = b (small dense, Gaussian elimination with partial pivoting); null when singular. */
export function solve(A: number[][], b: number[]): number[] | null {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r][c]) > Math.abs(M[piv][c])) piv = r;
    if (!(Math.abs(M[piv][c]) > 1e-300)) return null;
    [M[c], M[piv]] = [M[piv], M[c]];
    for (let r = c + 1; r < n; r++) {
      const f = M[r][c] / M[c][c];
      if (f === 0) continue;
      for (let k = c; k <= n; k++) M[r][k] -= f * M[c][k];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = M[r][n];
    for (let k = r + 1; k < n; k++) s -= M[r][k] * x[k];
    x[r] = s / M[r][r];
  }
  return x.every(Number.isFinite) ? x : null;
}
