import type { CoverageDimension, ConjectureSummary } from '../harness/schema.js';
import { renderSvg } from './charts/render.js';
import { bandsSpec, countsSpec, coverageMapSpec } from './charts/sweep-charts.js';
import { counterexampleFiles } from './counterexample-page.js';
import { bandCoverage, pairCoverage, vacuousShare } from './coverage.js';
import { counterexamplePath, decidingText, exercisedText, percent, runText, whereText } from './describe.js';
import { escapeHtml, figure, marginValue, page, statusBadge } from './html.js';
import type { ReportFile, Reporter } from './types.js';
import { htmlRegions } from './regions.js';

/**
 * index.html: one self-contained offline page (inline SVG charts, no scripts)
 * with the verdicts, coverage and links to a page per counterexample.
 */
export const htmlReporter: Reporter = {
  name: 'html',
  description: 'index.html and a page per counterexample, self-contained, charts as inline SVG',
  async render({ summary, records, dimensions }) {
    const entries = Object.entries(summary.conjectures);
    const sections = await Promise.all(entries.map(([id, c]) => section(id, c, Boolean(records[id]), dimensions[c.family] ?? [])));
    const overview = entries
      .map(([id, c]) => {
        const link = c.minimal ? (records[id] ? `<a href="${counterexamplePath(id)}/index.html">${escapeHtml(whereText(c.minimal))}</a>` : escapeHtml(whereText(c.minimal))) : '';
        return `<tr><td><a href="#${escapeHtml(id)}"><code>${escapeHtml(id)}</code></a></td><td>${statusBadge(c.status)}</td>
<td class="num">${c.statesChecked.toLocaleString('en-US')}</td><td class="num">${c.statesFailed.toLocaleString('en-US')}</td>
<td class="num">${percent(vacuousShare(c))}</td><td>${link}${c.certifiedMinimal ? ' <small>(certified minimal)</small>' : ''}</td></tr>`;
      })
      .join('\n');
    const body = `
<h1>Conjecture sweep: ${escapeHtml(summary.name)}</h1>
<p>${escapeHtml(runText(summary))}</p>${decidingText(summary) ? `\n<p>${escapeHtml(decidingText(summary)!)}</p>` : ''}
${summary.complete ? '' : '<p class="warning">This sweep is incomplete: no conjecture is reported as verified.</p>'}
<table>
<tr><th>conjecture</th><th>status</th><th>states checked</th><th>failed</th><th>vacuous</th><th>minimal counterexample</th></tr>
${overview}
</table>
<p><small>verified: every cell of the declared grid checked exactly, none failed; sampled: random runs only, none failed; inconclusive: anything less (the reason is given); refuted: a failure was found.</small></p>
${sections.join('\n')}
`;
    const pages = await Promise.all(Object.entries(records).map(([id, r]) => counterexampleFiles(r, counterexamplePath(id))));
    return [{ path: 'index.html', content: page(`Conjecture sweep ${summary.name}`, body) }, ...pages.flat()] as ReportFile[];
  },
};

async function section(id: string, c: ConjectureSummary, hasPage: boolean, dimensions: readonly CoverageDimension[]): Promise<string> {
  const charts: string[] = [];
  for (const d of dimensions) {
    if (d.kind === 'pair') {
      const pairs = pairCoverage(c, d);
      if (pairs.length) charts.push(figure(`coverage-${id}`, await renderSvg(coverageMapSpec(id, pairs, d)), `outcome per ${d.label} pair`));
    } else {
      const bands = bandCoverage(c, d);
      if (bands.length) charts.push(figure(`${d.id}-bands-${id}`, await renderSvg(bandsSpec(id, bands, d)), `cells per ${d.label} band`));
    }
  }
  if (c.cases) charts.push(figure(`cases-${id}`, await renderSvg(countsSpec(`${id}: cases A–D (seed 000 §6.4)`, 'case', c.cases)), 'states per case'));
  if (Object.keys(c.evictionDepth).length) {
    charts.push(figure(`eviction-depth-${id}`, await renderSvg(countsSpec(`${id}: eviction depth`, 'highest stage evicted', c.evictionDepth)), 'eviction states by depth'));
  }
  const vacuousOnly = c.statesChecked === 0 && c.statesVacuous > 0;
  const warn = vacuousOnly
    ? '<p class="warning">Held only vacuously: the precondition was false in every state, so nothing was tested.</p>'
    : vacuousShare(c) > 0.5
      ? `<p class="warning">${percent(vacuousShare(c))} of states were vacuous (precondition false).</p>`
      : '';
  const rows: [string, string][] = [
    ['status', `${statusBadge(c.status)}${c.reason ? ` ${escapeHtml(c.reason)}` : ''}`],
    ['exercised', escapeHtml(exercisedText(c))],
    ['cells', `${c.cellsChecked} evaluated, ${c.cellsFailed} failed, ${c.cellsVacuous} vacuous, ${c.cellsErrored} errored`],
    ['states', `${c.statesChecked} checked, ${c.statesFailed} failed, ${c.statesVacuous} vacuous, ${c.statesUndecided} undecided`],
  ];
  if (c.cases) rows.push(['cases A–D', Object.entries(c.cases).map(([k, n]) => `${k}: ${n}`).join(', ')]);
  if (c.ties !== null) rows.push(['ties', `${c.ties} states with tied argmax or argmin`]);
  if (c.smallestMargin) rows.push(['smallest margin', `${marginValue(c.smallestMargin.value)} at ${escapeHtml(whereText(c.smallestMargin.where))}`]);
  if (c.smallestPositiveMargin) {
    rows.push(['least margin &gt; 0', `${marginValue(c.smallestPositiveMargin.value)} at ${escapeHtml(whereText(c.smallestPositiveMargin.where))}`]);
  }
  if (c.minimal) {
    const where = escapeHtml(whereText(c.minimal));
    rows.push([
      'minimal counterexample',
      `${hasPage ? `<a href="${counterexamplePath(id)}/index.html">${where}</a>` : where} (${c.minimalSource}${c.certifiedMinimal ? ', certified minimal in the grid' : ''})<pre>${escapeHtml(c.minimal.replay)}</pre>`,
    ]);
  }
  rows.push(['random samples', `${c.random.statesChecked} states checked, ${c.random.statesFailed} failed, ${c.random.statesVacuous} vacuous`]);
  if (c.errors.length) rows.push(['errors', c.errors.map((e) => `${escapeHtml(whereText(e))}: ${escapeHtml(e.message)}`).join('<br>')]);
  return `
<h2 id="${escapeHtml(id)}"><code>${escapeHtml(id)}</code> ${statusBadge(c.status)}</h2>
${warn}
<table>${rows.map(([k, v]) => `<tr><th>${k}</th><td>${v}</td></tr>`).join('')}</table>
<div class="charts">${charts.join('\n')}</div>
${htmlRegions(c)}`;
}
