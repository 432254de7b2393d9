import fc from 'fast-check';
import { Rational } from '../arithmetic/rational.js';
import { InputError } from '../errors.js';
import type { Candidate, FamilySpace, JsonValue, SearchLevel } from '../family.js';
import { validateServingParams, type ServingParams } from './params.js';
import { validateRequest, type Request } from './request.js';
import { compareCandidates, neighbours as candidateNeighbours } from './workload.js';
import { ServingQuotient } from './quotient.js';

/**
 * The search bounds of the serving family (`check` flags, or a sweep grid's
 * bounding box): inclusive ranges of the parameters and of the workload.
 */
export interface ServingBoundsSpec {
  readonly M: IntRange;
  readonly B: IntRange;
  readonly d0: RationalRange;
  readonly d1: RationalRange;
  /** Number of requests. */
  readonly requests: IntRange;
  readonly prefill: IntRange;
  readonly decode: IntRange;
  /** Arrival times lie in [0, arrivalMax]. */
  readonly arrivalMax: number;
  /** Largest denominator of d0, d1 and the arrival times. */
  readonly maxDenominator: number;
}
export interface IntRange {
  readonly min: number;
  readonly max: number;
}
export interface RationalRange {
  readonly min: Rational;
  readonly max: Rational;
}

export type ServingCandidate = Candidate<ServingParams, readonly Request[]>;

/** Default `check` bounds: at most 6 requests of ≤ 8 + 6 tokens, so a run has ≤ 36 batches (< the default 60 steps). */
export const DEFAULT_SERVING_BOUNDS: ServingBoundsSpec = {
  M: { min: 1, max: 40 },
  B: { min: 1, max: 40 },
  d0: { min: Rational.ZERO, max: Rational.fromInteger(3) },
  d1: { min: Rational.ZERO, max: Rational.fromInteger(2) },
  requests: { min: 1, max: 6 },
  prefill: { min: 1, max: 8 },
  decode: { min: 1, max: 6 },
  arrivalMax: 10,
  maxDenominator: 4,
};

const badFlag = (message: string) => new InputError('BAD_FLAG', message);

export function parseIntRangeFlag(flag: string, text: string, floor: number): IntRange {
  const m = /^\s*(\d+)\s*(?:\.\.\s*(\d+)\s*)?$/.exec(text);
  if (!m) throw badFlag(`${flag} expects an integer or a range such as 1..40 (got "${text}")`);
  const min = Number(m[1]);
  const max = m[2] === undefined ? min : Number(m[2]);
  if (min < floor) throw badFlag(`${flag} must be ≥ ${floor} (got "${text}")`);
  if (max < min) throw badFlag(`${flag} is an empty range (got "${text}")`);
  if (!Number.isSafeInteger(max)) throw badFlag(`${flag} is too large (got "${text}")`);
  return { min, max };
}

export function parseRationalRangeFlag(flag: string, text: string): RationalRange {
  const [lo, hi = lo] = text.split('..').map((x) => x.trim());
  let min: Rational;
  let max: Rational;
  try {
    min = Rational.parse(lo).normalized();
    max = Rational.parse(hi).normalized();
  } catch {
    throw badFlag(`${flag} expects a rational or a range such as 0..3 or 1/2..2 (got "${text}")`);
  }
  if (min.sign() < 0) throw badFlag(`${flag} must be ≥ 0 (got "${text}")`);
  if (max.compare(min) < 0) throw badFlag(`${flag} is an empty range (got "${text}")`);
  return { min, max };
}

/** Whole-bounds rules: d0 + d1 > 0 must be reachable, and the ranges must be small enough to run. */
export function validateServingBounds(b: ServingBoundsSpec): ServingBoundsSpec {
  if (b.d0.max.sign() === 0 && b.d1.max.sign() === 0) throw badFlag('--d0 and --d1 are both 0: the batch duration d0 + d1·tokens must be > 0');
  if (b.requests.max > 200) throw badFlag(`--requests allows at most 200 requests in a search (got ${b.requests.max})`);
  for (const [k, r] of [['--prefill', b.prefill], ['--decode', b.decode]] as const) if (r.max > 10_000) throw badFlag(`${k} allows lengths up to 10000 (got ${r.max})`);
  return b;
}

