import type { Reporter } from '../types.js';
import { mdCell as cell, type GateReport } from './types.js';

/** summary.md: the gate table and, for each unmet claim, its counterexample and replay. */
export const gateMarkdownReporter: Reporter<GateReport> = {
  name: 'markdown',
  description: 'summary.md for a CI job summary',
  async render(r) {
    const rows = r.results.map((c) => `| ${c.met ? 'met' : '**NOT MET**'} | ${cell(c.name)} | \`${c.conjecture}\` | ${c.expect} | **${c.status}** | ${cell(c.verdict)} |`);
    const failures = r.results
      .filter((c) => !c.met)
      .map((c) => [`### NOT MET: ${c.name}`, '', c.verdict + '.', '', ...(c.minimal ? ['```sh', c.minimal.replay, '```', ''] : [])].join('\n'));
    const corpus = r.corpus ? `Corpus \`${r.corpus.dir}\`: ${r.corpus.replayed} replayed, ${r.corpus.stillFailing} still fail${r.corpus.noLongerFailing.length ? `, ${r.corpus.noLongerFailing.length} no longer fail` : ''}, ${r.corpus.added} added.` : '';
    const content = [
      `## Conjecture gate: ${r.passed ? 'PASSED' : 'FAILED'}`,
      '',
      `${r.results.filter((c) => c.met).length} of ${r.results.length} claims met in ${r.seconds.toFixed(1)} s. ${corpus}`,
      '',
      '| result | claim | conjecture | expected | found | verdict |',
      '|---|---|---|---|---|---|',
      ...rows,
      '',
      ...failures,
    ].join('\n');
    return [{ path: 'summary.md', content: content + '\n' }];
  },
};
