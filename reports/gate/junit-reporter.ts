import { create } from 'xmlbuilder2';
import type { Reporter } from '../types.js';
import type { GateReport } from './types.js';

/** junit.xml: one test case per claim; an unmet expectation is a failure with its counterexample. */
export const gateJunitReporter: Reporter<GateReport> = {
  name: 'junit',
  description: 'junit.xml, one test case per claim',
  async render(r) {
    const failures = r.results.filter((c) => !c.met).length;
    const root = create({ version: '1.0', encoding: 'UTF-8' }).ele('testsuites', { name: 'conjecture gate', tests: r.results.length, failures, errors: 0, time: r.seconds.toFixed(3) });
    const suite = root.ele('testsuite', { name: 'claims', tests: r.results.length, failures, errors: 0, time: r.seconds.toFixed(3) });
    for (const c of r.results) {
      const test = suite.ele('testcase', { classname: `claims.${c.expect}`, name: c.name, time: '0' });
      if (!c.met) {
        test.ele('failure', { type: c.status, message: c.verdict }).txt(`${c.verdict}\n${c.minimal ? `replay: ${c.minimal.replay}\ncounterexample: ${JSON.stringify(c.minimal, null, 2)}` : ''}\n`);
      }
      test.ele('system-out').txt(`${c.conjecture} expected ${c.expect}: ${c.verdict}`);
    }
    return [{ path: 'junit.xml', content: root.end({ prettyPrint: true }) + '\n' }];
  },
};
