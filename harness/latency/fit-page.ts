import type { TopLevelSpec } from 'vega-lite';
import { latencyFloat } from '../../models/latency/formula.js';
import type { FitResult } from '../../models/latency/fit/fit.js';
import { baseConfig, renderSvg } from '../../reports/charts/render.js';
import { escapeHtml, figure, page } from '../../reports/html.js';

/** The fit page: one self-contained offline HTML file, charts as inline SVG (no scripts). */
export async function renderFitPage(result: FitResult, source: string): Promise<string> {
  const pts = result.residuals;
  const scatter = (title: string, x: string, y: string, xTitle: string, yTitle: string, data: object[], zeroLine: boolean): TopLevelSpec =>
    ({
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      title,
      width: 420,
      height: 260,
      config: baseConfig,
      data: { values: data },
      layer: [
        { mark: { type: 'point', filled: true, size: 18, opacity: 0.6 }, encoding: { x: { field: x, type: 'quantitative', title: xTitle }, y: { field: y, type: 'quantitative', title: yTitle } } },
        ...(zeroLine ? [{ mark: { type: 'rule', color: '#c62828' }, encoding: { y: { datum: 0 } } }] : []),
      ],
    }) as TopLevelSpec;
  const maxT = Math.max(...pts.map((p) => Math.max(p.T, p.predicted)));
  const predObs: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: 'Predicted vs observed T (ms)',
    width: 420,
    height: 300,
    config: baseConfig,
    layer: [
      {
        data: { values: pts },
        mark: { type: 'point', filled: true, size: 18, opacity: 0.6 },
        encoding: { x: { field: 'T', type: 'quantitative', title: 'observed T (ms)' }, y: { field: 'predicted', type: 'quantitative', title: 'predicted T (ms)' } },
      },
      {
        data: { values: [{ a: 0, b: 0 }, { a: maxT, b: maxT }] },
        mark: { type: 'line', color: '#888', strokeDash: [4, 4] },
        encoding: { x: { field: 'a', type: 'quantitative' }, y: { field: 'b', type: 'quantitative' } },
      },
    ],
  } as TopLevelSpec;
  // Surface: T over a grid of (B, S) spanning the data, as a heatmap.
  const Bs = gridValues(Math.min(...pts.map((p) => p.B)), Math.max(...pts.map((p) => p.B)), 24);
  const Ss = gridValues(Math.min(...pts.map((p) => p.S)), Math.max(...pts.map((p) => p.S)), 24);
  const surface = Bs.flatMap((B) => Ss.map((S) => ({ B, S, T: latencyFloat(result.theta.decimal, B, S) })));
  const heat: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: 'Fitted T(B,S) (ms)',
    width: 420,
    height: 300,
    config: baseConfig,
    data: { values: surface },
    mark: 'rect',
    encoding: {
      x: { field: 'B', type: 'ordinal', title: 'B' },
      y: { field: 'S', type: 'ordinal', title: 'S', sort: 'descending' },
      color: { field: 'T', type: 'quantitative', title: 'T (ms)', scale: { scheme: 'viridis' } },
    },
  } as TopLevelSpec;
  const charts = [
    ['predicted-vs-observed', await renderSvg(predObs)],
    ['residuals-over-time', await renderSvg(scatter('Residuals over time (row)', 'row', 'residual', 'row', 'residual (ms)', pts, true))],
    ['residuals-vs-B', await renderSvg(scatter('Residuals vs B', 'B', 'residual', 'B', 'residual (ms)', pts, true))],
    ['residuals-vs-S', await renderSvg(scatter('Residuals vs S', 'S', 'residual', 'S', 'residual (ms)', pts, true))],
    ['surface', await renderSvg(heat)],
  ] as const;
  const fmt = (x: number | null | undefined) => (x === null || x === undefined ? '—' : Number.isInteger(x) ? String(x) : x.toPrecision(6));
  const rowsTable = (pairs: [string, string][]) => `<table>${pairs.map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td class="num">${escapeHtml(v)}</td></tr>`).join('')}</table>`;
  const id = result.identifiable;
  const idPairs: [string, string][] = id.decodeOnly
    ? [['{kB, kS} (unordered)', `{${fmt(id.kPair[0])}, ${fmt(id.kPair[1])}}`], ['a0 = w0/Pmax', fmt(id.a0)], ['a1 = w1/Pmax', fmt(id.a1)], ['τ0', fmt(id.tau0)], ['τB + τS', fmt(id.tauBS)]]
    : [['kB', fmt(id.kB)], ['kS', fmt(id.kS)], ['a0 = w0/Pmax', fmt(id.a0)], ['a1 = w1/Pmax', fmt(id.a1)], ['τ0', fmt(id.tau0)], ['τB', fmt(id.tauB)], ['τS', fmt(id.tauS)]];
  const d = result.diagnostics;
  const body = `
<h1>Step-latency fit</h1>
<p>Data: <code>${escapeHtml(source)}</code>: ${result.rows.kept} of ${result.rows.total} rows kept (T ≤ ${result.options.tcap} ms, T ≥ ${result.options.tmin} ms). Loss: ${escapeHtml(result.options.loss.kind === 'huber' ? `Huber (δ = ${result.options.loss.delta} ms)` : 'squared')}. Objective ${fmt(result.objective)} after ${result.evaluations} evaluations.</p>
<h2>Identifiable coordinates (original units)</h2>
<p>Only these are determined by the data (SPEC-serving A.4): θ itself is not (c·(Pmax, w0, w1) gives the same T).${id.decodeOnly ? ' The data are decode-only (S = B): only τB + τS and the unordered pair {kB, kS} are determined.' : ''} No confidence intervals are given.</p>
${rowsTable(idPairs)}
<h2>Metrics</h2>
${rowsTable([['n', String(result.metrics.n)], ['R²', fmt(result.metrics.R2)], ['RMSE (ms)', fmt(result.metrics.RMSE)], ['MAE (ms)', fmt(result.metrics.MAE)], ...(result.cv ? ([[`CV mean RMSE (${result.cv.scored} of ${result.cv.folds} folds)`, fmt(result.cv.meanRMSE)]] as [string, string][]) : [])])}
<h2>Residual diagnostics</h2>
${rowsTable([
  ['Shapiro–Wilk W (p)', d.shapiroWilk ? `${fmt(d.shapiroWilk.W)} (${fmt(d.shapiroWilk.p)})` : '—'],
  ['Breusch–Pagan LM (df, p)', d.breuschPagan ? `${fmt(d.breuschPagan.LM)} (${d.breuschPagan.df}, ${fmt(d.breuschPagan.p)})` : '—'],
  ['Durbin–Watson', fmt(d.durbinWatson)],
  ['trend slope (t-test p)', d.trend ? `${fmt(d.trend.slope)} (${fmt(d.trend.p)})` : '—'],
])}
<h2>Charts</h2>
<div class="charts">${charts.map(([name, svg]) => figure(name, svg)).join('\n')}</div>
<h2>θ (one representative of its scaling class)</h2>
<pre>${escapeHtml(JSON.stringify(result.theta.rational, null, 2))}</pre>`;
  return page('Step-latency fit', body);
}

function gridValues(lo: number, hi: number, n: number): number[] {
  const out = new Set<number>();
  for (let i = 0; i < n; i++) out.add(Math.round(lo + ((hi - lo) * i) / (n - 1)));
  return [...out].sort((a, b) => a - b);
}
