import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rational } from '../../models/arithmetic/rational.js';
import { boundsFromJson, boundsToJson, DEFAULT_BOUNDS, type InitKind, type SearchBounds } from '../../models/theory-simulation/bounds.js';
import { leastByHeight, TheoryQuotient } from '../../models/theory-simulation/quotient.js';
import { SearchSpace } from '../../models/theory-simulation/search-space.js';
import { compareCandidates, type Candidate } from '../../models/theory-simulation/order.js';
import { compareByHeight, enumerateRange } from '../../models/arithmetic/rational-range.js';
import { SCALE_FREE } from '../../models/theory-simulation/invariances.js';
import { planted } from '../support/planted.js';

const r = (n: number, d = 1) => Rational.of(n, d);

/** Small boxes: every count can be checked against the listing itself. */
const smallBounds = fc.record({
  lBmax: fc.integer({ min: 2, max: 4 }),
  l0: fc.integer({ min: 1, max: 2 }),
  latticeMax: fc.integer({ min: 1, max: 3 }),
  Bmax: fc.integer({ min: 1, max: 4 }),
  rateMax: fc.integer({ min: 1, max: 3 }),
  kinds: fc.subarray(['balanced', 'unbalanced', 'per-type'] as InitKind[]),
  canonical: fc.boolean(),
  perType: fc.boolean(),
});

type SmallBounds = typeof smallBounds extends fc.Arbitrary<infer T> ? T : never;

function spaceFor(b: SmallBounds, declared: readonly string[]): SearchSpace {
  const bounds: SearchBounds = {
    ...DEFAULT_BOUNDS,
    l0: { min: 1, max: b.l0 },
    lA: { min: 1, max: 3 },
    lB: { min: 2, max: b.lBmax },
    B: { min: r(1), max: r(b.Bmax), maxDenominator: 2 },
    lambdaA: { min: r(1, 2), max: r(b.rateMax), maxDenominator: 2 },
    lambdaB: { min: r(1, 2), max: r(b.rateMax), maxDenominator: 2 },
    inits: b.canonical || b.kinds.length === 0 ? ['canonical', ...b.kinds] : b.kinds,
    latticeMax: b.latticeMax,
  };
  const conjecture = { ...planted('any', () => false), family: b.perType ? 'theory-simulation-per-type' : 'theory-simulation', invariantUnder: declared };
  return new SearchSpace(bounds, conjecture);
}

const key = (c: Candidate) => JSON.stringify([c.params.l0, c.params.lA, c.params.lB, String(c.params.B), String(c.params.lambdaA), String(c.params.lambdaB), c.init]);

describe('the quotient of the Theory/Simulation search space', () => {
  it('lists its size, in the minimality order, each class once, counts the classes below any of them, and slices the listing', () => {
    fc.assert(
      fc.property(smallBounds, fc.boolean(), fc.nat(), (b, invariant, pick) => {
        const q = spaceFor(b, invariant ? SCALE_FREE : [])!.quotient()!;
        const list = [...q.candidates()];
        expect(list.length).toBe(q.size);
        for (let i = 1; i < list.length; i++) expect(compareCandidates(list[i - 1], list[i])).toBeLessThan(0);
        const i = pick % list.length;
        expect(q.countBelow(list[i])).toBe(i);
        expect(q.representative(list[i])).toEqual(list[i]);
        const j = i + (pick % 7);
        expect([...q.slice(i, j)].map(key)).toEqual(list.slice(i, j).map(key));
      }),
      { numRuns: 40 },
    );
  });

  it('lists the starts of the chosen kinds only, and everything the search samples from the space', () => {
    fc.assert(
      fc.property(smallBounds, (b) => {
        const space = spaceFor(b, []);
        const list = [...space.quotient()!.candidates()];
        // The canonical start is the balanced start of u = e₀: in the space with either kind, else not.
        const kinds = new Set(space.kinds);
        const canonical = kinds.has('canonical') || kinds.has('balanced');
        for (const c of list) expect(c.init.kind === 'canonical' ? canonical : kinds.has(c.init.kind as InitKind)).toBe(true);
        const positions = new Map(list.map((c, i) => [key(c), i]));
        for (const c of fc.sample(space.arbitrary(), { numRuns: 30, seed: 5 })) expect(positions.has(key(c)), key(c)).toBe(true);
        for (const c of space.corner()) expect(positions.has(key(c)), key(c)).toBe(true);
        for (const c of list.slice(-3)) for (const n of space.neighbours(c)) expect(positions.has(key(n)), key(n)).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it('merges exactly the candidates equal up to B and the scale of the rates, and picks the least of each class', () => {
    fc.assert(
      fc.property(smallBounds, (b) => {
        const space = spaceFor(b, SCALE_FREE);
        const full = [...spaceFor(b, []).quotient()!.candidates()];
        const q = space.quotient()!;
        const classes = new Map<string, Candidate>();
        for (const c of full) {
          const k = JSON.stringify([c.params.l0, c.params.lA, c.params.lB, c.params.lambdaA.div(c.params.lambdaA.add(c.params.lambdaB)).toString(), c.init.kind === 'canonical' ? 'c' : [c.init.kind, c.init.lattice]]);
          if (!classes.has(k)) classes.set(k, c);
        }
        // The first of each class in the full listing is its least member: the quotient lists exactly those.
        expect([...q.candidates()].map(key)).toEqual([...classes.values()].map(key));
        for (const c of full) {
          const least = q.representative(c);
          expect(compareCandidates(least, c)).toBeLessThanOrEqual(0);
        }
      }),
      { numRuns: 25 },
    );
  });

  it('finds the least rational of a range by height, as the listing would', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 30 }), fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 7 }), (a, span, da, den) => {
        const range = { min: r(a, da), max: r(a, da).add(r(span, da)), maxDenominator: den };
        const listed = enumerateRange(range);
        const least = leastByHeight(range);
        if (listed.length === 0) expect(least).toBeNull();
        else expect(compareByHeight(least!, listed[0])).toBe(0);
      }),
    );
  });

  it('declares nothing for a conjecture that declares no invariance: every candidate is its own class', () => {
    const q = TheoryQuotient.of(new SearchSpace({ ...DEFAULT_BOUNDS, lB: { min: 2, max: 2 }, l0: { min: 1, max: 1 } }, planted('any', () => false)), [])!;
    expect(q.invariances).toEqual([]);
    expect(q.size).toBe(24 * 24 * 1000 * 40);
  });
});

describe('the Theory/Simulation bounds round-trip through JSON (worker threads rebuild the quotient from them)', () => {
  it('parses what toJson writes back to equal bounds', () => {
    fc.assert(
      fc.property(smallBounds, (b) => {
        const bounds = spaceFor(b, []).bounds;
        const again = boundsFromJson(JSON.parse(JSON.stringify(boundsToJson(bounds))));
        expect(boundsToJson(again)).toEqual(boundsToJson(bounds));
        expect(again.B.min.equals(bounds.B.min) && again.lambdaA.max.equals(bounds.lambdaA.max)).toBe(true);
      }),
      { numRuns: 30 },
    );
  });
});
