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
