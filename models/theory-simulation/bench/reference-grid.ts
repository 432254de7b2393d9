import { validateParams, type ModelParams } from '../params.js';
import { initialStateFromJson, type InitialState } from '../initial-state.js';
import { DEFAULT_BOUNDS, type SearchBounds } from '../bounds.js';

/**
 * The benchmark's reference grid (from the issue): lB 2..8, lA 1..lB−1,
 * l0 1..31, λA, λB ∈ {1,2,3,4}, B = 60, canonical start, 100 steps.
 */
export const REFERENCE_GRID = {
  lB: { from: 2, to: 8 },
  l0: { from: 1, to: 31 },
  rates: [1, 2, 3, 4],
  B: 60,
  steps: 100,
  init: 'canonical',
} as const;

export const REFERENCE_GRID_TEXT =
  'lB 2..8, lA 1..lB−1, l0 1..31, λA, λB ∈ {1,2,3,4}, B = 60, canonical start, 100 steps (t = 0..100)';

const L0_COUNT = REFERENCE_GRID.l0.to - REFERENCE_GRID.l0.from + 1;

export interface GridCell {
  /** Position in the full grid's order. */
  readonly index: number;
  readonly params: ModelParams;
}

/**
 * Every cell, in a fixed order: lB, lA, λA, λB, then l0 innermost. l0 goes last
 * because its count (31) is prime: a stride k < 31 then visits every l0 and every
 * (lB, lA, λA, λB) block, whereas with the 16 rate pairs innermost a stride of 4
 * would keep λB = 1 only.
 */
export function referenceGrid(): GridCell[] {
  const cells: GridCell[] = [];
  const { lB: lBRange, l0: l0Range, rates, B } = REFERENCE_GRID;
  for (let lB = lBRange.from; lB <= lBRange.to; lB++) {
    for (let lA = 1; lA < lB; lA++) {
      for (const lambdaA of rates) {
        for (const lambdaB of rates) {
          for (let l0 = l0Range.from; l0 <= l0Range.to; l0++) {
            const params = validateParams({ l0, lA, lB, B, lambdaA, lambdaB });
            cells.push({ index: cells.length, params });
          }
        }
      }
    }
  }
  return cells;
}

/** Every k-th cell (indices 0, k, 2k, …): deterministic and spread over the whole grid. */
export function everyKth(cells: readonly GridCell[], k: number): GridCell[] {
  if (!Number.isSafeInteger(k) || k < 1) throw new RangeError(`the sampling stride must be an integer ≥ 1 (got ${k})`);
  if (k > 1 && k % L0_COUNT === 0) {
    throw new RangeError(`a stride that is a multiple of ${L0_COUNT} would keep a single l0; choose another (got ${k})`);
  }
  return cells.filter((c) => c.index % k === 0);
}

/** A few cells spread over the grid (a quick warm-up). */
export function warmupCells(cells: readonly GridCell[], count: number): GridCell[] {
  const step = Math.max(1, Math.floor(cells.length / count));
  return cells.filter((_, i) => i % step === 0).slice(0, count);
}

/**
 * Cells for a warm-up that reaches V8's steady state before a timed pass over every
 * `stride`-th cell: the exact and filtered paths run many code shapes (kernels, fallbacks,
 * contexts) and kept getting faster over the first couple of thousand cells (the filtered
 * path, measured in chunks of 300: the first took about 1.9× the steady state's time, a whole
 * first pass over the 4,630-cell sample about 1.4×), while a sweep spends nearly all its time
 * at the steady state. Disjoint from the timed sample where the stride leaves other
 * cells, spread over the grid, at most `count` of them.
 */
export function steadyStateWarmupCells(cells: readonly GridCell[], stride: number, count = STEADY_STATE_WARMUP): GridCell[] {
  const others = stride > 1 ? cells.filter((c) => c.index % stride === 1) : cells;
  return warmupCells(others, Math.min(count, others.length));
}
const STEADY_STATE_WARMUP = 2000;

