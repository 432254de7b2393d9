import { Rational } from '../../models/arithmetic/rational.js';
import { exactArithmetic as ar } from '../../models/arithmetic/exact.js';
import { byMargin } from '../support/outcome.js';
import { defineServingConjecture } from './generic.js';
import type { ServingRunConjecture } from './types.js';

/**
 * Phase C evicts no more than needed: putting the last victim back into R
 * would violate memory-bound (G + #R > M). The accounting subtracts
 * p_v + pos_v per victim while R loses p_v + pos_v + 1, so it can over-evict.
 */
const fold: ServingRunConjecture = {
  id: 'minimal-eviction',
  statement: 'dropping the last victim of a cycle would violate memory-bound',
  source: '004 (swap only under memory pressure), SPEC-serving §D',
  scope: 'cycle',
  margin: '(G + #R + (p_v + pos_v) + 1) − M − 1 after the cycle, v the last victim; holds iff ≥ 0',
  start(ctx) {
    const { M } = ctx.params;
    return {
      event(e) {
        if (e.kind !== 'cycle' || e.victims.length === 0) return null;
        const last = e.victims[e.victims.length - 1];
        const withLast = e.G + e.running + last.memory + 1;
        return byMargin(ar, Rational.fromInteger(withLast - M - 1), { GPlusRWithLastVictim: Rational.fromInteger(withLast), M: Rational.fromInteger(M), need: Rational.fromInteger(e.need) }, {
          positions: { batch: e.batch, lastVictim: last.id, victims: e.victims.map((v) => v.id) },
        });
      },
      finish: () => null,
    };
  },
};

export const minimalEviction = defineServingConjecture(fold, { inScope: 'no cycle with a victim' });
