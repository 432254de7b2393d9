import { counterexamplePath, decidingText, exercisedText, runText, whereText } from './describe.js';
import type { Reporter } from './types.js';
import { approxDecimal } from './number-format.js';
import { markdownRegions } from './regions.js';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** summary.md: fits a CI job summary (GitHub step summary). */
export const markdownReporter: Reporter = {
  name: 'markdown',
  description: 'summary.md: a table and the minimal counterexamples, for a CI job summary',
  async render({ summary, records }) {
    const rows = Object.entries(summary.conjectures).map(([id, c]) => {
      const minimal = c.minimal ? `${whereText(c.minimal)}${c.certifiedMinimal ? ' (certified minimal)' : ''}` : '';
      const m = c.smallestMargin?.value;
      const p = c.smallestPositiveMargin;
      return (
        `| \`${id}\` | **${c.status.toUpperCase()}** | ${c.statesChecked} | ${c.statesFailed} | ${c.statesVacuous} | ${cell(minimal)} | ` +
        `${m ? cell(approxDecimal(m)) : ''} | ${m ? `\`${cell(m)}\`` : ''} | ${p ? `${cell(approxDecimal(p.value))} (t=${p.where.t})` : ''} | ${p ? `\`${cell(p.value)}\`` : ''} |`
      );
    });
    const details = Object.entries(summary.conjectures)
      .filter(([, c]) => c.minimal || c.reason)
      .map(([id, c]) => {
        const lines = [`### \`${id}\`: ${c.status}`, '', exercisedText(c) + '.', ''];
        if (c.reason) lines.push(`Inconclusive: ${c.reason}.`, '');
        if (c.minimal) {
          lines.push(
            `Minimal counterexample (${c.minimalSource}${c.certifiedMinimal ? ', certified minimal in the grid' : ''}): ${whereText(c.minimal)}, margin ${c.minimal.margin === undefined ? 'not recorded' : `${approxDecimal(c.minimal.margin)} (exact \`${c.minimal.margin}\`)`}.`,
            '',
            '```sh',
            c.minimal.replay,
            '```',
            '',
          );
          if (records[id]) lines.push(`Page: [${counterexamplePath(id)}/index.html](${counterexamplePath(id)}/index.html)`, '');
        }
        if (c.regions) lines.push(markdownRegions(c), '');
        return lines.join('\n');
      });
    const content = [
      `## Conjecture sweep: ${summary.name}`,
      '',
      runText(summary),
      '',
      ...(decidingText(summary) ? [decidingText(summary)!, ''] : []),
      '| conjecture | status | states checked | failed | vacuous | minimal counterexample | smallest margin | exact | least margin > 0 | exact |',
      '|---|---|---:|---:|---:|---|---:|---|---:|---|',
      ...rows,
      '',
      ...details,
    ].join('\n');
    return [{ path: 'summary.md', content: content + '\n' }];
  },
};
