import { Rational } from '../../models/arithmetic/rational.js';
import { exactArithmetic as ar } from '../../models/arithmetic/exact.js';
import { byMargin } from '../support/outcome.js';
import { vacuous } from '../support/outcome.js';
import { defineServingConjecture } from './generic.js';
import type { ServingRunConjecture } from './types.js';

/** If every p_i + d_i ≤ M, every request completes within Σ d_i batches. */
const fold: ServingRunConjecture = {
  id: 'no-stall',
  statement: 'all p_i + d_i ≤ M ⇒ all requests complete, within Σ d_i batches',
  source: '004, SPEC-serving §B.4',
  scope: 'run',
  margin: 'Σ d_i − batches when all complete; −#incomplete otherwise',
  start(ctx) {
    const { M } = ctx.params;
    const w = ctx.workload;
    return {
      event: () => null,
      finish(end) {
        if (w.maxTotalLength > M) return vacuous(`some p_i + d_i = ${w.maxTotalLength} > M = ${M}`);
        const values = { batches: Rational.fromInteger(end.batches), sumDecode: Rational.fromInteger(w.sumDecode), M: Rational.fromInteger(M) };
        if (end.incomplete.length > 0) {
          return byMargin(ar, Rational.fromInteger(-end.incomplete.length), values, { positions: { batch: end.batches, incomplete: end.incomplete.slice(0, 20) }, note: end.stalled ? 'stalled' : 'incomplete' });
        }
        return byMargin(ar, Rational.fromInteger(w.sumDecode - end.batches), values, { positions: { batch: end.batches } });
      },
    };
  },
};

export const noStall = defineServingConjecture(fold, { atEnd: true, inScope: 'the run did not end' });
