import { Rational } from '../../arithmetic/rational.js';
import { InputError } from '../../errors.js';
import { latencyFloat, oneMinusExpNegFloat } from '../formula.js';
import { makeTheta, THETA_KEYS, thetaToJson, type Theta, type ThetaFloat, type ThetaJson } from '../params.js';
import { clip, minimizeBounded, type BoundedProblem, type Loss } from './solver.js';
import { chiSquareSf, mean, median, ols, quantile, shapiroWilk, tTwoSidedP } from './stats.js';

/**
 * Fitting θ to step measurements (SPEC-serving A.7), in floating point. Pure:
 * rows in, a result object out. Steps: (1) filter, (2) scale by medians,
 * (3) start values and bounds, (4) bounded minimisation of Σ ω ρ(r) (several
 * deterministic starts, ≤ 20000 evaluations in all; the fit with the least
 * objective wins, earlier start on ties within a relative 1e−6), (5) metrics,
 * (6) residual diagnostics, (7) optional time-series CV, and the identifiable
 * coordinates of A.4. No confidence intervals are given for any coordinate.
 */
export interface StepRow {
  readonly B: number;
  readonly S: number;
  readonly T: number;
  /** ω_i (default 1). */
  readonly weight?: number;
}

export interface FitOptions {
  readonly loss: Loss;
  /** Keep T ≤ Tcap (ms, default 300). */
  readonly tcap: number;
  /** Keep T ≥ Tmin (ms, default 0). */
  readonly tmin: number;
  /** Total evaluation budget (default 20000). */
  readonly maxEvaluations: number;
  /** 'multi' (default): the spec's start, then fixed variants of (kB, kS); 'spec': the spec's start only. */
  readonly starts: 'multi' | 'spec';
}

export const DEFAULT_FIT_OPTIONS: FitOptions = Object.freeze<FitOptions>({
  loss: { kind: 'squared' },
  tcap: 300,
  tmin: 0,
  maxEvaluations: 20000,
  starts: 'multi',
});

export const MIN_ROWS = 20;

/** Bounds in scaled units, order Pmax, kB, kS, w0, w1, τ0, τB, τS (seed code). */
export const LOWER = [1e-6, 1e-6, 1e-6, 0, 1e-9, 0, 0, 0] as const;
export const UPPER = [100, 10, 10, 10, 100, 1000, 10, 10] as const;

export interface Filtered {
  readonly kept: StepRow[];
  /** Indices (0-based, in the input) of the kept rows. */
  readonly index: number[];
  readonly dropped: { readonly nonFinite: number; readonly nonPositive: number; readonly aboveCap: number; readonly belowMin: number; readonly badWeight: number };
}

/** Step 1: finite B, S, T > 0, Tmin ≤ T ≤ Tcap, weight finite ≥ 0. */
export function filterRows(rows: readonly StepRow[], options: Pick<FitOptions, 'tcap' | 'tmin'>): Filtered {
  const dropped = { nonFinite: 0, nonPositive: 0, aboveCap: 0, belowMin: 0, badWeight: 0 };
  const kept: StepRow[] = [];
  const index: number[] = [];
  rows.forEach((r, i) => {
    if (![r.B, r.S, r.T].every(Number.isFinite)) dropped.nonFinite++;
    else if (!(r.B > 0 && r.S > 0 && r.T > 0)) dropped.nonPositive++;
    else if (r.T > options.tcap) dropped.aboveCap++;
    else if (r.T < options.tmin) dropped.belowMin++;
    else if (r.weight !== undefined && !(Number.isFinite(r.weight) && r.weight >= 0)) dropped.badWeight++;
    else {
      kept.push(r);
      index.push(i);
    }
  });
  return { kept, index, dropped };
}

export interface Scaling {
  readonly sB: number;
  readonly sS: number;
}

/** Step 2: sB = max(median B, 1), sS = max(median S, 1). */
export function scalingOf(rows: readonly StepRow[]): Scaling {
  return { sB: Math.max(median(rows.map((r) => r.B)), 1), sS: Math.max(median(rows.map((r) => r.S)), 1) };
}

const toVector = (t: ThetaFloat) => THETA_KEYS.map((k) => t[k]);
const toTheta = (x: readonly number[]): ThetaFloat => Object.fromEntries(THETA_KEYS.map((k, j) => [k, x[j]])) as unknown as ThetaFloat;

/** Step 3: the start of A.7.3 (scaled units), clipped into the bounds. */
export function startValues(rows: readonly StepRow[], scaling: Scaling): ThetaFloat {
  const s = rows.map((r) => r.S / scaling.sS);
  const T = rows.map((r) => r.T);
  const Pmax = quantile(s.map((si, i) => si / T[i]), 0.95);
  const slope = ols(s.map((si) => [1, si]), T).beta[1] ?? 0;
  const w1 = Math.max(slope, 1e-9);
  const start: ThetaFloat = { Pmax, kB: 0.1, kS: 0.01, w0: 0.1 * w1 * median(s), w1, tau0: Math.min(...T) / 2, tauB: 1e-3, tauS: 1e-3 };
  return toTheta(clip(toVector(start), LOWER, UPPER));
}

