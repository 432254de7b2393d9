import fc from 'fast-check';
import { Rational } from '../arithmetic/rational.js';
import type { ServingParams } from './params.js';
import type { Request } from './request.js';
import type { ServingCandidate } from './workload.js';

/**
 * fast-check arbitraries of small serving candidates. Every generated value is
 * valid (§B.1); rationals have small denominators so runs stay short.
 */
export interface ServingBounds {
  readonly maxRequests?: number;
  readonly maxPrefill?: number;
  readonly maxDecode?: number;
  readonly maxM?: number;
  readonly maxB?: number;
  /** Largest denominator of arrival times, d0, d1. */
  readonly maxDenominator?: number;
  /** Arrival times lie in [0, maxArrival]. */
  readonly maxArrival?: number;
}

const rationalIn = (maxNum: number, maxDen: number, min = 0): fc.Arbitrary<Rational> =>
  fc.tuple(fc.integer({ min, max: maxNum }), fc.integer({ min: 1, max: maxDen })).map(([n, d]) => Rational.of(n, d));

export const servingParamsArb = (b: ServingBounds = {}): fc.Arbitrary<ServingParams> =>
  fc
    .record({
      M: fc.integer({ min: 1, max: b.maxM ?? 40 }),
      B: fc.integer({ min: 1, max: b.maxB ?? 40 }),
      d0: rationalIn(3, b.maxDenominator ?? 4),
      d1: rationalIn(2, b.maxDenominator ?? 4),
    })
    .map((p) => (p.d0.isZero() && p.d1.isZero() ? { ...p, d0: Rational.ONE } : p));

export const requestsArb = (b: ServingBounds = {}): fc.Arbitrary<Request[]> =>
  fc
    .array(
      fc.record({
        arrival: rationalIn((b.maxArrival ?? 10) * (b.maxDenominator ?? 4), b.maxDenominator ?? 4).map((x) => x.normalized()),
        prefill: fc.integer({ min: 1, max: b.maxPrefill ?? 8 }),
        decode: fc.integer({ min: 1, max: b.maxDecode ?? 6 }),
      }),
      { minLength: 1, maxLength: b.maxRequests ?? 8 },
    )
    .map((rs) => rs.map((r, id) => ({ id, ...r })));

export const candidateArb = (b: ServingBounds = {}): fc.Arbitrary<ServingCandidate> =>
  fc.record({ params: servingParamsArb(b), requests: requestsArb(b) });
