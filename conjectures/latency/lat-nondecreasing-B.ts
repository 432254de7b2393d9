import { diffB } from '../../models/latency/differences.js';
import { pairConjecture } from './pair-conjecture.js';
import { pointConjecture } from './generic.js';

/**
 * M1: T(B+1,S) ≥ T(B,S). T(B+1,S) − T(B,S) = τB − Work·x(1−e^{−kB})/(Pmax(1−y)(1−x)(1−x')):
 * Work/Thr strictly decreases in B, so with τB = 0 it fails at every cell;
 * it holds exactly where τB outweighs that drop.
 */
export const latNondecreasingB = pairConjecture({
  id: 'lat-nondecreasing-B',
  statement: 'T(B+1,S) ≥ T(B,S) (reading M1 of §4.2)',
  source: '003 §4.2',
  margin: 'T(B+1,S) − T(B,S) (certified enclosure); holds iff certainly > 0, an exact tie is undecided',
  pair: 'B',
  value: (ctx, theta, p) => diffB(ctx, theta, p.B, p.S),
  compared: () => ({}),
});

/** As a conjecture of the `latency` model family (at t = 0 of each run from a point (B, S)). */
export const latNondecreasingBConjecture = pointConjecture(latNondecreasingB);
