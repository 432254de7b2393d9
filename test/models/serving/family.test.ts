import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exactArithmetic } from '../../../models/arithmetic/exact.js';
import { Rational } from '../../../models/arithmetic/rational.js';
import type { Candidate } from '../../../models/family.js';
import { FAMILIES } from '../../../models/families.js';
import type { ServingParams } from '../../../models/serving/params.js';
import type { Request } from '../../../models/serving/request.js';
import { serving } from '../../../models/serving/family.js';
import { DEFAULT_SERVING_BOUNDS, ServingSearchSpace } from '../../../models/serving/search-space.js';
import type { ServingView } from '../../../models/serving/view.js';
import { gridSchema } from '../../../harness/sweep/config.js';
import { registry } from '../../../conjectures/registry.js';
import { params, req } from './support.js';

type C = Candidate<ServingParams, readonly Request[]>;
const space = serving.search.space(serving.search.defaults, null) as ServingSearchSpace;
const arb = space.arbitrary() as fc.Arbitrary<C>;
const json = (c: C) => JSON.stringify({ p: serving.paramsToJson(c.params), i: serving.initToJson(c.init) });
const sign = (x: number) => Math.sign(x);

describe('the serving family: contract', () => {
  it('is registered once, with its conjectures', () => {
    expect(FAMILIES.filter((f) => f.id === 'serving')).toHaveLength(1);
    expect(registry.list().filter((c) => c.family === 'serving').map((c) => c.id)).toHaveLength(14);
  });

  it('the minimality order is a total order (antisymmetric, transitive, 0 only on identical candidates)', () => {
    fc.assert(
      fc.property(arb, arb, arb, (a, b, c) => {
        expect(serving.compare(a, a)).toBe(0);
        expect(sign(serving.compare(a, b))).toBe(-sign(serving.compare(b, a)));
        if (serving.compare(a, b) === 0) expect(json(a)).toBe(json(b));
        if (serving.compare(a, b) <= 0 && serving.compare(b, c) <= 0) expect(serving.compare(a, c)).toBeLessThanOrEqual(0);
      }),
      { numRuns: 300, seed: 4 },
    );
  });

  it('arbitraries are valid, within bounds, and the JSON codec round-trips', () => {
    fc.assert(
      fc.property(arb, (c) => {
        expect(space.inBounds(c)).toBe(true);
        const p = serving.parseParams(JSON.parse(JSON.stringify(serving.paramsToJson(c.params))));
        const i = serving.parseInit(JSON.parse(JSON.stringify(serving.initToJson(c.init))));
        expect(serving.compare({ params: p, init: i }, c)).toBe(0);
        expect(serving.paramsKey(p)).toBe(serving.paramsKey(c.params));
      }),
      { numRuns: 200, seed: 5 },
    );
  });

  it('neighbours are strictly smaller, valid, within bounds and ascending', () => {
    fc.assert(
      fc.property(arb, (c) => {
        const ns = space.neighbours(c);
        ns.forEach((n, k) => {
          expect(serving.compare(n, c)).toBeLessThan(0);
          expect(space.inBounds(n)).toBe(true);
          if (k > 0) expect(serving.compare(ns[k - 1], n)).toBeLessThan(0);
        });
      }),
      { numRuns: 100, seed: 6 },
    );
  });

  it('the corner is ascending and valid; samples below a candidate are strictly smaller', () => {
    const corner = [...space.corner()];
    expect(corner.length).toBeGreaterThan(0);
    for (let k = 1; k < corner.length; k++) expect(serving.compare(corner[k - 1], corner[k])).toBeLessThan(0);
    const best: C = { params: params(10, 8, '1', '1/2'), init: [req(0, '0', 3, 2), req(1, '1/2', 2, 2), req(2, '1', 1, 1)] };
    for (const level of space.levels) {
      const below = space.sampleBelow(best, level.id);
      expect(below).not.toBeNull();
      for (const c of fc.sample(below!, { seed: 7, numRuns: 50 })) expect(serving.compare(c, best)).toBeLessThan(0);
    }
    expect(space.sampleBelow({ params: params(1, 8, '1', '0'), init: [req(0, '0', 1, 1)] }, 'requests')).toBeNull();
  });

  it('codec errors name the request, the field and the value', () => {
    expect(() => serving.parseInit([{ arrival_time: '0', prefill_length: 0, decode_length: 1 }])).toThrow(/request 0: prefill_length must be an integer ≥ 1 \(got 0\)/);
    expect(() => serving.parseInit([{ arrival_time: 'x', prefill_length: 1, decode_length: 1 }])).toThrow(/request 0: arrival_time/);
    expect(() => serving.parseParams({ M: 1, B: 1, d0: '0', d1: '0' })).toThrow(/d0 \+ d1 > 0/);
    expect(() => serving.parseParams({ M: 1, B: 1, d0: '1', d1: '0', l0: 3 })).toThrow(/unknown serving parameter "l0"/);
    expect(() => serving.search.fromFlags({ M: '0..4' })).toThrow(/--M must be ≥ 1/);
    expect(serving.search.fromFlags({ M: '2..5', d1: '1/2', requests: '3' })).toMatchObject({ M: { min: 2, max: 5 }, requests: { min: 3, max: 3 } });
  });

  it('runs yield one view per batch (t = batch index), then the end; steps caps the batches', () => {
    // By hand: M = 10, B = 100, two requests (0, 2, 3) both admitted at 0 (G = 4); each batch executes
    // both (tokens 2·(2 + pos + 1) = 6, 8, 10; G + |R| = 6, 8, 10 ≤ M, no eviction); after 3 batches both
    // complete: views t = 0, 1, 2 and the end view t = 3.
    const ctx = serving.context(exactArithmetic, params(10, 100, '1', '0'));
    const views = [...serving.run(ctx, [req(0, '0', 2, 3), req(1, '0', 2, 3)], 60)] as ServingView[];
    expect(views.map((v) => v.t)).toEqual([0, 1, 2, 3]);
    expect(views.map((v) => v.snapshot?.batchTokens ?? null)).toEqual([6, 8, 10, null]);
    expect(views[3].end).toMatchObject({ batches: 3, completed: 2, stalled: false });
    expect(([...serving.run(ctx, [req(0, '0', 2, 3), req(1, '0', 2, 3)], 1)] as ServingView[]).map((v) => v.t)).toEqual([0, 1]);
  });

  it('stateFacts counts the swap-outs before a batch', () => {
    // By hand: M = 3, two (0, 1, 1) admitted at 0 (G = 2, G + |R| = 4 > 3): one swap-out before batch 0.
    const ctx = serving.context(exactArithmetic, params(3, 1, '0', '1'));
    const [first] = serving.run(ctx, [req(0, '0', 1, 1), req(1, '0', 1, 1)], 5);
    expect(serving.stateFacts(first)).toEqual({ evictionDepth: 1 });
  });
});

