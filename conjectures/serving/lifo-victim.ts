import { Rational } from '../../models/arithmetic/rational.js';
import { exactArithmetic as ar } from '../../models/arithmetic/exact.js';
import { byMargin } from '../support/outcome.js';
import { defineServingConjecture } from './generic.js';
import type { ServingRunConjecture } from './types.js';

/** Every swap-out victim has the maximal last entry time over R when chosen. */
const fold: ServingRunConjecture = {
  id: 'lifo-victim',
  statement: 'a swap-out victim has the maximal last entry time into R',
  source: '004 (LIFO), SPEC-serving §B.4 C',
  scope: 'event',
  margin: 'entry(v) − max_{r∈R} entry(r); holds iff = 0',
  start() {
    return {
      event(e) {
        if (e.kind !== 'memory' || e.type !== 'swap_out' || !e.choice) return null;
        const margin = e.choice.entry.sub(e.choice.maxEntry).normalized();
        return byMargin(ar, margin, { entry: e.choice.entry, maxEntry: e.choice.maxEntry }, { positions: { batch: e.batch, victim: e.request.id, index: e.choice.index, runningSize: e.choice.runningSize } });
      },
      finish: () => null,
    };
  },
};

export const lifoVictim = defineServingConjecture(fold, { inScope: 'no swap-out' });
