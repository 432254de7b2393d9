import type { TopLevelSpec } from 'vega-lite';
import { baseConfig, renderSvg } from '../../reports/charts/render.js';
import { escapeHtml, exactValue, figure, page } from '../../reports/html.js';
import type { RunVerdict } from '../../conjectures/serving/evaluate.js';
import type { ChartSampler } from './sampler.js';

const schema = 'https://vega.github.io/schema/vega-lite/v6.json';

function lines(title: string, values: { t: number; series: string; value: number }[], yTitle: string): TopLevelSpec {
  return {
    $schema: schema,
    title,
    config: baseConfig,
    width: 520,
    height: 200,
    data: { values },
    mark: { type: 'line', interpolate: 'step-after' },
    encoding: {
      x: { field: 't', type: 'quantitative', title: 'time' },
      y: { field: 'value', type: 'quantitative', title: yTitle },
      color: { field: 'series', type: 'nominal', title: null },
    },
  } as TopLevelSpec;
}

function points(title: string, values: object[], x: string, xTitle: string, y: string, yTitle: string, color?: string): TopLevelSpec {
  return {
    $schema: schema,
    title,
    config: baseConfig,
    width: 520,
    height: 200,
    data: { values },
    mark: { type: 'point', filled: true, size: 14, opacity: 0.7 },
    encoding: {
      x: { field: x, type: 'quantitative', title: xTitle },
      y: { field: y, type: 'quantitative', title: yTitle },
      ...(color ? { color: { field: color, type: 'nominal', title: null } } : {}),
    },
  } as TopLevelSpec;
}

/** The simulate page: offline, inline SVG, no scripts. */
export async function simulatePage(o: {
  title: string;
  summary: [string, string][];
  sampler: ChartSampler;
  verdicts: readonly RunVerdict[];
}): Promise<string> {
  const s = o.sampler.series.values();
  const note = (n: number, kept: number) => (kept < n ? `downsampled: ${kept} of ${n} points` : `${n} points`);
  const charts: string[] = [];
  if (s.length) {
    charts.push(
      figure('queues', await renderSvg(lines('Queue lengths', s.flatMap((p) => [{ t: p.t, series: 'waiting |W|', value: p.waiting }, { t: p.t, series: 'running |R|', value: p.running }, { t: p.t, series: 'swapped |Z|', value: p.swapped }]), 'requests')), note(o.sampler.series.total, s.length)),
      figure('memory', await renderSvg(lines('GPU memory G at batch starts', s.map((p) => ({ t: p.t, series: 'G', value: p.G })), 'tokens')), note(o.sampler.series.total, s.length)),
      figure('tokens', await renderSvg(lines('Batch tokens', s.map((p) => ({ t: p.t, series: 'batch tokens', value: p.tokens })), 'tokens')), note(o.sampler.series.total, s.length)),
    );
  }
  const d = o.sampler.delays.values();
  if (d.length) charts.push(figure('delays', await renderSvg(points('Per-request delay c − a', d, 'arrival', 'arrival time', 'delay', 'total delay')), note(o.sampler.delays.total, d.length)));
  const w = o.sampler.swaps.values();
  charts.push(
    w.length
      ? figure('swaps', await renderSvg(points('Swap events', w, 't', 'time', 'id', 'request id', 'kind')), note(o.sampler.swaps.total, w.length))
      : '<p>No swap events.</p>',
  );
  const rows = o.summary.map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${/^-?\d+(\/\d+)?$/.test(v) ? exactValue(v) : escapeHtml(v)}</td></tr>`).join('');
  const checks = o.verdicts
    .map((v) => `<tr><td><code>${escapeHtml(v.id)}</code></td><td>${escapeHtml(v.status)}</td><td class="num">${v.checked}</td><td class="num">${v.fails}</td><td>${v.outcome?.margin !== undefined ? exactValue(String(v.outcome.margin)) : ''}</td><td>${escapeHtml(v.outcome?.note ?? '')}${v.outcome?.positions ? `<code>${escapeHtml(JSON.stringify(v.outcome.positions).slice(0, 200))}</code>` : ''}</td></tr>`)
    .join('');
  const body = `<h1>${escapeHtml(o.title)}</h1>
<h2>Run</h2><table>${rows}</table>
<h2>Charts</h2><div class="charts">${charts.join('\n')}</div>
<h2>Seed-004 conjectures on this run</h2>
<table><tr><th>id</th><th>status</th><th>checked</th><th>failed</th><th>margin (first failure, else least)</th><th>witness</th></tr>${checks}</table>`;
  return page(o.title, body);
}
