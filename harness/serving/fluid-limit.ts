import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import { fluidLimitVerdict } from '../../conjectures/serving/fluid-limit.js';
import { Rational } from '../../models/arithmetic/rational.js';
import { InputError } from '../../models/errors.js';
import type { SimStateView } from '../../models/serving/events.js';
import { FluidEstimator, loadRho, scaleParams, type FluidEstimate } from '../../models/serving/fluid.js';
import { solveFluid } from '../../models/serving/fluid-solve.js';
import { expectedWork, formatLengthDistribution, generateRequests, type GeneratorSpec } from '../../models/serving/generator.js';
import { encodeServingParams, type ServingParams } from '../../models/serving/params.js';
import { seededRng } from '../../models/serving/rng.js';
import { simulate } from '../../models/serving/simulator.js';
import { baseConfig, renderSvg } from '../../reports/charts/render.js';
import { escapeHtml, exactValue, figure, page } from '../../reports/html.js';

/**
 * `conjecture serving fluid-limit`: runs the scaled systems n ∈ scales on
 * [0, T] and compares X^(n)/n with the fluid solution.
 *
 * Scalings: `c4` (SPEC-serving §C.4: rate nλ, nM, nB, d1/n, d0 fixed; ρ is
 * unchanged) and `lambda` (the seed's: rate nλ alone). For Poisson arrivals
 * system n uses the grid n·g, so its arrival process is the n-fold rate on
 * the same relative grid.
 *
 * The fluid solution: the C.1 ODE from the empty state, with the controls
 * (λ, S_q, S_Z) and observed rates (p, q, r) estimated per window h (C.2)
 * from the run of the largest n, rates divided by n; τ = d0 + d1_eff·(B + N)
 * in normalised units, d1_eff = d1 under c4 and n_max·d1 under `lambda`.
 *
 * Distance: on the grid t_g = g·h/k (k = points per window), 0 < t_g ≤ T,
 * D_n = max_g ( |Q^(n)/n − Q| + Σ_i |X_i^(n)/n − X_i| + Σ_i |Z_i^(n)/n − Z_i| )
 * (the L1 norm of the whole state vector, i = KV length p + pos). The
 * simulator's state at t is the state during the batch running at t (R at its
 * snapshot, |W|, Z), and the empty system in idle periods. Doubles: the
 * distances are estimates, and the verdict says only whether they decrease.
 */
export type Scaling = 'c4' | 'lambda';

export interface FluidLimitOptions {
  readonly params: ServingParams;
  /** Arrivals and lengths at n = 1 (count/horizon are ignored: the horizon is `horizon`). */
  readonly spec: GeneratorSpec;
  readonly seed: number;
  readonly scales: readonly number[];
  readonly horizon: Rational;
  readonly window: Rational;
  readonly pointsPerWindow: number;
  readonly scalings: readonly Scaling[];
  readonly outDir: string;
  readonly now?: () => number;
}

interface Sampled {
  /** Per grid point: |W| and the histograms of R and Z by length. */
  readonly Q: number[];
  readonly X: Map<number, number>[];
  readonly Z: Map<number, number>[];
  readonly estimate: FluidEstimate;
  readonly requests: number;
  readonly batches: number;
  readonly ms: number | null;
}

export interface ScalingResult {
  readonly scaling: Scaling;
  readonly scales: readonly number[];
  readonly distances: readonly number[];
  readonly decreasing: boolean;
  readonly verdict: string;
  readonly runs: readonly { n: number; requests: number; batches: number; ms: number | null }[];
  /** N(t)/n per n and the fluid N(t), on the grid (for the chart). */
  readonly occupancy: readonly { t: number; series: string; value: number }[];
}

export interface FluidLimitResult {
  readonly rho: Rational;
  readonly results: readonly ScalingResult[];
  readonly files: readonly string[];
}

const histogram = (lengths: number[]) => {
  const m = new Map<number, number>();
  for (const l of lengths) m.set(l, (m.get(l) ?? 0) + 1);
  return m;
};

