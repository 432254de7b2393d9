import { Rational } from '../../models/arithmetic/rational.js';
import { exactArithmetic as ar } from '../../models/arithmetic/exact.js';
import { byMargin } from '../support/outcome.js';
import { defineServingConjecture } from './generic.js';
import type { ServingRunConjecture } from './types.js';

/**
 * The strict reading: the victim is the last admitted request of R (its
 * tail). The seeds' code evicts the earliest-admitted among equal entry times,
 * so this fails whenever several requests entered R at the same time.
 */
const fold: ServingRunConjecture = {
  id: 'lifo-victim-strict',
  statement: 'a swap-out victim is the last admitted request of R',
  source: '004 (LIFO), SPEC-serving §B.4 C',
  scope: 'event',
  margin: '−(number of requests of R admitted after the victim); holds iff = 0',
  start() {
    return {
      event(e) {
        if (e.kind !== 'memory' || e.type !== 'swap_out' || !e.choice) return null;
        const after = e.choice.runningSize - 1 - e.choice.index;
        return byMargin(ar, Rational.fromInteger(-after), { entry: e.choice.entry, maxEntry: e.choice.maxEntry }, { positions: { batch: e.batch, victim: e.request.id, index: e.choice.index, runningSize: e.choice.runningSize } });
      },
      finish: () => null,
    };
  },
};

export const lifoVictimStrict = defineServingConjecture(fold, { inScope: 'no swap-out' });
