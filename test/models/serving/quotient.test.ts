import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defineServingConjecture } from '../../../conjectures/serving/generic.js';
import { byMargin } from '../../../conjectures/support/outcome.js';
import { runCheck, type CheckRequest } from '../../../harness/search/check.js';
import { exactArithmetic } from '../../../models/arithmetic/exact.js';
import { Rational } from '../../../models/arithmetic/rational.js';
import type { Candidate } from '../../../models/family.js';
import { serving } from '../../../models/serving/family.js';
import type { ServingParams } from '../../../models/serving/params.js';
import type { Request } from '../../../models/serving/request.js';
import { DEFAULT_SERVING_BOUNDS, servingBoundsFromJson, servingBoundsToJson, type ServingBoundsSpec } from '../../../models/serving/search-space.js';

/**
 * The serving family's listing of a box (each candidate its own class): tested against a
 * brute-force listing built another way (nested loops, sorted by the minimality order), against
 * the search's own sampling of the box, and through `check` on a planted conjecture whose least
 * counterexample is known by hand.
 */

type C = Candidate<ServingParams, readonly Request[]>;
const json = (c: C) => JSON.stringify([serving.paramsToJson(c.params), serving.initToJson(c.init)]);
const r = (text: string) => Rational.parse(text);

const range = (lo: number, width: number) => ({ min: lo, max: lo + width });
const boxArb: fc.Arbitrary<ServingBoundsSpec> = fc
  .record({
    M: fc.integer({ min: 1, max: 3 }),
    Mw: fc.integer({ min: 0, max: 2 }),
    B: fc.integer({ min: 1, max: 2 }),
    Bw: fc.integer({ min: 0, max: 1 }),
    d0: fc.constantFrom(['0', '0'], ['0', '1'], ['1/2', '1']),
    d1: fc.constantFrom(['0', '1'], ['1', '1'], ['0', '2']),
    requests: fc.constantFrom([1, 1], [1, 2], [2, 2]),
    prefill: fc.integer({ min: 1, max: 2 }),
    pw: fc.integer({ min: 0, max: 1 }),
    dw: fc.integer({ min: 0, max: 1 }),
    arrivalMax: fc.integer({ min: 0, max: 1 }),
    maxDenominator: fc.integer({ min: 1, max: 2 }),
  })
  .map((x) => ({
    M: range(x.M, x.Mw),
    B: range(x.B, x.Bw),
    d0: { min: r(x.d0[0]), max: r(x.d0[1]) },
    d1: { min: r(x.d1[0]), max: r(x.d1[1]) },
    requests: { min: x.requests[0], max: x.requests[1] },
    prefill: range(x.prefill, x.pw),
    decode: range(1, x.dw),
    arrivalMax: x.arrivalMax,
    maxDenominator: x.maxDenominator,
  }));

/** Every candidate of a box by nested loops, in no particular order (then sorted by the family's order). */
function bruteForce(b: ServingBoundsSpec): C[] {
  const ints = (x: { min: number; max: number }) => Array.from({ length: x.max - x.min + 1 }, (_, i) => x.min + i);
  // Denominators up to the box's, or a range end's if larger (the search reaches its ends).
  const rationals = (lo: Rational, hi: Rational) => {
    const seen = new Map<string, Rational>();
    for (let q = 1; q <= Math.max(b.maxDenominator, Number(lo.den), Number(hi.den)); q++) {
      for (let p = 0; p <= hi.toNumber() * q; p++) {
        const v = Rational.of(p, q);
        if (v.compare(lo) >= 0 && v.compare(hi) <= 0) seen.set(v.toString(), v);
      }
    }
    return [...seen.values()];
  };
  const arrivals = rationals(Rational.ZERO, Rational.fromInteger(b.arrivalMax));
  const one = arrivals.flatMap((arrival) => ints(b.prefill).flatMap((prefill) => ints(b.decode).map((decode) => ({ arrival, prefill, decode }))));
  const workloads: Request[][] = [];
  const extend = (prefix: Request[], n: number) => {
    if (prefix.length === n) return void workloads.push(prefix);
    for (const x of one) extend([...prefix, { id: prefix.length, ...x }], n);
  };
  for (const n of ints(b.requests)) extend([], n);
  const out: C[] = [];
  for (const M of ints(b.M))
    for (const B of ints(b.B))
      for (const d0 of rationals(b.d0.min, b.d0.max))
        for (const d1 of rationals(b.d1.min, b.d1.max)) {
          if (d0.isZero() && d1.isZero()) continue;
          for (const init of workloads) out.push({ params: { M, B, d0, d1 }, init });
        }
  return out.sort(serving.compare);
}

