import { Rational } from '../../models/arithmetic/rational.js';
import { exactArithmetic as ar } from '../../models/arithmetic/exact.js';
import { byMargin } from '../support/outcome.js';
import { defineServingConjecture } from './generic.js';
import type { ServingRunConjecture } from './types.js';

/**
 * Z before W: no admission from W in a cycle whose Z is non-empty after the
 * swap-in phase. The seeds' code lets W pass a blocked head of Z (§B.4), so
 * this fails when a waiting request fits where the head of Z does not.
 */
const fold: ServingRunConjecture = {
  id: 'swapped-priority',
  statement: 'no admission from W while Z is non-empty after phase A',
  source: '004 (RUNNING > SWAPPED > WAITING), SPEC-serving §B.4',
  scope: 'cycle',
  margin: '−min(#Z after phase A, #admitted from W); holds iff = 0',
  start() {
    return {
      event(e) {
        if (e.kind !== 'cycle') return null;
        const m = Math.min(e.swappedAfterA, e.admitted.length);
        return byMargin(ar, Rational.fromInteger(-m), { swappedAfterA: Rational.fromInteger(e.swappedAfterA), admitted: Rational.fromInteger(e.admitted.length), G: Rational.fromInteger(e.G) }, {
          positions: { batch: e.batch, admittedIds: e.admitted, swappedInIds: e.swappedIn },
        });
      },
      finish: () => null,
    };
  },
};

export const swappedPriority = defineServingConjecture(fold, { inScope: 'no cycle' });
