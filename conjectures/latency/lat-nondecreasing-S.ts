import { diffS } from '../../models/latency/differences.js';
import { pairConjecture } from './pair-conjecture.js';
import { pointConjecture } from './generic.js';

/**
 * M2: T(B,S+1) ≥ T(B,S). T(B,S+1) − T(B,S) = τS + [w1(1−y) − Work·y(1−e^{−kS})]/(Pmax(1−x)(1−y)(1−y')).
 * With w0 = 0, Work/Thr = w1·S/(Pmax(1−x)(1−e^{−kS·S})) increases in S
 * ((1−e^{−u})/u decreases), so it holds; a large w0 makes Work/Thr fall at small S.
 */
export const latNondecreasingS = pairConjecture({
  id: 'lat-nondecreasing-S',
  statement: 'T(B,S+1) ≥ T(B,S) (reading M2 of §4.2)',
  source: '003 §4.2',
  margin: 'T(B,S+1) − T(B,S) (certified enclosure); holds iff certainly > 0, an exact tie is undecided',
  pair: 'S',
  value: (ctx, theta, p) => diffS(ctx, theta, p.B, p.S),
  compared: () => ({}),
});

/** As a conjecture of the `latency` model family (at t = 0 of each run from a point (B, S)). */
export const latNondecreasingSConjecture = pointConjecture(latNondecreasingS);
