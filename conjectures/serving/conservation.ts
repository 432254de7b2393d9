import { Rational } from '../../models/arithmetic/rational.js';
import { exactArithmetic as ar } from '../../models/arithmetic/exact.js';
import { byMargin } from '../support/outcome.js';
import { defineServingConjecture } from './generic.js';
import type { ServingRunConjecture } from './types.js';

/**
 * #pending + #W + #R + #Z + #C = N at every snapshot. #W, #R, #Z are the list
 * sizes the snapshot reports, #C the completions it reports; #pending is N
 * minus the arrival events seen so far (counted here, not by the simulator).
 */
const fold: ServingRunConjecture = {
  id: 'conservation',
  statement: '#pending + #W + #R + #Z + #C = N at every snapshot',
  source: '004 §B.2, SPEC-serving §D',
  scope: 'step',
  margin: '−|#pending + #W + #R + #Z + #C − N|; holds iff = 0',
  start(ctx) {
    const N = ctx.workload.count;
    let arrivals = 0;
    return {
      event(e) {
        if (e.kind === 'memory' && e.type === 'arrival') arrivals++;
        if (e.kind !== 'snapshot') return null;
        const pending = N - arrivals;
        const total = pending + e.waiting + e.running + e.swapped + e.completed;
        return byMargin(ar, Rational.fromInteger(-Math.abs(total - N)), { total: Rational.fromInteger(total), N: Rational.fromInteger(N) }, {
          positions: { batch: e.batch, pending, waiting: e.waiting, running: e.running, swapped: e.swapped, completed: e.completed },
        });
      },
      finish(end) {
        const total = end.completed + end.incomplete.length;
        return byMargin(ar, Rational.fromInteger(-Math.abs(total - N)), { total: Rational.fromInteger(total), N: Rational.fromInteger(N) }, {
          positions: { batch: end.batches, completed: end.completed, incomplete: end.incomplete.length },
          note: 'at the end: completed + incomplete = N',
        });
      },
    };
  },
};

export const conservation = defineServingConjecture(fold, { inScope: 'no batch' });