/** θ in scaled units → original units: kB/sB, kS/sS, w1/sS, τB/sB, τS/sS. */
export function unscale(t: ThetaFloat, scaling: Scaling): ThetaFloat {
  return { ...t, kB: t.kB / scaling.sB, kS: t.kS / scaling.sS, w1: t.w1 / scaling.sS, tauB: t.tauB / scaling.sB, tauS: t.tauS / scaling.sS };
}

function problemOf(rows: readonly StepRow[], scaling: Scaling, loss: Loss): BoundedProblem {
  const b = rows.map((r) => r.B / scaling.sB);
  const s = rows.map((r) => r.S / scaling.sS);
  return {
    lower: LOWER,
    upper: UPPER,
    observed: rows.map((r) => r.T),
    weights: rows.map((r) => r.weight ?? 1),
    loss,
    predict: (x) => {
      const t = toTheta(x);
      const out = new Float64Array(rows.length);
      for (let i = 0; i < rows.length; i++) out[i] = latencyFloat(t, b[i], s[i]);
      return out;
    },
    jacobian: (x) => {
      const [P, kB, kS, w0, w1] = x;
      return rows.map((_, i) => {
        const u = oneMinusExpNegFloat(kB * b[i]);
        const v = oneMinusExpNegFloat(kS * s[i]);
        const W = w0 + w1 * s[i];
        const thr = P * u * v;
        const Q = W / thr;
        return Float64Array.from([
          -Q / P,
          (-Q / u) * b[i] * Math.exp(-kB * b[i]),
          (-Q / v) * s[i] * Math.exp(-kS * s[i]),
          1 / thr,
          s[i] / thr,
          1,
          b[i],
          s[i],
        ]);
      });
    },
  };
}

/** (kB, kS) of the extra starts (scaled units), after the spec's (0.1, 0.01). */
const EXTRA_STARTS: readonly [number, number][] = [
  [1, 0.1],
  [1, 1],
  [0.1, 0.1],
  [3, 0.3],
  [0.3, 3],
  [5, 5],
];

export interface StartReport {
  readonly kB: number;
  readonly kS: number;
  readonly objective: number;
  readonly evaluations: number;
  readonly converged: boolean;
  readonly reason: string;
}

export interface CoreFit {
  readonly scaling: Scaling;
  readonly thetaScaled: ThetaFloat;
  readonly theta: ThetaFloat;
  readonly objective: number;
  readonly evaluations: number;
  readonly starts: StartReport[];
  readonly rows: Filtered;
}

/** Fits compare by objective: equal within a relative 1e−6 (A.7.4). */
export function compareObjectives(a: number, b: number): -1 | 0 | 1 {
  if (Math.abs(a - b) <= 1e-6 * Math.max(Math.abs(a), Math.abs(b))) return 0;
  return a < b ? -1 : 1;
}

/** Steps 1–4 of A.7. Throws InputError('TOO_FEW_ROWS') below 20 kept rows. */
export function fitCore(rows: readonly StepRow[], options: FitOptions = DEFAULT_FIT_OPTIONS): CoreFit {
  const filtered = filterRows(rows, options);
  if (filtered.kept.length < MIN_ROWS) {
    throw new InputError('TOO_FEW_ROWS', `fitting needs at least ${MIN_ROWS} rows with finite B, S, T > 0 and ${options.tmin} ≤ T ≤ ${options.tcap} (got ${filtered.kept.length} of ${rows.length})`);
  }
  const scaling = scalingOf(filtered.kept);
  const problem = problemOf(filtered.kept, scaling, options.loss);
  const base = startValues(filtered.kept, scaling);
  const startList: ThetaFloat[] = [base];
  if (options.starts === 'multi') for (const [kB, kS] of EXTRA_STARTS) startList.push({ ...base, kB, kS });
  const perStart = Math.floor(options.maxEvaluations / startList.length);
  let best: { x: number[]; objective: number } | null = null;
  const starts: StartReport[] = [];
  let evaluations = 0;
  for (const start of startList) {
    const r = minimizeBounded(problem, toVector(start), { maxEvaluations: perStart });
    evaluations += r.evaluations;
    starts.push({ kB: start.kB, kS: start.kS, objective: r.objective, evaluations: r.evaluations, converged: r.converged, reason: r.reason });
    if (Number.isFinite(r.objective) && (!best || compareObjectives(r.objective, best.objective) < 0)) best = { x: r.x, objective: r.objective };
  }
  if (!best) throw new InputError('FIT_FAILED', 'the objective was not finite at any start');
  const thetaScaled = toTheta(best.x);
  return { scaling, thetaScaled, theta: unscale(thetaScaled, scaling), objective: best.objective, evaluations, starts, rows: filtered };
}

