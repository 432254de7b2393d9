import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rational } from '../../../models/arithmetic/rational.js';
import { thetaArb } from '../../../models/latency/arbitraries.js';
import { certifiedSign } from '../../../models/latency/certify.js';
import { excessOverAsymptote, latency, latencyFloat, tLin, thr, work } from '../../../models/latency/formula.js';
import { IntervalContext } from '../../../models/latency/interval.js';
import { scaleTheta, thetaToFloat } from '../../../models/latency/params.js';
import { contains, overlaps, refLatency, refOf, SEED, THETA_A, THETA_B } from './support.js';

const ctx = new IntervalContext(128);

describe('T(B,S): hand-computed values', () => {
  it('θ = (2,1,1,1,1,1,1/2,1/4): T(1,1) = 7/4 + e²/(e−1)² (mpmath, 40 digits)', () => {
    // Work = 2, Thr = 2(1 − 1/e)², so Work/Thr = 1/(1 − 1/e)² = e²/(e − 1)².
    const T = latency(ctx, THETA_A, 1, 1);
    expect(contains(T, '4.252650301077118743330415527825511161429')).toBe(true);
    expect(T.width().toNumber()).toBeLessThan(1e-35);
  });

  it('θ = (10,1/2,1/10,3,2,1,1/5,1/100): T(3,5) (mpmath, 40 digits)', () => {
    const T = latency(ctx, THETA_B, 3, 5);
    expect(contains(T, '5.902890430048222194305390607626071839556')).toBe(true);
    expect(latencyFloat(thetaToFloat(THETA_B), 3, 5)).toBeCloseTo(5.902890430048222, 12);
  });

  it('Work and Tlin are exact rationals', () => {
    expect(work(THETA_B, 5).toString()).toBe('13');
    // Tlin = 1 + 13/10 + 3/5 + 5/100 = 59/20
    expect(tLin(THETA_B, 3, 5).toString()).toBe('59/20');
    const Thr = thr(ctx, THETA_A, 1, 1); // 2(1 − 1/e)² ≈ 0.79923
    expect(contains(Thr, '0.7992302494254261')).toBe(false); // a 16-digit truncation is not inside a 38-digit enclosure
    expect(Thr.toNumber()).toBeCloseTo(2 * (1 - Math.exp(-1)) ** 2, 14);
  });
});

describe('T enclosures contain a 300-digit reference', () => {
  it('for random θ and points, at 64 bits', () => {
    const c64 = new IntervalContext(64);
    fc.assert(
      fc.property(thetaArb(), fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 5000 }), (theta, B, S) => {
        expect(contains(latency(c64, theta, B, S), refLatency(theta, B, S))).toBe(true);
        expect(contains(excessOverAsymptote(c64, theta, B, S), refLatency(theta, B, S).minus(refOf(tLin(theta, B, S))))).toBe(true);
      }),
      { seed: SEED, numRuns: 60 },
    );
  });
});

describe('scaling invariance (A.4, metamorphic)', () => {
  it('T(·; c·(Pmax, w0, w1)) = T(·; θ): the difference is an exact tie, never certified', () => {
    fc.assert(
      fc.property(
        thetaArb(),
        fc.integer({ min: 1, max: 40 }).chain((n) => fc.integer({ min: 1, max: 40 }).map((d) => Rational.of(n, d))),
        fc.integer({ min: 1, max: 64 }),
        fc.integer({ min: 1, max: 2000 }),
        (theta, c, B, S) => {
          const other = scaleTheta(theta, c);
          const a = latency(ctx, theta, B, S);
          const b = latency(ctx, other, B, S);
          expect(overlaps(a, b)).toBe(true);
          expect(a.sub(b).abs().hi.toNumber()).toBeLessThan(1e-25 * a.hi.toNumber());
        },
      ),
      { seed: SEED, numRuns: 100 },
    );
    const tie = certifiedSign((cx) => latency(cx, THETA_B, 3, 5).sub(latency(cx, scaleTheta(THETA_B, Rational.of(7, 3)), 3, 5)));
    expect(tie.sign).toBe('undecided');
    expect(tie.bits).toBe(4096);
  });
});