describe('the serving grid vocabulary', () => {
  const schema = gridSchema(serving);
  const parse = (g: unknown) => schema.parse(g) as never;

  it('enumerates the declared number of cells in the minimality order, with random access', () => {
    const grid = parse({
      M: { from: 2, to: 4 },
      B: [1, 8],
      d0: [0, '1/2'],
      d1: [1],
      workload: [{ requests: [[0, 1, 2], [0, 1, 1]] }, [{ arrival_time: '1/2', prefill_length: 1, decode_length: 1 }], { arrivals: 'deterministic', rate: '1/2', requests: 2, prefill: 2, decode: 1, seeds: [1, 2] }],
      steps: 20,
    });
    const cells = serving.grid.enumerate(serving.grid.normalize(grid));
    // 3 M × 2 B × 2 d0 × 1 d1 = 12 parameter sets; 3 distinct workloads (the deterministic one is the same for both seeds).
    expect(cells.size).toBe(36);
    const all = Array.from({ length: cells.size }, (_, i) => cells.cellAt(i));
    for (let i = 1; i < all.length; i++) expect(serving.compare(all[i - 1], all[i])).toBeLessThan(0);
    expect(all.filter((c) => c.initIndex === 0)).toHaveLength(12);
    expect(all[0].init).toHaveLength(1);
    const step = cells.expectedCells(registry.get('conservation'));
    expect(Object.values(step.MB).reduce((a, b) => a + b, 0)).toBe(36);
    const once = cells.expectedCells(registry.get('fluid-limit'));
    expect(Object.values(once.MB).reduce((a, b) => a + b, 0)).toBe(12);
    expect(() => cells.cellAt(36)).toThrow(RangeError);
  });

  it('round-trips through JSON and rejects bad workloads with their path', () => {
    const grid = parse({ M: 4, B: 4, d0: 1, d1: '1/4', workload: [{ csv: 'data/serving/requests-sample.csv' }, { arrivals: 'poisson', rate: '1/2', requests: 3, prefill: '1:1,3:1', decode: 2, grid: 4, seeds: { from: 1, to: 2 } }], steps: 10 });
    const back = serving.grid.fromJson(JSON.parse(JSON.stringify(serving.grid.toJson(grid))));
    expect(serving.grid.toJson(back)).toEqual(serving.grid.toJson(grid));
    expect(serving.grid.enumerate(back).size).toBe(serving.grid.enumerate(grid).size);
    const bad = schema.safeParse({ M: 4, B: 4, d0: 1, d1: 0, workload: [{ rate: '1/2', requests: 3, prefill: 0, decode: 2 }], steps: 10 });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0].path).toEqual(['workload', 0, 'prefill']);
    expect(serving.grid.problem(parse({ M: 4, B: 4, d0: 0, d1: 0, workload: [[[0, 1, 1]]], steps: 10 }))).toMatchObject({ path: ['d1'] });
  });

  it('random bounds are the bounding box of the grid', () => {
    const grid = parse({ M: [3, 9], B: 4, d0: ['1/2', 2], d1: 0, workload: [[[0, 1, 4], ['5/2', 3, 1]]], steps: 10 });
    const b = serving.grid.randomBounds(grid, 4) as typeof DEFAULT_SERVING_BOUNDS;
    expect(b).toMatchObject({ M: { min: 3, max: 9 }, requests: { min: 2, max: 2 }, prefill: { min: 1, max: 3 }, decode: { min: 1, max: 4 }, arrivalMax: 3, maxDenominator: 4 });
    expect(b.d0.min.equals(Rational.parse('1/2'))).toBe(true);
  });
});
