import type { Rational } from '../arithmetic/rational.js';
import {
  canonicalInitial,
  latticeInitial,
  perTypeLatticeInitial,
  type InitialState,
} from './initial-state.js';
import type { ModelParams } from './params.js';
import { compositions } from './order.js';
import { compareByHeight } from '../arithmetic/rational-range.js';

export { compositions };
import type { SweepConfig } from '../../harness/sweep/config.js';

/** One cell: a parameter combination with one initial state. */
export interface GridCell {
  readonly index: number;
  readonly params: ModelParams;
  readonly init: InitialState;
  /** Position of the initial state among the cell's parameter combination (0 = first). */
  readonly initIndex: number;
}

type LatticePoint = { kind: 'canonical' } | { kind: 'balanced' | 'unbalanced' | 'per-type'; u: number[] };

interface Block {
  readonly lB: number;
  readonly lA: number;
  readonly start: number;
  readonly inits: readonly LatticePoint[];
  readonly size: number;
}

/**
 * The cells of a sweep grid in the minimality order (lB, lA, l0, λA+λB, λA,
 * B, initial state), with random access by index so that any batch, shard
 * or resumed run enumerates exactly the same cells.
 */
export class Grid {
  readonly rates: readonly [Rational, Rational][];
  readonly budgets: readonly Rational[];
  private readonly blocks: Block[] = [];
  readonly size: number;

  constructor(readonly config: SweepConfig) {
    const g = config.grid;
    this.rates = g.lambdaA
      .flatMap((a) => g.lambdaB.map((b) => [a, b] as [Rational, Rational]))
      .sort(([a1, b1], [a2, b2]) => compareByHeight(a1.add(b1), a2.add(b2)) || compareByHeight(a1, a2));
    this.budgets = [...g.B].sort(compareByHeight);
    let start = 0;
    if (g.exhaustive) {
      for (const lB of g.lB) {
        for (const lA of g.lA.filter((a) => a < lB)) {
          const inits = initialPoints(config, lA, lB);
          const size = g.l0.length * this.rates.length * this.budgets.length * inits.length;
          this.blocks.push({ lB, lA, start, inits, size });
          start += size;
        }
      }
    }
    this.size = start;
  }

  cellAt(index: number): GridCell {
    if (!Number.isSafeInteger(index) || index < 0 || index >= this.size) {
      throw new RangeError(`cell index ${index} outside the grid (0..${this.size - 1})`);
    }
    const block = this.blocks[this.blockOf(index)];
    let r = index - block.start;
    const initIndex = r % block.inits.length;
    r = (r - initIndex) / block.inits.length;
    const bIndex = r % this.budgets.length;
    r = (r - bIndex) / this.budgets.length;
    const rateIndex = r % this.rates.length;
    const l0Index = (r - rateIndex) / this.rates.length;
    const [lambdaA, lambdaB] = this.rates[rateIndex];
    const params: ModelParams = {
      l0: this.config.grid.l0[l0Index],
      lA: block.lA,
      lB: block.lB,
      B: this.budgets[bIndex],
      lambdaA,
      lambdaB,
    };
    return { index, params, init: materializePoint(params, block.inits[initIndex]), initIndex };
  }

  /**
   * How many cells a conjecture evaluates per (lA, lB) pair and per l0:
   * parameter statements one per parameter set, merged models every start
   * except per-type ones, per-type models every start.
   */
  expectedCells(scope: 'parameters' | 'merged' | 'per-type'): { pairs: Record<string, number>; l0: Record<string, number> } {
    const pairs: Record<string, number> = {};
    const l0: Record<string, number> = {};
    const perParams = this.rates.length * this.budgets.length;
    for (const b of this.blocks) {
      const inits = scope === 'parameters' ? 1 : scope === 'merged' ? b.inits.filter((p) => p.kind !== 'per-type').length : b.inits.length;
      if (inits === 0) continue;
      pairs[`${b.lA},${b.lB}`] = this.config.grid.l0.length * perParams * inits;
      for (const v of this.config.grid.l0) l0[v] = (l0[v] ?? 0) + perParams * inits;
    }
    return { pairs, l0 };
  }

  private blockOf(index: number): number {
    let lo = 0;
    let hi = this.blocks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.blocks[mid].start <= index) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

/** Every initial state of a block, sorted: canonical, then by Σu, kind, reversed-lexicographic u. */
function initialPoints(config: SweepConfig, lA: number, lB: number): LatticePoint[] {
  const points: LatticePoint[] = [];
  for (const spec of config.grid.init) {
    if (spec.kind === 'canonical') points.push({ kind: 'canonical' });
    else if (spec.kind === 'lattice') {
      for (const u of compositions(spec.units, lB)) points.push({ kind: spec.balanced ? 'balanced' : 'unbalanced', u });
    } else {
      for (const u of compositions(spec.units, lA + lB)) points.push({ kind: 'per-type', u });
    }
  }
  const rank = { canonical: 0, balanced: 0, unbalanced: 1, 'per-type': 2 } as const;
  const key = (p: LatticePoint): number[] =>
    p.kind === 'canonical' ? [0] : [1, p.u.reduce((a, b) => a + b, 0), rank[p.kind], ...[...p.u].reverse()];
  return points.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < Math.max(ka.length, kb.length); i++) if ((ka[i] ?? -1) !== (kb[i] ?? -1)) return (ka[i] ?? -1) - (kb[i] ?? -1);
    return 0;
  });
}

function materializePoint(params: ModelParams, p: LatticePoint): InitialState {
  if (p.kind === 'canonical') return canonicalInitial();
  if (p.kind === 'per-type') return perTypeLatticeInitial(params, p.u.slice(0, params.lA), p.u.slice(params.lA));
  return latticeInitial(params, p.kind, p.u);
}

/** A contiguous run of cells (grid) or samples (random part): the unit of work, checkpointing and sharding. */
export interface Batch {
  /** Position in the sweep's batch list (grid batches first, then random ones). */
  readonly id: number;
  readonly kind: 'grid' | 'random';
  readonly start: number;
  readonly end: number;
}

export const BATCH_SIZE = 16;

/**
 * The batches of a sweep, lazily (memory does not grow with the grid): grid
 * batches first, then random ones. A shard I/N (1-based) owns the batches
 * with id ≡ I−1 (mod N).
 */
export function* planBatches(gridSize: number, randomRuns: number, shard: { index: number; count: number }): Generator<Batch> {
  const gridBatches = Math.ceil(gridSize / BATCH_SIZE);
  const total = gridBatches + Math.ceil(randomRuns / BATCH_SIZE);
  for (let id = shard.index - 1; id < total; id += shard.count) {
    if (id < gridBatches) yield { id, kind: 'grid', start: id * BATCH_SIZE, end: Math.min(gridSize, (id + 1) * BATCH_SIZE) };
    else {
      const start = (id - gridBatches) * BATCH_SIZE;
      yield { id, kind: 'random', start, end: Math.min(randomRuns, start + BATCH_SIZE) };
    }
  }
}

/** How many batches a shard owns. */
export function shardBatchCount(gridSize: number, randomRuns: number, shard: { index: number; count: number }): number {
  const total = Math.ceil(gridSize / BATCH_SIZE) + Math.ceil(randomRuns / BATCH_SIZE);
  return total >= shard.index ? Math.floor((total - shard.index) / shard.count) + 1 : 0;
}
