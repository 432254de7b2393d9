import { escapeHtml, page, statusBadge } from '../html.js';
import type { Reporter } from '../types.js';
import type { GateReport } from './types.js';

/** index.html: the claims, linking each claim's own sweep report. */
export const gateHtmlReporter: Reporter<GateReport> = {
  name: 'html',
  description: 'index.html linking each claim report',
  async render(r) {
    const rows = r.results
      .map(
        (c) => `<tr><td>${c.met ? '<span class="status met">MET</span>' : '<span class="status unmet">NOT MET</span>'}</td><td><a href="claims/${escapeHtml(c.slug)}/index.html">${escapeHtml(c.name)}</a></td>
<td><code>${escapeHtml(c.conjecture)}</code></td><td>${escapeHtml(c.expect)}</td><td>${statusBadge(c.status)}</td><td>${escapeHtml(c.verdict)}${c.minimal ? `<pre>${escapeHtml(c.minimal.replay)}</pre>` : ''}</td></tr>`,
      )
      .join('\n');
    const body = `<h1>Conjecture gate: ${r.passed ? 'passed' : 'FAILED'}</h1>
<p>${r.results.filter((c) => c.met).length} of ${r.results.length} claims met in ${r.seconds.toFixed(1)} s.</p>
<table><tr><th>result</th><th>claim</th><th>conjecture</th><th>expected</th><th>found</th><th>verdict</th></tr>${rows}</table>`;
    return [{ path: 'index.html', content: page('Conjecture gate', body) }];
  },
};
