import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rational } from '../../../models/arithmetic/rational.js';
import { thetaArb } from '../../../models/latency/arbitraries.js';
import { slaInvert } from '../../../models/latency/sla.js';
import { Ref60, refLatency, refOf, SEED, THETA_B } from './support.js';

/**
 * Brute force at 60 digits: scan S = 1..K with K far past the stopping rule
 * (T(B,S) > L(S) grows linearly), take the argmin of |T − T*| and the largest S
 * with T ≤ T*. At 300 digits no two distances of these examples are within
 * 10^−40 of each other, so the brute force is unambiguous.
 */
function bruteForce(theta: typeof THETA_B, B: number, target: Rational, K: number) {
  const t = refOf(target, Ref60);
  let best = -1;
  let bestD = null as null | ReturnType<typeof refOf>;
  let plus: number | null = null;
  const meeting: number[] = [];
  for (let S = 1; S <= K; S++) {
    const T = refLatency(theta, B, S, Ref60);
    const d = T.minus(t).abs();
    if (bestD === null || d.lt(bestD)) {
      bestD = d;
      best = S;
    }
    if (T.lte(t)) {
      plus = S;
      meeting.push(S);
    }
  }
  return { sStar: best, sPlus: plus, meeting };
}

describe('SLA inversion against brute force', () => {
  it('S*, S⁺ and the meeting set agree on random θ, B and targets', () => {
    const theta = thetaArb({
      // slopes w1/Pmax ≥ 1/10 keep the scans short (a few hundred S)
      w1: { min: Rational.of(2), max: Rational.of(10), maxDenominator: 4 },
      Pmax: { min: Rational.ONE, max: Rational.of(20), maxDenominator: 2 },
    });
    fc.assert(
      fc.property(theta, fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 60 }), fc.integer({ min: -40, max: 40 }), (th, B, s0, offset) => {
        // a target near T(B, s0), so that both sides of it occur
        const near = Rational.parse(refLatency(th, B, s0, Ref60).toSignificantDigits(8).toString()).add(Rational.of(offset, 20));
        const target = near.sign() > 0 ? near : Rational.ONE;
        const r = slaInvert(th, B, target);
        const K = r.stoppedAt + 50;
        const brute = bruteForce(th, B, target, Math.max(K, r.points.length + 50));
        expect(r.sStar.status).toBe('certified');
        if (r.sStar.status === 'certified') expect(r.sStar.S).toBe(brute.sStar);
        expect(r.sPlus).toEqual({ status: 'certified', S: brute.sPlus });
        expect(r.points.filter((p) => p.status === 'meets').map((p) => p.S)).toEqual(brute.meeting);
      }),
      { seed: SEED, numRuns: 15 },
    );
  });

  it('a target below every T: no S meets it, S* = the S of the least T', () => {
    const r = slaInvert(THETA_B, 3, Rational.of(1, 2));
    expect(r.sPlus).toEqual({ status: 'certified', S: null });
    expect(r.points).toEqual([]);
    const brute = bruteForce(THETA_B, 3, Rational.of(1, 2), r.stoppedAt + 100);
    expect(r.sStar.status === 'certified' && r.sStar.S).toBe(brute.sStar);
  });

  it('physical restricts S to S ≥ B', () => {
    const r = slaInvert(THETA_B, 5, Rational.of(8), { physical: true });
    expect(r.points.every((p) => p.S >= 5)).toBe(true);
    expect(r.sStar.status === 'certified' && r.sStar.S).toBeGreaterThanOrEqual(5);
  });

  it('refuses beyond the limit with a one-line InputError', () => {
    expect(() => slaInvert(THETA_B, 1, Rational.of(10n ** 9n), { limit: 1000 })).toThrow(/1000/);
  });
});
