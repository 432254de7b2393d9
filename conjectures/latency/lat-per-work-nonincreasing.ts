import { latency, work } from '../../models/latency/formula.js';
import { perWorkDrop } from '../../models/latency/differences.js';
import { pairConjecture } from './pair-conjecture.js';
import { pointConjecture } from './generic.js';

/**
 * M5: T/Work non-increasing in S. T/Work = h/Work + 1/Thr with h = τ0 + τB·B + τS·S.
 * 1/Thr strictly decreases in S; h/Work has derivative (τS·w0 − w1(τ0 + τB·B))/Work²,
 * so the claim holds at every cell when τS·w0 ≤ w1(τ0 + τB·B), and otherwise fails
 * once the exponentially small drop of 1/Thr no longer covers the rise of h/Work.
 */
export const latPerWorkNonincreasing = pairConjecture({
  id: 'lat-per-work-nonincreasing',
  statement: 'T(B,S)/Work(S) ≥ T(B,S+1)/Work(S+1) (reading M5 of §4.2)',
  source: '003 §4.2',
  margin: 'T(B,S)/Work(S) − T(B,S+1)/Work(S+1) (certified enclosure); holds iff certainly > 0, an exact tie is undecided',
  pair: 'S',
  value: (ctx, theta, p) => perWorkDrop(ctx, theta, p.B, p.S),
  compared: (ctx, theta, p) => ({
    'T/Work': latency(ctx, theta, p.B, p.S).div(work(theta, p.S)),
    "T'/Work'": latency(ctx, theta, p.B, p.S + 1).div(work(theta, p.S + 1)),
  }),
});

/** As a conjecture of the `latency` model family (at t = 0 of each run from a point (B, S)). */
export const latPerWorkNonincreasingConjecture = pointConjecture(latPerWorkNonincreasing);
