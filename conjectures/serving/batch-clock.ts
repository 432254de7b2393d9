import { Rational } from '../../models/arithmetic/rational.js';
import { exactArithmetic as ar } from '../../models/arithmetic/exact.js';
import { byMargin } from '../support/outcome.js';
import { defineServingConjecture } from './generic.js';
import type { ServingRunConjecture } from './types.js';

/**
 * t_{k+1} − t_k = d0 + d1·batch_tokens_k between consecutive snapshots. An
 * idle period (W, R, Z empty, the clock jumps to the next arrival, §B.3 step 2)
 * breaks it.
 */
const fold: ServingRunConjecture = {
  id: 'batch-clock',
  statement: 't_{k+1} − t_k = d0 + d1·batch_tokens_k',
  source: '004 (t_{n+1} = t_n + duration_n), SPEC-serving §D',
  scope: 'step',
  margin: '−|t_{k+1} − t_k − Δ_k|; holds iff = 0',
  start() {
    let prev: { time: Rational; duration: Rational; batch: number; tokens: number } | null = null;
    return {
      event(e) {
        if (e.kind !== 'snapshot') return null;
        let out = null;
        if (prev) {
          const gap = e.time.sub(prev.time).normalized();
          const diff = gap.sub(prev.duration).normalized();
          out = byMargin(ar, diff.abs().neg(), { gap, duration: prev.duration, tokens: Rational.fromInteger(prev.tokens), t: prev.time, tNext: e.time }, { positions: { batch: prev.batch, nextBatch: e.batch } });
        }
        prev = { time: e.time, duration: e.duration, batch: e.batch, tokens: e.batchTokens };
        return out;
      },
      finish: () => null,
    };
  },
};

export const batchClock = defineServingConjecture(fold, { inScope: 'fewer than two batches' });
