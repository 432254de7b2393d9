import { latency } from '../../models/latency/formula.js';
import { perRequestDrop } from '../../models/latency/differences.js';
import { pairConjecture } from './pair-conjecture.js';
import { pointConjecture } from './generic.js';

/**
 * M4: T/B non-increasing in B. T/B = (τ0 + τS·S)/B + Work/(B·Thr) + τB, and
 * Work/(B·Thr) strictly decreases in B (Thr increases), so it holds at every cell.
 */
export const latPerRequestNonincreasing = pairConjecture({
  id: 'lat-per-request-nonincreasing',
  statement: 'T(B,S)/B ≥ T(B+1,S)/(B+1) (reading M4 of §4.2)',
  source: '003 §4.2',
  margin: 'T(B,S)/B − T(B+1,S)/(B+1) (certified enclosure); holds iff certainly > 0, an exact tie is undecided',
  pair: 'B',
  value: (ctx, theta, p) => perRequestDrop(ctx, theta, p.B, p.S),
  compared: (ctx, theta, p) => ({
    'T/B': latency(ctx, theta, p.B, p.S).div(ctx.fromInteger(p.B)),
    "T'/B'": latency(ctx, theta, p.B + 1, p.S).div(ctx.fromInteger(p.B + 1)),
  }),
});

/** As a conjecture of the `latency` model family (at t = 0 of each run from a point (B, S)). */
export const latPerRequestNonincreasingConjecture = pointConjecture(latPerRequestNonincreasing);
