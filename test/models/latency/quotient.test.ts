import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { registry } from '../../../conjectures/registry.js';
import type { ParameterConjecture } from '../../../conjectures/types.js';
import { runCheck, runCheckInWorkers, type CheckRequest } from '../../../harness/search/check.js';
import { ClassWorkers } from '../../../harness/search/class-workers.js';
import { Rational } from '../../../models/arithmetic/rational.js';
import type { RationalRangeSpec } from '../../../models/latency/arbitraries.js';
import type { LatencyCandidateG, LatencyContext } from '../../../models/latency/candidate.js';
import { latency } from '../../../models/latency/family.js';
import { coordinateViolation, THETA_KEYS, type ThetaKey } from '../../../models/latency/params.js';
import { PLANTED_LATENCY_POINT } from '../../support/planted.config.js';
import { PLANTED_CONFIG } from '../../support/sweep-fixtures.js';
import { boundsFromJson, boundsToJson, DEFAULT_LATENCY_BOUNDS, type LatencyBounds } from '../../../models/latency/search.js';

/**
 * The latency family's listing of a box (each candidate its own class): tested against the
 * minimality order, against the search's own sampling of the box, and against a count made
 * another way; then `check` certifies planted conjectures whose least counterexample is
 * known by hand.
 */

const r = (text: string) => Rational.parse(text);
const single = (text: string): RationalRangeSpec => ({ min: r(text), max: r(text), maxDenominator: 1 });
/** A fitted θ pinned coordinate by coordinate (as `--theta` does). */
const PINNED: Record<ThetaKey, RationalRangeSpec> = { Pmax: single('50'), kB: single('1/8'), kS: single('1/200'), w0: single('4'), w1: single('1'), tau0: single('4'), tauB: single('1/20'), tauS: single('1/500') };

/** Small random boxes: a few coordinates free over short ranges with small denominators, the rest pinned. */
const rangeArb = (key: ThetaKey): fc.Arbitrary<RationalRangeSpec> =>
  fc
    .tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }))
    .map(([a, b, den, maxDenominator]) => {
      const lo = Rational.of(Math.min(a, b), den);
      const hi = Rational.of(Math.max(a, b) + 1, den);
      // Positive coordinates exclude 0 (the flags refuse such a range).
      return { min: coordinateViolation(key, lo) ? Rational.of(1, den) : lo, max: hi, maxDenominator };
    })
    .filter((x) => x.min.compare(x.max) <= 0);

const boxArb: fc.Arbitrary<LatencyBounds> = fc
  .record({
    free: fc.subarray([...THETA_KEYS], { minLength: 0, maxLength: 2 }),
    ranges: fc.record(Object.fromEntries(THETA_KEYS.map((k) => [k, rangeArb(k)])) as Record<ThetaKey, fc.Arbitrary<RationalRangeSpec>>),
    physical: fc.boolean(),
    B: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 3 })),
    S: fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 4 })),
  })
  .map(({ free, ranges, physical, B, S }) => ({
    theta: Object.fromEntries(THETA_KEYS.map((k) => [k, free.includes(k) ? ranges[k] : PINNED[k]])) as Record<ThetaKey, RationalRangeSpec>,
    physical,
    B: { min: B[0], max: B[0] + B[1] },
    S: { min: Math.max(S[0], physical ? B[0] : 1), max: Math.max(S[0], physical ? B[0] : 1) + S[1] },
    target: { min: r('1/2'), max: r('3'), maxDenominator: 2 },
  }));

const ids = ['lat-identifiable', 'lat-nondecreasing-B', 'sla-argmin-feasible'];

/** The values of a range, found another way: every n/d with d up to the bound, deduplicated by value. */
function valuesByBruteForce(range: RationalRangeSpec, key: ThetaKey): number {
  if (range.min.equals(range.max)) return 1;
  const q = Math.max(range.maxDenominator, Number(range.min.den), Number(range.max.den));
  const seen = new Set<string>();
  for (let d = 1; d <= q; d++) {
    for (let n = 0; n <= Math.ceil(range.max.toNumber() * d); n++) {
      const v = Rational.of(n, d);
      if (v.compare(range.min) >= 0 && v.compare(range.max) <= 0 && !coordinateViolation(key, v)) seen.add(v.toString());
    }
  }
  return seen.size;
}

