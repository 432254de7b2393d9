import { latency } from '../../models/latency/formula.js';
import { perTokenDrop } from '../../models/latency/differences.js';
import { pairConjecture } from './pair-conjecture.js';
import { pointConjecture } from './generic.js';

/**
 * M3: T/S non-increasing in S. T/S = (τ0 + τB·B)/S + (w0/S + w1)/(Pmax(1−x)(1−e^{−kS·S})) + τS,
 * and every S-dependent term strictly decreases (w1 > 0), so it holds at every cell.
 */
export const latPerTokenNonincreasing = pairConjecture({
  id: 'lat-per-token-nonincreasing',
  statement: 'T(B,S)/S ≥ T(B,S+1)/(S+1) (reading M3 of §4.2)',
  source: '003 §4.2',
  margin: 'T(B,S)/S − T(B,S+1)/(S+1) (certified enclosure); holds iff certainly > 0, an exact tie is undecided',
  pair: 'S',
  value: (ctx, theta, p) => perTokenDrop(ctx, theta, p.B, p.S),
  compared: (ctx, theta, p) => ({
    'T/S': latency(ctx, theta, p.B, p.S).div(ctx.fromInteger(p.S)),
    "T'/S'": latency(ctx, theta, p.B, p.S + 1).div(ctx.fromInteger(p.S + 1)),
  }),
});

/** As a conjecture of the `latency` model family (at t = 0 of each run from a point (B, S)). */
export const latPerTokenNonincreasingConjecture = pointConjecture(latPerTokenNonincreasing);