/** Coupled states in a run over these cells: one per t = 0..steps of each cell. */
export const statesOf = (cellCount: number, steps: number): number => cellCount * (steps + 1);

/** The reference grid as a sweep config (every `stride`-th l0 of 1..31), every conjecture. */
export function referenceSweepText(stride: number): { text: string; description: string } {
  const l0 = Array.from({ length: 31 }, (_, i) => i + 1).filter((x) => (x - 1) % stride === 0);
  return {
    text: `{ name: "reference-grid", conjectures: "all",
    grid: { l0: ${JSON.stringify(l0)}, lA: { from: 1, to: 7 }, lB: { from: 2, to: 8 }, B: [60],
            lambdaA: [1, 2, 3, 4], lambdaB: [1, 2, 3, 4], init: ["canonical"], steps: 100 } }`,
    description: `reference grid, l0 every ${stride} (${l0.join(', ')})`,
  };
}

/**
 * The memory benchmark's sweep: `budgets` values of B (the grid grows with
 * them, the cost of a cell does not).
 */
export function memorySweepText(budgets: number): string {
  const B = Array.from({ length: budgets }, (_, i) => 60 + i);
  return `{ name: "memory", conjectures: "all",
  grid: { l0: { from: 1, to: 40 }, lA: { from: 1, to: 3 }, lB: { from: 2, to: 4 }, B: ${JSON.stringify(B)},
          lambdaA: [1, 2], lambdaB: [1, 2], init: ["canonical"], steps: 3 } }`;
}

/** Seed 001's own experiment: one cell, canonical start, 200 steps. */
export const SEED_001_CELL: { readonly cell: GridCell; readonly steps: number; readonly text: string } = {
  cell: { index: 0, params: validateParams({ l0: 200, lA: 4, lB: 7, B: 1000, lambdaA: 1, lambdaB: 1 }) },
  steps: 200,
  text: 'l0 = 200, lA = 4, lB = 7, B = 1000, λA = λB = 1, canonical start',
};

/**
 * Long runs, where exact numbers grow to thousands of bits: 36 cells (l0 20, 60, 200; (lA, lB)
 * (2, 6), (4, 7), (3, 10); λA 1 or 3 with λB = 2; two unbalanced starts; B = 1000), 1,000 steps.
 */
export const LONG_RUNS = {
  steps: 1000,
  text: 'l0 ∈ {20, 60, 200}, (lA, lB) ∈ {(2,6), (4,7), (3,10)}, λA ∈ {1, 3}, λB = 2, B = 1000, unbalanced starts (3,0,1,0…) and (0,2,2,0…), 1,000 steps',
  cells(): { params: ModelParams; init: InitialState }[] {
    const cells: { params: ModelParams; init: InitialState }[] = [];
    for (const l0 of [20, 60, 200]) {
      for (const [lA, lB] of [[2, 6], [4, 7], [3, 10]]) {
        for (const lambdaA of [1, 3]) {
          for (const M0 of [[3, 0, 1], [0, 2, 2]]) {
            const params = validateParams({ l0, lA, lB, B: 1000, lambdaA, lambdaB: 2 });
            cells.push({ params, init: initialStateFromJson({ kind: 'unbalanced', M0: [...M0, ...Array(lB - 3).fill(0)].map(String) }) });
          }
        }
      }
    }
    return cells;
  },
};

/**
 * `check`'s certification: the classes of g-time-average with lB = 2, l0 = 1..4 under the
 * default rates and lattice (4 l0 × 269 shares × 40 starts = 43,040 classes, none failing).
 */
export const CERTIFY_LISTING = {
  conjecture: 'g-time-average',
  bounds: { ...DEFAULT_BOUNDS, lB: { min: 2, max: 2 }, l0: { min: 1, max: 4 } } as SearchBounds,
  /** The same box with l0 = 1 only: listed first to start the threads. */
  warmup: { ...DEFAULT_BOUNDS, lB: { min: 2, max: 2 }, l0: { min: 1, max: 1 } } as SearchBounds,
  text: 'lB = 2, l0 = 1..4',
};
