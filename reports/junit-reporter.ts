import { create } from 'xmlbuilder2';
import { exercisedText, whereText } from './describe.js';
import type { Reporter } from './types.js';

/**
 * junit.xml: one test case per conjecture. Refuted → failure carrying the
 * minimal counterexample and its replay command; inconclusive → skipped with
 * the reason (never a pass); verified or sampled → passed.
 */
export const junitReporter: Reporter = {
  name: 'junit',
  description: 'junit.xml: one test case per conjecture, for CI test views',
  async render({ summary }) {
    const entries = Object.entries(summary.conjectures);
    const failures = entries.filter(([, c]) => c.status === 'refuted').length;
    const skipped = entries.filter(([, c]) => c.status === 'inconclusive').length;
    const time = summary.timing.wallSeconds.toFixed(3);
    const root = create({ version: '1.0', encoding: 'UTF-8' }).ele('testsuites', {
      name: `conjecture sweep ${summary.name}`,
      tests: entries.length,
      failures,
      errors: 0,
      skipped,
      time,
    });
    const suite = root.ele('testsuite', { name: summary.name, tests: entries.length, failures, errors: 0, skipped, time });
    for (const [id, c] of entries) {
      const test = suite.ele('testcase', { classname: `conjectures.${c.scope}`, name: id, time: '0' });
      if (c.status === 'refuted' && c.minimal) {
        const message = `refuted at ${whereText(c.minimal)} (margin ${c.minimal.margin ?? 'n/a'})`;
        test
          .ele('failure', { type: 'refuted', message })
          .txt(`${message}\n${exercisedText(c)}\nreplay: ${c.minimal.replay}\ncounterexample: ${JSON.stringify(c.minimal, null, 2)}\n`);
      } else if (c.status === 'inconclusive') {
        test.ele('skipped', { message: `inconclusive: ${c.reason ?? 'not decided'}` });
      }
      test.ele('system-out').txt(`${c.status}: ${exercisedText(c)}`);
    }
    return [{ path: 'junit.xml', content: root.end({ prettyPrint: true }) + '\n' }];
  },
};
