import { Rational } from '../../models/arithmetic/rational.js';
import { exactArithmetic as ar } from '../../models/arithmetic/exact.js';
import { byMargin } from '../support/outcome.js';
import { defineServingConjecture } from './generic.js';
import type { ServingRunConjecture } from './types.js';

/** G + #R ≤ M at every batch start (so G ≤ M, and the batch's growth fits). */
const fold: ServingRunConjecture = {
  id: 'memory-bound',
  statement: 'G + #R ≤ M at batch starts, so G ≤ M',
  source: '004 §B.4, SPEC-serving §D',
  scope: 'step',
  margin: 'M − G − #R at the snapshot',
  start(ctx) {
    const { M } = ctx.params;
    return {
      event(e) {
        if (e.kind !== 'snapshot') return null;
        const margin = M - e.G - e.running;
        return byMargin(ar, Rational.fromInteger(margin), { G: Rational.fromInteger(e.G), running: Rational.fromInteger(e.running), M: Rational.fromInteger(M) }, {
          positions: { batch: e.batch, runningIds: e.state.runningIds() },
        });
      },
      finish: () => null,
    };
  },
};

export const memoryBound = defineServingConjecture(fold, { inScope: 'no batch' });
