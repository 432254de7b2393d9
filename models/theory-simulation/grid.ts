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


/** Initial-state families of a grid (SPEC §3), expanded per lB into cells. */
export type InitSpec =
  | { kind: 'canonical' }
  /** Every u ∈ ℕ^lB with Σu = units: balanced M0 = u·B/ΣWu, or unbalanced M0 = u·N*. */
  | { kind: 'lattice'; units: number; balanced: boolean }
  /** Every (uA, uB) with Σ = units: X0.A = uA·N*, X0.B = uB·N* (per-type conjectures only). */
  | { kind: 'per-type-lattice'; units: number };

/** A grid in this family's vocabulary, resolved: sorted value lists. */
export interface TheoryGrid {
  l0: number[];
  lA: number[];
  lB: number[];
  B: Rational[];
  lambdaA: Rational[];
  lambdaB: Rational[];
  init: InitSpec[];
}

/** One cell: a parameter combination with one initial state. */
export interface GridCell {
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

  constructor(readonly grid: TheoryGrid) {
    const g = grid;
    this.rates = g.lambdaA
      .flatMap((a) => g.lambdaB.map((b) => [a, b] as [Rational, Rational]))
      .sort(([a1, b1], [a2, b2]) => compareByHeight(a1.add(b1), a2.add(b2)) || compareByHeight(a1, a2));
    this.budgets = [...g.B].sort(compareByHeight);
    let start = 0;
    {
      for (const lB of g.lB) {
        for (const lA of g.lA.filter((a) => a < lB)) {
          const inits = initialPoints(g, lA, lB);
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
      l0: this.grid.l0[l0Index],
      lA: block.lA,
      lB: block.lB,
      B: this.budgets[bIndex],
      lambdaA,
      lambdaB,
    };
    return { params, init: materializePoint(params, block.inits[initIndex]), initIndex };
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
      pairs[`${b.lA},${b.lB}`] = this.grid.l0.length * perParams * inits;
      for (const v of this.grid.l0) l0[v] = (l0[v] ?? 0) + perParams * inits;
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
function initialPoints(grid: TheoryGrid, lA: number, lB: number): LatticePoint[] {
  const points: LatticePoint[] = [];
  for (const spec of grid.init) {
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