export function servingBoundsToJson(b: ServingBoundsSpec): JsonValue {
  const ir = (r: IntRange) => ({ min: r.min, max: r.max });
  const rr = (r: RationalRange) => ({ min: r.min.toString(), max: r.max.toString() });
  return {
    M: ir(b.M),
    B: ir(b.B),
    d0: rr(b.d0),
    d1: rr(b.d1),
    requests: ir(b.requests),
    prefill: ir(b.prefill),
    decode: ir(b.decode),
    arrivalMax: b.arrivalMax,
    maxDenominator: b.maxDenominator,
  };
}

/** The inverse of `servingBoundsToJson` (bounds handed to the worker threads that list classes). */
export function servingBoundsFromJson(json: JsonValue): ServingBoundsSpec {
  type Json = { min: number; max: number } & { min: string; max: string };
  const j = json as Record<string, Json> & { arrivalMax: number; maxDenominator: number };
  const ir = (r: Json): IntRange => ({ min: r.min, max: r.max });
  const rr = (r: Json): RationalRange => ({ min: Rational.parse(r.min), max: Rational.parse(r.max) });
  return validateServingBounds({
    M: ir(j.M),
    B: ir(j.B),
    d0: rr(j.d0),
    d1: rr(j.d1),
    requests: ir(j.requests),
    prefill: ir(j.prefill),
    decode: ir(j.decode),
    arrivalMax: j.arrivalMax,
    maxDenominator: j.maxDenominator,
  });
}

/** A rational in [min, max] with denominator ≤ maxDen (the range's own endpoints are always reachable). */
function rationalArb(r: RationalRange, maxDen: number): fc.Arbitrary<Rational> {
  const dens = [...new Set([1, ...Array.from({ length: maxDen }, (_, i) => i + 1), Number(r.min.den), Number(r.max.den)])].filter((q) => q <= Math.max(maxDen, Number(r.min.den), Number(r.max.den)));
  return fc.constantFrom(...dens).chain((q) => {
    const Q = BigInt(q);
    const lo = ceilDiv(r.min.num * Q, r.min.den);
    const hi = floorDiv(r.max.num * Q, r.max.den);
    if (hi < lo) return fc.constant(r.min);
    return fc.bigInt({ min: lo, max: hi }).map((n) => Rational.of(n, Q).normalized());
  });
}
const floorDiv = (a: bigint, b: bigint) => (a >= 0n ? a / b : -((-a + b - 1n) / b));
const ceilDiv = (a: bigint, b: bigint) => -floorDiv(-a, b);

const int = (r: IntRange, max = r.max) => fc.integer({ min: r.min, max: Math.max(r.min, Math.min(max, r.max)) });

function paramsArb(b: ServingBoundsSpec, Mmax = b.M.max): fc.Arbitrary<ServingParams> {
  return fc
    .record({ M: int(b.M, Mmax), B: int(b.B), d0: rationalArb(b.d0, b.maxDenominator), d1: rationalArb(b.d1, b.maxDenominator) })
    .map((p) => (p.d0.isZero() && p.d1.isZero() ? { ...p, d0: b.d0.max.isZero() ? p.d0 : b.d0.max, d1: b.d0.max.isZero() ? b.d1.max : p.d1 } : p));
}

function requestsArb(b: ServingBoundsSpec, maxCount = b.requests.max): fc.Arbitrary<Request[]> {
  const den = b.maxDenominator;
  const arrival = fc
    .tuple(fc.integer({ min: 1, max: den }), fc.nat())
    .map(([q, n]) => Rational.of(n % (b.arrivalMax * q + 1), q).normalized());
  return fc
    .array(fc.record({ arrival, prefill: int(b.prefill), decode: int(b.decode) }), { minLength: b.requests.min, maxLength: Math.max(b.requests.min, maxCount) })
    .map((rs) => rs.map((r, id) => ({ id, ...r })));
}

const valid = (c: ServingCandidate): boolean => {
  try {
    validateServingParams(c.params);
    c.init.forEach(validateRequest);
    return c.init.length >= 1;
  } catch {
    return false;
  }
};