describe('the latency listing of a box', () => {
  it('lists every candidate once, ascending in the minimality order, with positions, slices and counts that agree', () => {
    fc.assert(
      fc.property(boxArb, fc.constantFrom(...ids), (bounds, id) => {
        const space = latency.search.space(bounds, registry.get(id));
        const q = space.quotient!()!;
        const all = [...q.candidates()] as LatencyCandidateG[];
        expect(all).toHaveLength(q.size);
        for (let i = 1; i < all.length; i++) expect(latency.compare(all[i - 1], all[i])).toBeLessThan(0);
        all.forEach((c, i) => expect(q.countBelow(c)).toBe(i));
        expect(q.representative(all[0])).toBe(all[0]);
        const from = Math.floor(all.length / 3);
        expect([...q.slice!(from, from + 7)]).toEqual(all.slice(from, from + 7));
        // Each θ coordinate takes as many values as a brute-force count finds.
        const inputs = new Set(all.map((c) => JSON.stringify(latency.initToJson(c.init)))).size;
        const thetas = THETA_KEYS.reduce((n, k) => n * valuesByBruteForce(bounds.theta[k], k), 1);
        expect(q.size).toBe(thetas * inputs);
        // Whatever the search samples from the box is listed, at its position.
        for (const c of fc.sample(space.arbitrary(), { numRuns: 20, seed: 4 })) {
          const at = q.countBelow(c);
          expect(at).not.toBeNull();
          expect(latency.compare(all[at!], c)).toBe(0);
        }
      }),
      { numRuns: 60, seed: 11 },
    );
  });

  it('lists the inputs each kind of conjecture reads: points, SLA queries, or one for a statement about θ', () => {
    const bounds = { ...DEFAULT_LATENCY_BOUNDS, theta: PINNED, B: { min: 1, max: 3 }, S: { min: 1, max: 4 }, target: { min: r('1'), max: r('2'), maxDenominator: 2 } };
    const inits = (id: string) => [...latency.search.space(bounds, registry.get(id)).quotient!()!.candidates()].map((c) => latency.initToJson(c.init));
    // (B, S) by B + S, then B.
    const points = [[1, 1], [1, 2], [2, 1], [1, 3], [2, 2], [3, 1], [1, 4], [2, 3], [3, 2], [2, 4], [3, 3], [3, 4]];
    expect(inits('lat-nondecreasing-B')).toEqual(points.map(([B, S]) => ({ B, S })));
    // Targets 1, 2, 3/2 by height: 1 and 2 (height 1 and 2), then 3/2 (height 3).
    expect(inits('sla-argmin-feasible')).toEqual([1, 2, 3].flatMap((B) => ['1', '2', '3/2'].map((target) => ({ B, target }))));
    expect(inits('lat-identifiable')).toHaveLength(1);
  });

  it('is not offered for a box too large to list (the default bounds), and the bounds survive their JSON codec', () => {
    expect(latency.search.space(DEFAULT_LATENCY_BOUNDS, registry.get('lat-nondecreasing-B')).quotient!()).toBeNull();
    fc.assert(
      fc.property(boxArb, (bounds) => {
        expect(boundsFromJson(JSON.parse(JSON.stringify(boundsToJson(bounds))))).toEqual(bounds);
      }),
      { numRuns: 30, seed: 2 },
    );
  });
});

/** Planted: fails exactly where kB < 1/2. */
const PLANTED_KB: ParameterConjecture<'latency'> = {
  id: 'lat-planted-kb',
  statement: 'planted: fails where kB < 1/2',
  source: 'test',
  family: 'latency',
  scope: 'parameters',
  preconditions: [],
  names: [],
  margin: 'kB − 1/2',
  check<N>(ctx: LatencyContext<N>) {
    const margin = ctx.theta.kB.sub(Rational.of(1, 2));
    return { status: margin.sign() < 0 ? 'fails' : 'holds', margin: margin as unknown as N, values: {} };
  },
};

const request = (conjecture: CheckRequest['conjecture'], bounds: LatencyBounds): CheckRequest => ({
  conjecture,
  family: latency,
  options: { tie: 'all' },
  bounds,
  steps: 0,
  runs: 200,
  seed: 3,
  arithmetic: { id: 'filtered' },
  timeLimitMs: 60_000,
});

describe('check certifies latency boxes', () => {
  const points = { ...DEFAULT_LATENCY_BOUNDS, theta: PINNED, B: { min: 1, max: 9 }, S: { min: 1, max: 9 } };

  it('a pinned θ over 81 points: listed outright, the least failing point certified minimal', () => {
    const report = runCheck(request(PLANTED_LATENCY_POINT, points));
    expect(report.counterexample).toMatchObject({ init: { B: 3, S: 2 }, certifiedMinimal: true });
    // Below (3, 2) in the order (B + S, then B): the six points of sum ≤ 4 and (1, 4), (2, 3).
    expect(report.certification).toMatchObject({ scope: 'below-counterexample', certified: true, invariances: [], classes: 81, inScope: 8, decided: 8, when: 'listed' });
  });

  it('kB over its values by height (1, 1/2, 1/3, 2/3, 1/4, 3/4): the least failing one is 1/3', () => {
    const bounds = { ...points, theta: { ...PINNED, kB: { min: r('1/4'), max: r('1'), maxDenominator: 4 } } };
    const report = runCheck(request(PLANTED_KB, bounds));
    expect(report.counterexample).toMatchObject({ params: { kB: '1/3' }, certifiedMinimal: true });
    expect(report.certification).toMatchObject({ certified: true, classes: 6, inScope: 2, decided: 2 });
  });

  it('an unrefuted box is certified for the bounds, on worker threads as in this thread', async () => {
    // B ≤ 2: the planted statement holds everywhere, so every class is decided.
    const bounds = { ...points, B: { min: 1, max: 2 }, theta: { ...PINNED, tauS: { min: r('0'), max: r('1/10'), maxDenominator: 100 } } };
    const req = request(PLANTED_LATENCY_POINT, bounds);
    const workers = new ClassWorkers(2, { modules: [PLANTED_CONFIG] });
    try {
      const threaded = await runCheckInWorkers(req, workers);
      const inThread = runCheck(req);
      expect(inThread.verdict).toBe('unrefuted');
      const classes = inThread.certification!.classes;
      expect(classes).toBeGreaterThan(2_000); // enough for the threads to take it
      expect(inThread.certification).toMatchObject({ scope: 'bounds', certified: true, when: 'listed', inScope: classes, decided: classes });
      expect(threaded.certification).toEqual(inThread.certification);
      expect(threaded.searched).toEqual(inThread.searched);
    } finally {
      await workers.close();
    }
  }, 60_000);
});