/** One run of system n up to the horizon, sampled on the grid. */
function runScaled(o: FluidLimitOptions, scaling: Scaling, n: number, grid: readonly Rational[]): Sampled {
  const t0 = o.now?.() ?? null;
  const params = scaling === 'c4' ? scaleParams(o.params, n) : o.params;
  const spec: GeneratorSpec = { ...o.spec, rate: o.spec.rate.mul(Rational.fromInteger(n)).normalized(), grid: o.spec.grid * n, count: undefined, horizon: o.horizon };
  const est = new FluidEstimator(o.window);
  const Q: number[] = [];
  const X: Map<number, number>[] = [];
  const Z: Map<number, number>[] = [];
  const empty = () => {
    Q.push(0);
    X.push(new Map());
    Z.push(new Map());
  };
  const current = (s: SimStateView) => {
    Q.push(s.counts().waiting);
    X.push(histogram(s.runningLengths()));
    Z.push(histogram(s.swappedLengths()));
  };
  let g = 0;
  let state: SimStateView | null = null;
  let requests = 0;
  let batches = 0;
  for (const e of simulate(params, generateRequests(spec, seededRng(o.seed)))) {
    if (e.kind === 'memory' && e.type === 'arrival') requests++;
    if (e.kind === 'snapshot') {
      if (e.time.compare(o.horizon) > 0) break;
      state = e.state;
      batches++;
      while (g < grid.length && grid[g].compare(e.time) < 0) (empty(), g++);
      const endOfBatch = e.time.add(e.duration);
      if (g < grid.length && grid[g].compare(endOfBatch) < 0) {
        const q = Q.length;
        current(e.state);
        g++;
        while (g < grid.length && grid[g].compare(endOfBatch) < 0) {
          Q.push(Q[q]);
          X.push(X[q]);
          Z.push(Z[q]);
          g++;
        }
      }
    }
    if (e.kind !== 'end') est.onEvent(e);
  }
  // After the last batch (run ended, or stopped at the horizon in an idle gap): the state then.
  while (g < grid.length) {
    if (state) current(state);
    else empty();
    g++;
  }
  return { Q, X, Z, estimate: est.finish(), requests, batches, ms: t0 === null ? null : o.now!() - t0 };
}