const compare = (a: ServingCandidate, b: ServingCandidate) => compareCandidates({ params: a.params, requests: a.init }, { params: b.params, requests: b.init });

/**
 * The search space of the serving family within bounds, everything in the
 * minimality order `compareCandidates` (models/serving/workload.ts).
 * - arbitrary: parameters and 1..requests.max requests from the bounds
 *   (fast-check shrinks towards fewer requests and smaller values);
 * - corner: every candidate of one or two requests arriving at 0 with lengths
 *   ≤ 2, M and B among the 4 smallest values, d0, d1 at their simplest;
 * - neighbours: request-by-request shrinking (drop a request, shorten one,
 *   simplify one arrival) and smaller parameters, kept within the bounds;
 * - levels: `requests` (random candidates with fewer requests) and `memory`
 *   (the same workload with a smaller M, the other parameters free), both sampled.
 */
export class ServingSearchSpace implements FamilySpace<ServingParams, readonly Request[]> {
  readonly levels: readonly SearchLevel[] = [
    { id: 'requests', mode: 'sample' },
    { id: 'memory', mode: 'sample' },
  ];

  constructor(readonly bounds: ServingBoundsSpec) {}

  inBounds(c: ServingCandidate): boolean {
    const b = this.bounds;
    const p = c.params;
    const inI = (x: number, r: IntRange) => x >= r.min && x <= r.max;
    const inR = (x: Rational, r: RationalRange) => x.compare(r.min) >= 0 && x.compare(r.max) <= 0;
    return (
      inI(p.M, b.M) &&
      inI(p.B, b.B) &&
      inR(p.d0, b.d0) &&
      inR(p.d1, b.d1) &&
      inI(c.init.length, b.requests) &&
      c.init.every((r) => inI(r.prefill, b.prefill) && inI(r.decode, b.decode) && r.arrival.compare(Rational.fromInteger(b.arrivalMax)) <= 0)
    );
  }

  arbitrary(): fc.Arbitrary<ServingCandidate> {
    return fc.record({ params: paramsArb(this.bounds), init: requestsArb(this.bounds) }).filter(valid);
  }

  *corner(): Iterable<ServingCandidate> {
    const b = this.bounds;
    const simplest = (r: RationalRange) => [r.min, ...[Rational.ONE].filter((x) => x.compare(r.min) > 0 && x.compare(r.max) <= 0)];
    const out: ServingCandidate[] = [];
    const small = (r: IntRange, k: number) => Array.from({ length: Math.min(k, r.max - r.min + 1) }, (_, i) => r.min + i);
    for (const n of small(b.requests, 2))
      for (const p of small(b.prefill, 2))
        for (const d of small(b.decode, 2))
          for (const M of small(b.M, 4))
            for (const B of small(b.B, 4))
              for (const d0 of simplest(b.d0))
                for (const d1 of simplest(b.d1)) {
                  const init = Array.from({ length: n }, (_, id) => ({ id, arrival: Rational.ZERO, prefill: p, decode: d }));
                  const c = { params: { M, B, d0, d1 }, init };
                  if (valid(c)) out.push(c);
                }
    yield* out.sort(compare);
  }

  neighbours(c: ServingCandidate): ServingCandidate[] {
    return candidateNeighbours({ params: c.params, requests: c.init })
      .map((n) => ({ params: n.params, init: n.requests }))
      .filter((n) => this.inBounds(n));
  }

  sampleBelow(best: ServingCandidate, level: string): fc.Arbitrary<ServingCandidate> | null {
    if (level === 'requests') {
      if (best.init.length - 1 < this.bounds.requests.min) return null;
      return fc.record({ params: paramsArb(this.bounds), init: requestsArb(this.bounds, best.init.length - 1) }).filter(valid);
    }
    if (level === 'memory') {
      if (best.params.M - 1 < this.bounds.M.min) return null;
      return paramsArb(this.bounds, best.params.M - 1)
        .map((params) => ({ params, init: best.init }))
        .filter(valid);
    }
    return null;
  }

  enumerateBelow(): Iterable<ServingCandidate> {
    return [];
  }

  /** Every candidate of the box, each its own class (no invariances); null when the box is too large to list. */
  quotient(): ServingQuotient | null {
    return ServingQuotient.of(this.bounds);
  }
}
