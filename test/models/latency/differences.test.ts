import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { thetaArb } from '../../../models/latency/arbitraries.js';
import { diffB, diffS, perRequestDrop, perTokenDrop, perWorkDrop } from '../../../models/latency/differences.js';
import { latency, work } from '../../../models/latency/formula.js';
import { IntervalContext } from '../../../models/latency/interval.js';
import { contains, refLatency, refOf, SEED } from './support.js';

/** Each cancellation-aware form encloses the plain difference computed at 300 digits. */
describe('difference identities', () => {
  const ctx = new IntervalContext(64);
  it('hold against 300-digit references', () => {
    fc.assert(
      fc.property(thetaArb(), fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 800 }), (theta, B, S) => {
        const T = (b: number, s: number) => refLatency(theta, b, s);
        expect(contains(diffB(ctx, theta, B, S), T(B + 1, S).minus(T(B, S)))).toBe(true);
        expect(contains(diffS(ctx, theta, B, S), T(B, S + 1).minus(T(B, S)))).toBe(true);
        expect(contains(perTokenDrop(ctx, theta, B, S), T(B, S).div(S).minus(T(B, S + 1).div(S + 1)))).toBe(true);
        expect(contains(perRequestDrop(ctx, theta, B, S), T(B, S).div(B).minus(T(B + 1, S).div(B + 1)))).toBe(true);
        const W = (s: number) => refOf(work(theta, s));
        expect(contains(perWorkDrop(ctx, theta, B, S), T(B, S).div(W(S)).minus(T(B, S + 1).div(W(S + 1))))).toBe(true);
        expect(latency(ctx, theta, B, S).lo.gt(0)).toBe(true);
      }),
      { seed: SEED, numRuns: 20 },
    );
  });
});