export async function runFluidLimit(o: FluidLimitOptions): Promise<FluidLimitResult> {
  if (!o.scales.length) throw new InputError('INVALID_OPTIONS', 'fluid-limit needs at least one scale n');
  try {
    mkdirSync(o.outDir, { recursive: true });
  } catch (error) {
    throw new InputError('BAD_OUTPUT', `cannot create --out ${o.outDir}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const step = o.window.div(Rational.fromInteger(o.pointsPerWindow)).normalized();
  const grid: Rational[] = [Rational.ZERO];
  for (let t = step; t.compare(o.horizon) <= 0; t = t.add(step).normalized()) grid.push(t);
  const times = grid.map((t) => t.toNumber());
  const scales = [...o.scales].sort((a, b) => a - b);
  const nMax = scales[scales.length - 1];
  const rho = loadRho(o.params, o.spec.rate, expectedWork(o.spec.prefill, o.spec.decode));
  const results: ScalingResult[] = [];
  for (const scaling of o.scalings) {
    const runs = scales.map((n) => ({ n, s: runScaled(o, scaling, n, grid) }));
    const ref = runs[runs.length - 1].s.estimate;
    const L = Math.max(...runs.map((r) => r.s.estimate.L), ref.L);
    const refEstimate: FluidEstimate = { ...ref, L };
    const padded = padEstimate(refEstimate);
    const d1 = o.params.d1.toNumber() * (scaling === 'c4' ? 1 : nMax);
    const fluid = solveFluid(padded, { n: nMax, d0: o.params.d0.toNumber(), d1, times });
    const distances = runs.map(({ n, s }) => {
      let worst = 0;
      for (let g = 1; g < grid.length; g++) {
        const y = fluid[g];
        let d = Math.abs(s.Q[g] / n - y[0]);
        for (let i = 1; i <= L; i++) d += Math.abs((s.X[g].get(i) ?? 0) / n - y[i]) + Math.abs((s.Z[g].get(i) ?? 0) / n - y[L + i]);
        worst = Math.max(worst, d);
      }
      return worst;
    });
    const decreasing = distances.every((d, i) => i === 0 || d < distances[i - 1]);
    const firstRise = distances.findIndex((d, i) => i > 0 && d >= distances[i - 1]);
    const verdict = decreasing
      ? `D_n decreases strictly over n ∈ {${scales.join(', ')}}: consistent with X^(n)/n → X (finitely many n prove no limit)`
      : `D_n does not decrease: D_${scales[firstRise]} = ${distances[firstRise].toPrecision(4)} ≥ D_${scales[firstRise - 1]} = ${distances[firstRise - 1].toPrecision(4)}`;
    const occupancy: { t: number; series: string; value: number }[] = [];
    for (let g = 0; g < grid.length; g++) {
      for (const { n, s } of runs) occupancy.push({ t: times[g], series: `n = ${n}`, value: [...s.X[g].values()].reduce((a, b) => a + b, 0) / n });
      occupancy.push({ t: times[g], series: 'fluid', value: fluid[g].slice(1, L + 1).reduce((a, b) => a + b, 0) });
    }
    results.push({ scaling, scales, distances, decreasing, verdict, runs: runs.map(({ n, s }) => ({ n, requests: s.requests, batches: s.batches, ms: s.ms })), occupancy });
  }
  const files = await writeOutputs(o, rho, results);
  return { rho, results, files };
}

/** Every per-length array of the estimate padded to length L + 1. */
function padEstimate(e: FluidEstimate): FluidEstimate {
  const pad = <T>(a: readonly T[], fill: T) => [...a, ...Array<T>(Math.max(0, e.L + 1 - a.length)).fill(fill)];
  return { ...e, windows: e.windows.map((w) => ({ ...w, SZ: pad(w.SZ, Rational.ZERO), p: pad(w.p, null), q: pad(w.q, null), r: pad(w.r, null), exposure: pad(w.exposure, 0) })) };
}

const schema = 'https://vega.github.io/schema/vega-lite/v6.json';

async function writeOutputs(o: FluidLimitOptions, rho: Rational, results: readonly ScalingResult[]): Promise<string[]> {
  const csv = ['scaling,n,distance,requests,batches'];
  for (const r of results) r.scales.forEach((n, i) => csv.push(`${r.scaling},${n},${r.distances[i]},${r.runs[i].requests},${r.runs[i].batches}`));
  writeFileSync(join(o.outDir, 'distances.csv'), csv.join('\n') + '\n');
  const json = {
    params: encodeServingParams(o.params),
    workload: { arrivals: o.spec.arrivals, rate: o.spec.rate.toString(), grid: o.spec.grid, prefill: formatLengthDistribution(o.spec.prefill), decode: formatLengthDistribution(o.spec.decode), seed: o.seed },
    horizon: o.horizon.toString(),
    window: o.window.toString(),
    pointsPerWindow: o.pointsPerWindow,
    rho: rho.toString(),
    distance: 'D_n = max over grid t of L1(|Q^(n)/n − Q| + Σ|X_i^(n)/n − X_i| + Σ|Z_i^(n)/n − Z_i|)',
    results: results.map((r) => ({ scaling: r.scaling, scales: r.scales, distances: r.distances, decreasing: r.decreasing, verdict: r.verdict, runs: r.runs, conjecture: fluidLimitVerdict.check({ scales: r.scales, distances: r.distances }) })),
  };
  writeFileSync(join(o.outDir, 'fluid-limit.json'), JSON.stringify(json, null, 2) + '\n');
  const distanceSpec = {
    $schema: schema,
    title: { text: 'Distance D_n between X^(n)/n and the fluid solution', subtitle: 'log–log; one line per scaling' },
    config: baseConfig,
    width: 480,
    height: 240,
    data: { values: results.flatMap((r) => r.scales.map((n, i) => ({ n, D: Math.max(r.distances[i], 1e-12), scaling: r.scaling === 'c4' ? 'C.4 (λ, M, B, 1/d1 × n)' : 'λ × n only (seed)' }))) },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'n', type: 'quantitative', scale: { type: 'log' }, title: 'n' },
      y: { field: 'D', type: 'quantitative', scale: { type: 'log' }, title: 'D_n' },
      color: { field: 'scaling', type: 'nominal', title: null },
    },
  } as TopLevelSpec;
  const charts = [figure('distances', await renderSvg(distanceSpec))];
  for (const r of results) {
    const spec = {
      $schema: schema,
      title: `Running requests N(t)/n and the fluid N(t) (${r.scaling})`,
      config: baseConfig,
      width: 480,
      height: 240,
      data: { values: r.occupancy },
      mark: { type: 'line' },
      encoding: { x: { field: 't', type: 'quantitative', title: 'time' }, y: { field: 'value', type: 'quantitative', title: 'N / n' }, color: { field: 'series', type: 'nominal', title: null } },
    } as TopLevelSpec;
    charts.push(figure(`occupancy-${r.scaling}`, await renderSvg(spec)));
  }
  const tables = results
    .map(
      (r) => `<h3>Scaling ${escapeHtml(r.scaling)}</h3><table><tr><th>n</th><th>D_n</th><th>requests</th><th>batches</th></tr>${r.scales
        .map((n, i) => `<tr><td class="num">${n}</td><td class="num">${r.distances[i].toPrecision(5)}</td><td class="num">${r.runs[i].requests}</td><td class="num">${r.runs[i].batches}</td></tr>`)
        .join('')}</table><p><strong>Verdict:</strong> ${escapeHtml(r.verdict)}</p>`,
    )
    .join('');
  const body = `<h1>Fluid limit (seed 004)</h1>
<p>M = ${o.params.M}, B = ${o.params.B}, d0 = ${exactValue(o.params.d0.toString())}, d1 = ${exactValue(o.params.d1.toString())}; ${escapeHtml(o.spec.arrivals)} arrivals at λ = ${exactValue(o.spec.rate.toString())}; horizon ${exactValue(o.horizon.toString())}, window h = ${exactValue(o.window.toString())}. Load ρ (C.4, exact) = ${exactValue(rho.toString())}.</p>
<p>D_n = max over the grid (${o.pointsPerWindow} points per window) of the L1 distance between (Q, X, Z)^(n)/n and the ODE solution with controls estimated from the run of the largest n. Floating-point estimates; the conjecture stays undecided whatever they show.</p>
${tables}
<div class="charts">${charts.join('\n')}</div>`;
  writeFileSync(join(o.outDir, 'index.html'), page('Fluid limit (seed 004)', body));
  return ['distances.csv', 'fluid-limit.json', 'index.html'];
}
