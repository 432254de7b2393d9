import { Rational } from '../../models/arithmetic/rational.js';
import { exactArithmetic as ar } from '../../models/arithmetic/exact.js';
import { byMargin } from '../support/outcome.js';
import { defineServingConjecture } from './generic.js';
import type { ServingRunConjecture } from './types.js';

/**
 * First entries into R (admissions from W) happen in (a_i, i) order. Checked
 * at every admission against the previous one.
 */
const fold: ServingRunConjecture = {
  id: 'fcfs-first-admission',
  statement: 'first entries into R happen in (a_i, i) order',
  source: '004 (FCFS), SPEC-serving §D',
  scope: 'run',
  margin: 'a_i − a_prev when they differ, else i − prev (the first differing coordinate of (a, id)); holds iff > 0',
  start() {
    let prev: { id: number; arrival: Rational } | null = null;
    return {
      event(e) {
        if (e.kind !== 'memory' || e.type !== 'admit') return null;
        const r = e.request;
        if (!prev) {
          prev = r;
          return null;
        }
        const da = r.arrival.sub(prev.arrival).normalized();
        const margin = da.isZero() ? Rational.fromInteger(r.id - prev.id) : da;
        const out = byMargin(ar, margin, { arrival: r.arrival, previousArrival: prev.arrival }, { positions: { batch: e.batch, id: r.id, previousId: prev.id } }, true);
        prev = r;
        return out;
      },
      finish: () => null,
    };
  },
};

export const fcfsFirstAdmission = defineServingConjecture(fold, { inScope: 'fewer than two admissions' });
