import { counterexamplePath, exercisedText, runText, whereText } from './describe.js';
import type { Reporter } from './types.js';
import { markdownRegions } from './regions.js';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const short = (text: string, max = 24) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** summary.md: fits a CI job summary (GitHub step summary). */
export const markdownReporter: Reporter = {
  name: 'markdown',
  description: 'summary.md: a table and the minimal counterexamples, for a CI job summary',
  async render({ summary, records }) {
    const rows = Object.entries(summary.conjectures).map(([id, c]) => {
      const minimal = c.minimal ? `${whereText(c.minimal)}${c.certifiedMinimal ? ' (certified minimal)' : ''}` : '';
      return `| \`${id}\` | **${c.status.toUpperCase()}** | ${c.statesChecked} | ${c.statesFailed} | ${c.statesVacuous} | ${cell(minimal)} | ${c.smallestMargin ? `\`${cell(short(c.smallestMargin.value))}\`` : ''} |`;
    });
    const details = Object.entries(summary.conjectures)
      .filter(([, c]) => c.minimal || c.reason)
      .map(([id, c]) => {
        const lines = [`### \`${id}\`: ${c.status}`, '', exercisedText(c) + '.', ''];
        if (c.reason) lines.push(`Inconclusive: ${c.reason}.`, '');
        if (c.minimal) {
          lines.push(
            `Minimal counterexample (${c.minimalSource}${c.certifiedMinimal ? ', certified minimal in the grid' : ''}): ${whereText(c.minimal)}, margin \`${short(c.minimal.margin ?? '', 60)}\`.`,
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
      '| conjecture | status | states checked | failed | vacuous | minimal counterexample | smallest margin |',
      '|---|---|---:|---:|---:|---|---|',
      ...rows,
      '',
      ...details,
    ].join('\n');
    return [{ path: 'summary.md', content: content + '\n' }];
  },
};
