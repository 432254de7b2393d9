import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareWithTime } from '../../../models/theory-simulation/order.js';
import { compositions } from '../../../models/theory-simulation/order.js';
import { planBatches, shardBatchCount } from '../../../harness/sweep/batches.js';
import { sweepGrid } from '../../../harness/sweep/batch.js';
import { config } from '../../support/sweep-fixtures.js';
import type { GridCell } from '../../../models/theory-simulation/grid.js';

const grid = sweepGrid(
  config(`{
    name: "g",
    grid: {
      l0: [3, 1], lA: [1, 2], lB: [2, 3], B: [2, 1], lambdaA: ["1/2", 1], lambdaB: [1],
      init: [{ kind: "lattice", units: 2, balanced: false }, "canonical"], steps: 1,
    },
  }`),
);

describe('the grid', () => {
  it('counts every combination with lA < lB and every lattice point', () => {
    // (lA, lB) ∈ {(1,2), (1,3), (2,3)}; l0 ∈ {1,3}; rates 2; B 2;
    // inits: canonical + compositions of 2 into lB parts (3 for lB=2, 6 for lB=3).
    expect(grid.size).toBe(1 * 2 * 2 * 2 * 4 + 2 * (2 * 2 * 2 * 7));
  });

  it('enumerates cells in the minimality order', () => {
    const cells = Array.from({ length: grid.size }, (_, i) => grid.cellAt(i) as GridCell);
    for (let i = 1; i < cells.length; i++) {
      expect(compareWithTime({ ...cells[i - 1], t: 0 }, { ...cells[i], t: 0 })).toBeLessThan(0);
    }
    expect(cells[0]).toMatchObject({ params: { l0: 1, lA: 1, lB: 2 }, init: { kind: 'canonical' }, initIndex: 0 });
    // The first rates are those with λA+λB of least height: 1/2 + 1 = 3/2 (height 3) comes after 1 + 1 = 2 (height 2).
    expect(String(cells[0].params.lambdaA)).toBe('1');
    expect(String(cells[0].params.B)).toBe('1');
  });

  it('keeps every lattice vector, including ones equal to other states up to scale', () => {
    expect([...compositions(2, 3)]).toEqual([[2, 0, 0], [1, 1, 0], [1, 0, 1], [0, 2, 0], [0, 1, 1], [0, 0, 2]]);
    const lattice = Array.from({ length: 4 }, (_, i) => (grid.cellAt(i) as GridCell).init);
    expect(lattice.map((s) => s.kind)).toEqual(['canonical', 'unbalanced', 'unbalanced', 'unbalanced']);
  });

  it('partitions the batches into disjoint shards that cover them all', () => {
    const all = [...planBatches(1000, 100, { index: 1, count: 1 })].map((b) => b.id);
    const shards = [1, 2, 3].map((index) => [...planBatches(1000, 100, { index, count: 3 })].map((b) => b.id));
    expect(shards.flat().sort((a, b) => a - b)).toEqual(all);
    expect(new Set(shards.flat()).size).toBe(all.length);
    shards.forEach((ids, i) => expect(shardBatchCount(1000, 100, { index: i + 1, count: 3 })).toBe(ids.length));
    // Grid batches cover the cells, random batches the samples, without gaps.
    const batches = [...planBatches(1000, 100, { index: 1, count: 1 })];
    expect(batches.filter((b) => b.kind === 'grid').reduce((n, b) => n + b.end - b.start, 0)).toBe(1000);
    expect(batches.filter((b) => b.kind === 'random').reduce((n, b) => n + b.end - b.start, 0)).toBe(100);
  });
});

describe('the lazy grid', () => {
  /** The cells as the first implementation listed them: every lattice point materialised and sorted. */
  function listed(g: { l0: number[]; lA: number[]; lB: number[]; units: number[]; perType: number[] }) {
    const key = (p: { kind: string; u?: number[] }): number[] =>
      p.kind === 'canonical' ? [0] : [1, p.u!.reduce((a, b) => a + b, 0), { balanced: 0, unbalanced: 1, 'per-type': 2 }[p.kind]!, ...[...p.u!].reverse()];
    const cmp = (a: number[], b: number[]) => {
      for (let i = 0; i < Math.max(a.length, b.length); i++) if ((a[i] ?? -1) !== (b[i] ?? -1)) return (a[i] ?? -1) - (b[i] ?? -1);
      return 0;
    };
    const out: { l0: number; lA: number; lB: number; init: { kind: string; u?: number[] } }[] = [];
    for (const lB of g.lB) {
      for (const lA of g.lA.filter((a) => a < lB)) {
        const points: { kind: string; u?: number[] }[] = [{ kind: 'canonical' }];
        for (const n of g.units) for (const u of compositions(n, lB)) points.push({ kind: 'balanced', u });
        for (const n of g.perType) for (const u of compositions(n, lA + lB)) points.push({ kind: 'per-type', u });
        points.sort((a, b) => cmp(key(a), key(b)));
        for (const l0 of g.l0) for (const init of points) out.push({ l0, lA, lB, init });
      }
    }
    return out;
  }

  it('unranks exactly the cells a full listing gives, in the same order', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 2 }),
        fc.uniqueArray(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 2 }),
        fc.uniqueArray(fc.integer({ min: 2, max: 5 }), { minLength: 1, maxLength: 2 }),
        fc.uniqueArray(fc.integer({ min: 1, max: 3 }), { maxLength: 2 }),
        fc.uniqueArray(fc.integer({ min: 1, max: 2 }), { maxLength: 1 }),
        (l0, lA, lB, units, perType) => {
          const sorted = { l0: [...l0].sort(), lA: [...lA].sort(), lB: [...lB].sort(), units: [...units].sort(), perType };
          fc.pre(sorted.lA.some((a) => sorted.lB.some((b) => a < b)));
          const init = ['"canonical"', ...units.map((n) => `{ kind: "lattice", units: ${n} }`), ...perType.map((n) => `{ kind: "per-type-lattice", units: ${n} }`)];
          const lazy = sweepGrid(
            config(`{ name: "p", grid: { l0: [${l0}], lA: [${lA}], lB: [${lB}], B: [1], lambdaA: [1], lambdaB: [1], init: [${init}], steps: 1 } }`),
          );
          const want = listed(sorted);
          expect(lazy.size).toBe(want.length);
          want.forEach((w, i) => {
            const c = lazy.cellAt(i) as GridCell;
            expect({ l0: c.params.l0, lA: c.params.lA, lB: c.params.lB, kind: c.init.kind, u: 'lattice' in c.init ? c.init.lattice : undefined }).toEqual({
              l0: w.l0,
              lA: w.lA,
              lB: w.lB,
              kind: w.init.kind,
              u: w.init.u,
            });
          });
        },
      ),
      { numRuns: 60 },
    );
  });

  it('counts a grid of 10¹¹ lattice vectors without listing them', () => {
    const huge = sweepGrid(config(`{ name: "h", grid: { l0: [1], lA: [1], lB: [12], B: [1], lambdaA: [1], lambdaB: [1], init: [{ kind: "lattice", units: 50 }], steps: 1 } }`));
    // C(50 + 11, 11) compositions of 50 into 12 parts.
    expect(huge.size).toBe(418_094_152_866);
    const last = huge.cellAt(huge.size - 1) as GridCell;
    expect('lattice' in last.init && last.init.lattice).toEqual([...new Array(11).fill(0), 50]);
  });
});
