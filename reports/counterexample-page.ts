import type { TrajectoryRecord } from '../models/theory-simulation/record.js';
import { renderSvg } from './charts/render.js';
import {
  admissionsSpec,
  deltaHeatmapSpec,
  energiesSpec,
  evictionsByStageSpec,
  spreadsSpec,
  statesAtFailureSpec,
} from '../models/theory-simulation/charts.js';
import { escapeHtml, exactValue, figure, page } from './html.js';
import type { ReportFile } from './types.js';

/**
 * The page of one counterexample: what fails and where, the exact witness, the
 * trajectory charts (seed 002 §4), `trajectory.csv` (seed 002 §6 columns) and
 * the configuration it ran. Paths are relative to `dir`.
 */
export async function counterexampleFiles(r: TrajectoryRecord, dir: string): Promise<ReportFile[]> {
  const charts: [string, string, Promise<string>][] = [
    ['spreads', 'Gᵀ(t) and Gˢ(t)', renderSvg(spreadsSpec(r))],
    ['delta-heatmap', 'Δ by stage and t', renderSvg(deltaHeatmapSpec(r))],
    ['admissions', 'admissions and evictions (seed 002 §4.1)', renderSvg(admissionsSpec(r))],
    ['evictions-by-stage', 'evictions by stage (seed 002 §4.2)', renderSvg(evictionsByStageSpec(r))],
    ['states-at-failure', 'Mᵀ and Mˢ at the failing t', renderSvg(statesAtFailureSpec(r))],
  ];
  if (r.conjecture.energy && r.stable) charts.push(['energies', 'Vᵀ, Vˢ and ⟨xˢ, Δ⟩_P', renderSvg(energiesSpec(r))]);
  const svgs = await Promise.all(charts.map(([, , svg]) => svg));
  const html = page(`${r.conjecture.id} counterexample`, pageBody(r, charts.map(([name, caption], i) => figure(name, svgs[i], caption)).join('\n')));
  return [
    { path: `${dir}/index.html`, content: html },
    { path: `${dir}/trajectory.csv`, content: trajectoryCsv(r) },
    { path: `${dir}/config.json`, content: JSON.stringify(ranConfig(r), null, 2) + '\n' },
    { path: `${dir}/counterexample.json`, content: JSON.stringify(r.counterexample, null, 2) + '\n' },
  ];
}

/** What the page's run was: enough to run it again. */
function ranConfig(r: TrajectoryRecord) {
  const ce = r.counterexample;
  return { conjecture: ce.conjecture, options: ce.options, params: r.params, init: r.init, failingT: ce.t, steps: r.steps.length - 1 };
}

/**
 * Seed 002 §6: batch, theory_admission, sim_admission, sim_eviction_total,
 * sim_eviction_stage0, …; at batch 0 the "admissions" are the initial stage-0
 * counts. Values are doubles (exact values: the witness and `replay`).
 */
export function trajectoryCsv(r: TrajectoryRecord): string {
  const stages = r.steps[0].theory.length;
  const header = ['batch', 'theory_admission', 'sim_admission', 'sim_eviction_total', ...Array.from({ length: stages }, (_, s) => `sim_eviction_stage${s}`)];
  const rows = r.steps.map((s) => [
    s.t,
    s.theoryAdmission ?? s.theory[0],
    s.simAdmission ?? s.simulation[0],
    s.eviction.reduce((a, b) => a + b, 0),
    ...s.eviction,
  ]);
  return [header, ...rows].map((row) => row.join(',')).join('\n') + '\n';
}

function pageBody(r: TrajectoryRecord, charts: string): string {
  const ce = r.counterexample;
  const p = r.params;
  const witness = Object.entries(ce.witness)
    .map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${Array.isArray(v) ? `<code>${escapeHtml(JSON.stringify(v))}</code>` : typeof v === 'number' ? v : exactValue(v, 80)}</td></tr>`)
    .join('');
  const stateRows = r.atFailure.theory
    .map((x, s) => {
      const marks = [r.atFailure.m.includes(s) ? 'm' : '', r.atFailure.n.includes(s) ? 'n' : ''].filter(Boolean).join(', ');
      return `<tr><td class="num">${s}</td><td>${exactValue(x)}</td><td>${exactValue(r.atFailure.simulation[s])}</td><td>${exactValue(r.atFailure.delta[s])}</td><td>${marks}</td></tr>`;
    })
    .join('');
  return `
<h1>Counterexample: <code>${escapeHtml(r.conjecture.id)}</code></h1>
<p>${escapeHtml(r.conjecture.statement)} <small>(seed ${escapeHtml(r.conjecture.source)})</small></p>
<table>
<tr><th>parameters</th><td>l0 = ${p.l0}, lA = ${p.lA}, lB = ${p.lB}, B = ${escapeHtml(p.B)} tokens, λA = ${escapeHtml(p.lambdaA)}, λB = ${escapeHtml(p.lambdaB)}</td></tr>
<tr><th>initial state</th><td><code>${escapeHtml(JSON.stringify(r.init))}</code></td></tr>
<tr><th>fails at</th><td>t = ${ce.t} (the first failing t)${ce.case ? `, case ${ce.case}` : ''}${ce.tie ? ', with ties in argmax/argmin' : ''}</td></tr>
<tr><th>margin</th><td>${ce.margin !== undefined ? exactValue(ce.margin, 80) : '—'} <small>(${escapeHtml(r.conjecture.margin)})</small></td></tr>
<tr><th>minimality</th><td>${ce.locallyMinimal ? 'locally minimal: no smaller neighbour fails' : 'not shown minimal'}</td></tr>
<tr><th>stability of A</th><td>${r.stable ? 'stable' : 'not stable'} (decided exactly)${r.spectralRadiusEstimate !== null ? `; float estimate ρ(A) ≈ ${r.spectralRadiusEstimate.toPrecision(6)}` : ''}</td></tr>
<tr><th>replay</th><td><pre>${escapeHtml(ce.replay)}</pre></td></tr>
</table>
<h2>Witness (exact)</h2>
<table>${witness}</table>
<h2>States at t = ${r.atFailure.t} (exact)</h2>
<table><tr><th>stage</th><th>Mᵀ</th><th>Mˢ</th><th>Δ = Mᵀ − Mˢ</th><th>marks</th></tr>${stateRows}</table>
<h2>Trajectory</h2>
<p>Both models from the same initial state, t = 0..${r.steps.length - 1} (the run continues past the failing t). Plotted values are doubles; exact values are above and in the replay.</p>
<div class="charts">
${charts}
</div>
<p>Files: <a href="trajectory.csv">trajectory.csv</a> (seed 002 §6 columns), <a href="config.json">config.json</a> (what was run), <a href="counterexample.json">counterexample.json</a>.</p>
`;
}
