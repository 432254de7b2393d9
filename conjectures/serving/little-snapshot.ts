import { Rational } from '../../models/arithmetic/rational.js';
import { exactArithmetic as ar } from '../../models/arithmetic/exact.js';
import { byMargin } from '../support/outcome.js';
import { vacuous } from '../support/outcome.js';
import { defineServingConjecture } from './generic.js';
import type { ServingRunConjecture } from './types.js';

/**
 * C.5 snapshot form: Σ_k (|W| + |R| + |Z|)_k Δ_k = Σ_i (c_i − a_i). Requests
 * that arrive during a batch join W only at the next step 1, and idle jumps
 * are not batches, so the snapshot sum misses time spent waiting before the
 * first snapshot that lists a request.
 */
const fold: ServingRunConjecture = {
  id: 'little-snapshot',
  statement: 'all complete ⇒ Σ_k (|W|+|R|+|Z|)_k Δ_k = Σ_i (c_i − a_i)',
  source: '004 (Little\'s law), SPEC-serving §C.5',
  scope: 'run',
  margin: '−|Σ_k (|W|+|R|+|Z|)_k Δ_k − Σ_i (c_i − a_i)|; holds iff = 0',
  start() {
    let snap = Rational.ZERO;
    let sum = Rational.ZERO;
    return {
      event(e) {
        if (e.kind === 'snapshot') snap = snap.add(e.duration.mul(Rational.fromInteger(e.waiting + e.running + e.swapped))).normalized();
        else if (e.kind === 'complete') sum = sum.add(e.trace.completion.sub(e.trace.request.arrival)).normalized();
        return null;
      },
      finish(end) {
        if (end.incomplete.length > 0) return vacuous(`${end.incomplete.length} request(s) never complete`);
        return byMargin(ar, snap.sub(sum).abs().neg(), { snapshotSum: snap, sumDelays: sum }, { positions: { batch: end.batches } });
      },
    };
  },
};

export const littleSnapshot = defineServingConjecture(fold, { atEnd: true, inScope: 'the run did not end' });
