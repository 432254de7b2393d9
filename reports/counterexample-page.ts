import type { CounterexampleRecord } from '../harness/schema.js';
import { renderSvg } from './charts/render.js';
import { escapeHtml, exactValue, figure, page } from './html.js';
import type { ReportFile } from './types.js';

/**
 * The page of one counterexample: what fails and where, the exact witness,
 * the tables and charts its family computed, the run as CSV and the
 * configuration it ran. Paths are relative to `dir`.
 */
export async function counterexampleFiles(r: CounterexampleRecord, dir: string): Promise<ReportFile[]> {
  const svgs = await Promise.all(r.page.charts.map((c) => renderSvg(c.spec as never)));
  const charts = r.page.charts.map((c, i) => figure(c.name, svgs[i], c.caption)).join('\n');
  return [
    { path: `${dir}/index.html`, content: page(`${r.conjecture.id} counterexample`, pageBody(r, charts)) },
    { path: `${dir}/trajectory.csv`, content: csv(r) },
    { path: `${dir}/config.json`, content: JSON.stringify(ranConfig(r), null, 2) + '\n' },
    { path: `${dir}/counterexample.json`, content: JSON.stringify(r.counterexample, null, 2) + '\n' },
  ];
}

/** What the page's run was: enough to run it again. */
function ranConfig(r: CounterexampleRecord) {
  const ce = r.counterexample;
  return { conjecture: ce.conjecture, options: ce.options, params: ce.params, init: ce.init, failingT: ce.t, steps: r.page.steps };
}

export function csv(r: CounterexampleRecord): string {
  const { columns, rows } = r.page.csv;
  return [columns, ...rows].map((row) => row.join(',')).join('\n') + '\n';
}

function tableHtml(t: CounterexampleRecord['page']['tables'][number]): string {
  const head = `<tr>${t.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr>`;
  const body = t.rows.map((row) => `<tr>${row.map((x, i) => (i === 0 ? `<td class="num">${escapeHtml(x)}</td>` : `<td>${/^-?\d+(\/\d+)?$/.test(x) ? exactValue(x) : escapeHtml(x)}</td>`)).join('')}</tr>`).join('');
  return `<h2>${escapeHtml(t.title)}</h2>\n<table>${head}${body}</table>`;
}

function pageBody(r: CounterexampleRecord, charts: string): string {
  const ce = r.counterexample;
  const witness = Object.entries(ce.witness)
    .map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${Array.isArray(v) ? `<code>${escapeHtml(JSON.stringify(v))}</code>` : typeof v === 'number' ? v : exactValue(v, 80)}</td></tr>`)
    .join('');
  const facts = r.page.facts.map((f) => `<tr><th>${escapeHtml(f.label)}</th><td>${escapeHtml(f.value)}</td></tr>`).join('\n');
  return `
<h1>Counterexample: <code>${escapeHtml(r.conjecture.id)}</code></h1>
<p>${escapeHtml(r.conjecture.statement)} <small>(seed ${escapeHtml(r.conjecture.source)}; model family ${escapeHtml(r.conjecture.family)})</small></p>
<table>
${facts}
<tr><th>fails at</th><td>t = ${ce.t} (the first failing t)${ce.case ? `, case ${ce.case}` : ''}${ce.tie ? ', with ties in argmax/argmin' : ''}</td></tr>
<tr><th>margin</th><td>${ce.margin !== undefined ? exactValue(ce.margin, 80) : '—'} <small>(${escapeHtml(r.conjecture.margin)})</small></td></tr>
<tr><th>minimality</th><td>${ce.locallyMinimal ? 'locally minimal: no smaller neighbour fails' : 'not shown minimal'}</td></tr>
<tr><th>replay</th><td><pre>${escapeHtml(ce.replay)}</pre></td></tr>
</table>
<h2>Witness (exact)</h2>
<table>${witness}</table>
${r.page.tables.map(tableHtml).join('\n')}
<h2>Trajectory</h2>
<p>The run, t = 0..${r.page.steps} (it continues past the failing t). Plotted values are doubles; exact values are above and in the replay.</p>
<div class="charts">
${charts}
</div>
<p>Files: <a href="trajectory.csv">trajectory.csv</a> (${escapeHtml(r.page.csv.note)}), <a href="config.json">config.json</a> (what was run), <a href="counterexample.json">counterexample.json</a>.</p>
`;
}
