import type { Reporter } from '../types.js';
import type { GateReport } from './types.js';

/** gate.json: the machine-readable result. */
export const gateJsonReporter: Reporter<GateReport> = {
  name: 'json',
  description: 'gate.json',
  async render(r) {
    const results = r.results.map(({ summary: _s, ...rest }) => rest);
    return [{ path: 'gate.json', content: JSON.stringify({ passed: r.passed, seconds: r.seconds, corpus: r.corpus, results }, null, 2) + '\n' }];
  },
};