export interface Metrics {
  readonly n: number;
  /** null when SST = 0. */
  readonly R2: number | null;
  readonly RMSE: number;
  readonly MAE: number;
}

export function metricsOf(observed: readonly number[], predicted: readonly number[]): Metrics {
  const n = observed.length;
  const r = observed.map((t, i) => t - predicted[i]);
  const sse = r.reduce((a, v) => a + v * v, 0);
  const m = mean(observed);
  const sst = observed.reduce((a, v) => a + (v - m) ** 2, 0);
  return { n, R2: sst > 0 ? 1 - sse / sst : null, RMSE: Math.sqrt(sse / n), MAE: r.reduce((a, v) => a + Math.abs(v), 0) / n };
}

export interface Diagnostics {
  readonly shapiroWilk: { readonly W: number; readonly p: number } | null;
  /** LM = n·R² of OLS of r² on (1, B, S); df = rank − 1 (1 when B and S are collinear). */
  readonly breuschPagan: { readonly LM: number; readonly df: number; readonly p: number } | null;
  readonly durbinWatson: number | null;
  /** OLS slope of r_i on i = 1..n with its two-sided t-test p (df = n − 2). */
  readonly trend: { readonly slope: number; readonly t: number; readonly p: number } | null;
}

/** Step 6 on the residuals of the kept rows, in row order. */
export function diagnosticsOf(rows: readonly StepRow[], residuals: readonly number[]): Diagnostics {
  const n = residuals.length;
  const ss = residuals.reduce((a, v) => a + v * v, 0);
  let dw: number | null = null;
  if (n >= 2 && ss > 0) {
    let num = 0;
    for (let i = 1; i < n; i++) num += (residuals[i] - residuals[i - 1]) ** 2;
    dw = num / ss;
  }
  let bp: Diagnostics['breuschPagan'] = null;
  const aux = ols(
    rows.map((r) => [1, r.B, r.S]),
    residuals.map((r) => r * r),
  );
  if (aux.r2 !== null && aux.rank >= 2) {
    const df = Math.min(aux.rank - 1, 2) as 1 | 2;
    const LM = n * aux.r2;
    bp = { LM, df, p: chiSquareSf(LM, df) };
  }
  let trend: Diagnostics['trend'] = null;
  if (n >= 3) {
    const X = residuals.map((_, i) => [1, i + 1]);
    const fit = ols(X, residuals);
    const slope = fit.beta[1];
    if (slope !== null && slope !== undefined) {
      const mi = (n + 1) / 2;
      const sxx = residuals.reduce((a, _, i) => a + (i + 1 - mi) ** 2, 0);
      const se = Math.sqrt(fit.sse / (n - 2) / sxx);
      const t = se > 0 ? slope / se : slope === 0 ? 0 : Infinity * Math.sign(slope);
      trend = { slope, t, p: se > 0 ? tTwoSidedP(t, n - 2) : slope === 0 ? 1 : 0 };
    }
  }
  return { shapiroWilk: shapiroWilk(residuals), breuschPagan: bp, durbinWatson: dw, trend };
}

/**
 * The identifiable coordinates (A.4) in original units. Decode-only data
 * (every kept row has S = B) determines only τB + τS and the unordered pair
 * {kB, kS}: those are reported instead of τB, τS, kB, kS.
 */
export type Identifiable =
  | { readonly decodeOnly: false; readonly kB: number; readonly kS: number; readonly a0: number; readonly a1: number; readonly tau0: number; readonly tauB: number; readonly tauS: number }
  | { readonly decodeOnly: true; readonly kPair: readonly [number, number]; readonly a0: number; readonly a1: number; readonly tau0: number; readonly tauBS: number };

export function identifiableOf(theta: ThetaFloat, rows: readonly StepRow[]): Identifiable {
  const a0 = theta.w0 / theta.Pmax;
  const a1 = theta.w1 / theta.Pmax;
  if (rows.every((r) => r.S === r.B)) {
    const kPair: [number, number] = theta.kB <= theta.kS ? [theta.kB, theta.kS] : [theta.kS, theta.kB];
    return { decodeOnly: true, kPair, a0, a1, tau0: theta.tau0, tauBS: theta.tauB + theta.tauS };
  }
  return { decodeOnly: false, kB: theta.kB, kS: theta.kS, a0, a1, tau0: theta.tau0, tauB: theta.tauB, tauS: theta.tauS };
}

export interface CvOptions {
  /** m: first training size (rows 1..m). */
  readonly minTrain: number;
  /** w: test window. */
  readonly window: number;
}

