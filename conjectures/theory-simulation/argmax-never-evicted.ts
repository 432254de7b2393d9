import { decideOverM } from './support/extrema-pairs.js';
import { byMargin } from '../support/outcome.js';
import type { StepConjecture } from '../types.js';
import { SCALE_FREE } from '../../models/theory-simulation/invariances.js';
import { KERNEL_TIE, tieBits, withStatus } from '../support/kernel.js';

export const argmaxNeverEvicted: StepConjecture<'theory-simulation'> = {
  id: 'argmax-never-evicted',
  statement: 'the cohort at stage m = argmax Mˢ has lost nothing to eviction in its life',
  source: '000 §8.2',
  family: 'theory-simulation',
  invariantUnder: SCALE_FREE,
  scope: 'step',
  preconditions: [],
  names: ['m'],
  margin: '−(total evicted from the cohort at m); holds iff = 0',
  check(v, { tie }) {
    const lost = v.record.cohortEviction;
    const d = decideOverM(v, tie, (m) => v.ar.neg(lost[m]));
    return byMargin(
      v.ar,
      d.margin,
      { evictedFromCohortAtM: lost[d.m], cohortEviction: lost, simulation: v.simulation },
      { positions: { m: d.m, argmax: v.argmaxS }, tie: d.tie },
    );
  },
  kernel: {
    check(s) {
      if (s.maxS.cls < 0) return KERNEL_TIE;
      // A cohort's loss is exactly 0 or certainly positive (the kernel knows which): −loss decides.
      let lost = false;
      let lo = 0;
      let hi = 0;
      for (let i = 0; i < s.argmaxCount; i++) {
        const m = s.argmaxS[i];
        if (!s.lossPositive[m]) continue;
        lost = true;
        lo = Math.min(lo, -s.lossHi[m]);
        hi = Math.min(hi, -s.lossLo[m]);
      }
      return withStatus(s, !lost, lo, lost ? hi : 0, tieBits(s.argmaxCount > 1));
    },
  },
};
