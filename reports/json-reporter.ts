import type { Reporter } from './types.js';

/** The machine-readable summary (schema in the README), as the sweep saved it. */
export const jsonReporter: Reporter = {
  name: 'json',
  description: 'summary.json: the machine-readable summary',
  async render({ summary }) {
    return [{ path: 'summary.json', content: JSON.stringify(summary, null, 2) + '\n' }];
  },
};