export interface CvResult {
  readonly folds: number;
  /** Folds whose test window had rows passing the filter. */
  readonly scored: number;
  readonly meanRMSE: number | null;
  readonly perFold: { readonly t: number; readonly testRows: number; readonly RMSE: number | null; readonly objective: number }[];
}

/** Step 7: for t = m..N−w, fit on rows 1..t, RMSE on the filtered rows t+1..t+w; mean over scored folds. */
export function timeSeriesCv(rows: readonly StepRow[], cv: CvOptions, options: FitOptions = DEFAULT_FIT_OPTIONS): CvResult {
  const N = rows.length;
  if (!Number.isSafeInteger(cv.minTrain) || !Number.isSafeInteger(cv.window) || cv.minTrain < 1 || cv.window < 1) {
    throw new InputError('INVALID_CV', `cross-validation needs integers m ≥ 1 and w ≥ 1 (got m=${cv.minTrain}, w=${cv.window})`);
  }
  if (cv.minTrain > N - cv.window) throw new InputError('INVALID_CV', `cross-validation needs m ≤ N − w (m=${cv.minTrain}, w=${cv.window}, N=${N})`);
  const perFold: CvResult['perFold'][number][] = [];
  for (let t = cv.minTrain; t <= N - cv.window; t++) {
    let fit: CoreFit;
    try {
      fit = fitCore(rows.slice(0, t), options);
    } catch (error) {
      if (error instanceof InputError && error.code === 'TOO_FEW_ROWS') {
        throw new InputError('INVALID_CV', `cross-validation fold t=${t}: ${error.message}; raise --cv-min`);
      }
      throw error;
    }
    const test = filterRows(rows.slice(t, t + cv.window), options).kept;
    const RMSE = test.length ? metricsOf(test.map((r) => r.T), test.map((r) => latencyFloat(fit.theta, r.B, r.S))).RMSE : null;
    perFold.push({ t, testRows: test.length, RMSE, objective: fit.objective });
  }
  const scored = perFold.filter((f) => f.RMSE !== null);
  return { folds: perFold.length, scored: scored.length, meanRMSE: scored.length ? mean(scored.map((f) => f.RMSE!)) : null, perFold };
}

export interface FitResult {
  readonly options: FitOptions;
  readonly rows: { readonly total: number; readonly kept: number; readonly dropped: Filtered['dropped'] };
  readonly scaling: Scaling;
  readonly objective: number;
  readonly evaluations: number;
  readonly starts: StartReport[];
  readonly thetaScaled: ThetaFloat;
  /** θ in original units: doubles, and exact rationals (the decimals written, as a θ usable by checks). */
  readonly theta: { readonly decimal: ThetaFloat; readonly rational: ThetaJson };
  readonly metrics: Metrics;
  readonly diagnostics: Diagnostics;
  readonly identifiable: Identifiable;
  readonly cv: CvResult | null;
  /** Kept rows with their predictions and residuals (for the page). */
  readonly residuals: { readonly row: number; readonly B: number; readonly S: number; readonly T: number; readonly predicted: number; readonly residual: number }[];
}

/** The whole of A.7 on rows in time order. */
export function fitLatency(rows: readonly StepRow[], options: FitOptions = DEFAULT_FIT_OPTIONS, cv?: CvOptions): FitResult {
  const core = fitCore(rows, options);
  const kept = core.rows.kept;
  const predicted = kept.map((r) => latencyFloat(core.theta, r.B, r.S));
  const residuals = kept.map((r, i) => r.T - predicted[i]);
  return {
    options,
    rows: { total: rows.length, kept: kept.length, dropped: core.rows.dropped },
    scaling: core.scaling,
    objective: core.objective,
    evaluations: core.evaluations,
    starts: core.starts,
    thetaScaled: core.thetaScaled,
    theta: { decimal: core.theta, rational: thetaToJson(thetaToRational(core.theta)) },
    metrics: metricsOf(kept.map((r) => r.T), predicted),
    diagnostics: diagnosticsOf(kept, residuals),
    identifiable: identifiableOf(core.theta, kept),
    cv: cv ? timeSeriesCv(rows, cv, options) : null,
    residuals: kept.map((r, i) => ({ row: core.rows.index[i] + 1, B: r.B, S: r.S, T: r.T, predicted: predicted[i], residual: residuals[i] })),
  };
}

/** θ doubles → exact rationals of their shortest decimals (valid under A.1 since the bounds keep Pmax, kB, kS, w1 > 0). */
export function thetaToRational(t: ThetaFloat): Theta {
  return makeTheta(Object.fromEntries(THETA_KEYS.map((k) => [k, Rational.fromNumber(t[k])])) as Record<keyof ThetaFloat, Rational>);
}