describe('the serving listing of a box', () => {
  it('is the brute-force listing, in the minimality order, with positions and slices that agree', () => {
    fc.assert(
      fc.property(boxArb, (bounds) => {
        const space = serving.search.space(bounds, null);
        const q = space.quotient!()!;
        const all = [...q.candidates()] as C[];
        expect(all.map(json)).toEqual(bruteForce(bounds).map(json));
        expect(all).toHaveLength(q.size);
        all.forEach((c, i) => expect(q.countBelow(c)).toBe(i));
        const from = Math.floor(all.length / 2);
        expect([...q.slice!(from, from + 9)].map((c) => json(c as C))).toEqual(all.slice(from, from + 9).map(json));
        // Whatever the search samples from the box is listed, at its position.
        for (const c of fc.sample(space.arbitrary(), { numRuns: 15, seed: 8 }) as C[]) {
          const at = q.countBelow(c);
          expect(at, json(c)).not.toBeNull();
          expect(json(all[at!])).toBe(json(c));
        }
      }),
      { numRuns: 40, seed: 12 },
    );
  });

  it('is not offered for a box too large to list (the default bounds), and the bounds survive their JSON codec', () => {
    expect(serving.search.space(DEFAULT_SERVING_BOUNDS, null).quotient!()).toBeNull();
    fc.assert(
      fc.property(boxArb, (bounds) => {
        expect(servingBoundsFromJson(JSON.parse(JSON.stringify(servingBoundsToJson(bounds))))).toEqual(bounds);
      }),
      { numRuns: 30, seed: 2 },
    );
  });
});

/** Planted: fails at every snapshot of a run with at least two requests and M ≥ 3. */
const PLANTED = defineServingConjecture(
  {
    id: 'serving-planted',
    statement: 'planted: fails where N ≥ 2 and M ≥ 3',
    source: 'test',
    scope: 'step',
    margin: '−1 where planted, 1 elsewhere',
    start(ctx) {
      const fails = ctx.workload.count >= 2 && ctx.params.M >= 3;
      const outcome = () => byMargin(exactArithmetic, Rational.fromInteger(fails ? -1 : 1), {});
      return { event: (e) => (e.kind === 'snapshot' ? outcome() : null), finish: () => null };
    },
  },
  { inScope: 'no batch' },
);

describe('check certifies serving boxes', () => {
  it('lists a small box outright: the least failing candidate is certified minimal', () => {
    const bounds: ServingBoundsSpec = {
      M: { min: 1, max: 4 },
      B: { min: 1, max: 2 },
      d0: { min: r('0'), max: r('1') },
      d1: { min: r('0'), max: r('1') },
      requests: { min: 1, max: 2 },
      prefill: { min: 1, max: 2 },
      decode: { min: 1, max: 1 },
      arrivalMax: 1,
      maxDenominator: 1,
    };
    const req: CheckRequest = { conjecture: PLANTED, family: serving, options: { tie: 'all' }, bounds, steps: 60, runs: 100, seed: 1, arithmetic: { id: 'exact' }, timeLimitMs: 60_000 };
    const report = runCheck(req);
    // The least: two requests (one never fails), the least total length 4, M = 3, then everything at its least:
    // B = 1, (d0, d1) = (0, 1) (d0 = 0 before 1; (0, 0) is not a valid pair), both arriving at 0, lengths 1 and 1.
    expect(report.counterexample).toMatchObject({
      params: { M: 3, B: 1, d0: '0', d1: '1' },
      init: [
        { arrival_time: '0', prefill_length: 1, decode_length: 1 },
        { arrival_time: '0', prefill_length: 1, decode_length: 1 },
      ],
      certifiedMinimal: true,
    });
    // Below it: every one-request candidate (4 M × 2 B × 3 pairs × 2 arrivals × 2 prefills = 96), and the
    // two-request ones of total length 4 with M < 3 (2 × 2 × 3 × 2² arrival pairs = 48). In all: 96 + 4·2·3·16.
    expect(report.certification).toMatchObject({ certified: true, when: 'listed', classes: 96 + 384, inScope: 144, decided: 144, invariances: [] });
  });
});
