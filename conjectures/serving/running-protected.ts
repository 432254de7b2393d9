import { Rational } from '../../models/arithmetic/rational.js';
import { exactArithmetic as ar } from '../../models/arithmetic/exact.js';
import { byMargin } from '../support/outcome.js';
import { chooseVictims } from '../../models/serving/simulator.js';
import { defineServingConjecture } from './generic.js';
import type { ServingRunConjecture } from './types.js';

/**
 * Admissions never evict requests that were running before the cycle: the
 * requests of R-before-the-cycle that phase C evicts are at most those the
 * same phase C (§B.4 rule, recomputed here with `chooseVictims`) would evict
 * had phases A and B admitted nothing. R at the start of phase C is R before
 * the cycle followed by the entries of this cycle, so R-before is its prefix.
 * Both victim sets are LIFO suffixes of R-before, so comparing counts compares
 * the sets. Cycles without victims hold trivially (margin 0 is not reported:
 * only cycles with a victim are checked).
 */
const fold: ServingRunConjecture = {
  id: 'running-protected',
  statement: 'admissions never evict requests running before the cycle',
  source: '004 (RUNNING kept first), SPEC-serving §D',
  scope: 'cycle',
  margin: '#(counterfactual victims without this cycle\'s entries) − #(victims among requests running before the cycle)',
  start(ctx) {
    const { M } = ctx.params;
    return {
      event(e) {
        if (e.kind !== 'cycle' || e.victims.length === 0) return null;
        const before = e.runningAtGrowth.slice(0, e.runningBefore);
        const beforeIds = new Set(before.map((r) => r.id));
        const oldVictims = e.victims.filter((v) => beforeIds.has(v.id)).map((v) => v.id);
        const G0 = before.reduce((s, r) => s + r.prefill + r.pos, 0);
        const counterfactual = chooseVictims(before, G0 + before.length - M).map((r) => r.id);
        const margin = counterfactual.length - oldVictims.length;
        return byMargin(ar, Rational.fromInteger(margin), { need: Rational.fromInteger(e.need), needWithoutEntries: Rational.fromInteger(G0 + before.length - M), M: Rational.fromInteger(M) }, {
          positions: { batch: e.batch, evictedRunningBefore: oldVictims, counterfactualVictims: counterfactual, admitted: e.admitted, swappedIn: e.swappedIn },
        });
      },
      finish: () => null,
    };
  },
};

export const runningProtected = defineServingConjecture(fold, { inScope: 'no cycle with a victim' });
