import type { ConjectureSummary } from '../harness/schema.js';
import type { BoundaryTableJson, RegionMapJson } from '../harness/regions/types.js';
import { escapeHtml } from './html.js';

/**
 * Region maps and boundary tables of a refuted conjecture, rendered from
 * summary.json as saved (`regions`): heatmaps of the failing share of cells
 * as tables, and per combination of the other parameters where it fails.
 */

/** Boundary rows shown in a report (all are in summary.json). */
export const MAX_BOUNDARY_ROWS = 200;

const share = (c: [number, number, number] | null) => (c === null ? '' : c[1] === 0 ? (c[2] ? 'n/c' : '') : `${c[0]}/${c[1]}`);
const text = (v: unknown) => String(v);

function boundaryRows(b: BoundaryTableJson) {
  return b.rows.slice(0, MAX_BOUNDARY_ROWS).map((r) => [
    ...r.group.map(text),
    r.largestFailing === null ? 'never fails' : text(r.largestFailing),
    r.heldFrom === null ? (r.largestFailing === null ? '—' : 'fails up to the largest value') : text(r.heldFrom),
    `${r.failingValues}/${r.checkedValues}${r.monotone ? '' : ' (not monotone)'}${r.clean ? '' : ' (some cells above not decided)'}`,
  ]);
}

const mapTitle = (m: RegionMapJson) => `${m.labels[m.y] ?? m.y} × ${m.labels[m.x] ?? m.x}${m.by ? `, per ${m.labels[m.by] ?? m.by}` : ''}`;

export function markdownRegions(c: ConjectureSummary): string {
  const r = c.regions;
  if (!r) return '';
  const out: string[] = ['#### Regions', '', `Cells: ${r.cells.failed} failed, ${r.cells.held} held, ${r.cells.vacuous} vacuous, ${r.cells.undecided} undecided, ${r.cells.errored} errored. Maps show failed/checked cells.`, ''];
  for (const m of r.maps) {
    out.push(`**${mapTitle(m)}**`, '');
    for (const f of m.facets) {
      if (f.by !== null) out.push(`${m.by} = ${f.by}:`, '');
      out.push(`| ${m.y} \\ ${m.x} | ${f.xs.join(' | ')} |`, `|---|${f.xs.map(() => '---:').join('|')}|`);
      f.ys.forEach((y, i) => out.push(`| ${y} | ${f.counts[i].map(share).join(' | ')} |`));
      out.push('');
    }
  }
  for (const b of r.boundaries) {
    out.push(`**Boundary in ${b.parameter}** (per ${b.groupBy.join(', ')}; initial states pooled)`, '');
    out.push(`| ${[...b.groupBy, `largest failing ${b.parameter}`, 'held from', 'failing/checked values'].join(' | ')} |`, `|${[...b.groupBy, '', '', ''].map(() => '---').join('|')}|`);
    for (const row of boundaryRows(b)) out.push(`| ${row.join(' | ')} |`);
    if (b.rows.length > MAX_BOUNDARY_ROWS) out.push('', `(${b.rows.length - MAX_BOUNDARY_ROWS} more rows in summary.json)`);
    out.push('');
  }
  return out.join('\n');
}

function color(c: [number, number, number] | null): string {
  if (c === null || c[1] === 0) return '#f4f4f4';
  const s = c[0] / c[1];
  return s === 0 ? '#d8efd8' : `hsl(0, 70%, ${Math.round(92 - 40 * s)}%)`;
}

export function htmlRegions(c: ConjectureSummary): string {
  const r = c.regions;
  if (!r) return '';
  const maps = r.maps
    .map((m) => {
      const facets = m.facets
        .map((f) => {
          const head = `<tr><th>${escapeHtml(m.y)} \\ ${escapeHtml(m.x)}</th>${f.xs.map((x) => `<th>${escapeHtml(x)}</th>`).join('')}</tr>`;
          const rows = f.ys
            .map((y, i) => `<tr><th>${escapeHtml(y)}</th>${f.counts[i].map((k) => `<td class="num" style="background:${color(k)}">${share(k)}</td>`).join('')}</tr>`)
            .join('');
          return `<div>${f.by !== null ? `<p>${escapeHtml(m.by!)} = ${escapeHtml(f.by)}</p>` : ''}<table>${head}${rows}</table></div>`;
        })
        .join('');
      return `<h4>${escapeHtml(mapTitle(m))}</h4><div class="charts">${facets}</div>`;
    })
    .join('\n');
  const boundaries = r.boundaries
    .map((b) => {
      const head = `<tr>${[...b.groupBy, `largest failing ${b.parameter}`, 'held from', 'failing/checked values'].map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr>`;
      const rows = boundaryRows(b).map((row) => `<tr>${row.map((v) => `<td>${escapeHtml(v)}</td>`).join('')}</tr>`).join('');
      const more = b.rows.length > MAX_BOUNDARY_ROWS ? `<p>${b.rows.length - MAX_BOUNDARY_ROWS} more rows in summary.json.</p>` : '';
      return `<h4>Boundary in ${escapeHtml(b.parameter)} (per ${escapeHtml(b.groupBy.join(', '))}; initial states pooled)</h4><table>${head}${rows}</table>${more}`;
    })
    .join('\n');
  return `<h3>Regions</h3>
<p>Cells: ${r.cells.failed} failed, ${r.cells.held} held, ${r.cells.vacuous} vacuous, ${r.cells.undecided} undecided, ${r.cells.errored} errored. Maps show failed/checked cells (red: fails, green: held throughout).</p>
${maps}
${boundaries}`;
}
