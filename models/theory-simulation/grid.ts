import type { Rational } from '../arithmetic/rational.js';
import {
  canonicalInitial,
  latticeInitial,
  perTypeLatticeInitial,
  type InitialState,
} from './initial-state.js';
import type { ModelParams } from './params.js';
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

/** The lattice points of one initial-state spec: every u ∈ ℕ^dims with Σu = units (dims = lB, or lA + lB per type). */
interface InitGroup {
  readonly kind: 'balanced' | 'unbalanced' | 'per-type';
  readonly units: number;
  readonly perType: boolean;
}

const KIND_RANK = { canonical: 0, balanced: 0, unbalanced: 1, 'per-type': 2 } as const;

/**
 * The cells of a sweep grid in the minimality order (lB, lA, l0, λA+λB, λA,
 * B, initial state), with random access by index so that any batch, shard
 * or resumed run enumerates exactly the same cells. Nothing is materialised:
 * the initial states of a block are unranked from their index (compositions
 * in reversed-lexicographic order), so memory does not grow with the number
 * of lattice vectors, and the size is counted by binomials.
 */
export class Grid {
  readonly rates: readonly [Rational, Rational][];
  readonly budgets: readonly Rational[];
  readonly size: number;
  private readonly canonical: boolean;
  private readonly groups: readonly InitGroup[];
  private readonly perParams: number;
  /** Per lB (in grid order): the index of its first cell. */
  private readonly lBStart: number[] = [];
  private cached: { lBIndex: number; starts: number[] } | null = null;

  /** `cap`: stop counting once the size exceeds it (the size is then Infinity). */
  constructor(
    readonly grid: TheoryGrid,
    cap = Number.MAX_SAFE_INTEGER,
  ) {
    const g = grid;
    this.rates = g.lambdaA
      .flatMap((a) => g.lambdaB.map((b) => [a, b] as [Rational, Rational]))
      .sort(([a1, b1], [a2, b2]) => compareByHeight(a1.add(b1), a2.add(b2)) || compareByHeight(a1, a2));
    this.budgets = [...g.B].sort(compareByHeight);
    this.canonical = g.init.some((s) => s.kind === 'canonical');
    this.groups = g.init
      .filter((s): s is Exclude<InitSpec, { kind: 'canonical' }> => s.kind !== 'canonical')
      .map((s): InitGroup => (s.kind === 'lattice' ? { kind: s.balanced ? 'balanced' : 'unbalanced', units: s.units, perType: false } : { kind: 'per-type', units: s.units, perType: true }))
      .sort((a, b) => a.units - b.units || KIND_RANK[a.kind] - KIND_RANK[b.kind]);
    this.perParams = g.l0.length * this.rates.length * this.budgets.length;
    let start = 0;
    for (const lB of g.lB) {
      this.lBStart.push(start);
      for (const lA of g.lA) {
        if (lA >= lB) break;
        start += this.perParams * this.initCount(lA, lB);
        if (start > cap) {
          this.size = Number.POSITIVE_INFINITY;
          return;
        }
      }
    }
    this.size = start;
  }

  /** Initial states of a block (lA, lB): canonical, then every lattice point of each group. */
  initCount(lA: number, lB: number): number {
    return (this.canonical ? 1 : 0) + this.groups.reduce((n, gr) => n + compositionCount(gr.units, gr.perType ? lA + lB : lB), 0);
  }

  cellAt(index: number): GridCell {
    if (!Number.isSafeInteger(index) || index < 0 || index >= this.size) {
      throw new RangeError(`cell index ${index} outside the grid (0..${this.size - 1})`);
    }
    const lBIndex = lastAtMost(this.lBStart, index);
    const lB = this.grid.lB[lBIndex];
    const starts = this.blockStarts(lBIndex);
    const lAIndex = lastAtMost(starts, index);
    const lA = this.grid.lA[lAIndex];
    const inits = this.initCount(lA, lB);
    let r = index - starts[lAIndex];
    const initIndex = r % inits;
    r = (r - initIndex) / inits;
    const bIndex = r % this.budgets.length;
    r = (r - bIndex) / this.budgets.length;
    const rateIndex = r % this.rates.length;
    const l0Index = (r - rateIndex) / this.rates.length;
    const [lambdaA, lambdaB] = this.rates[rateIndex];
    const params: ModelParams = { l0: this.grid.l0[l0Index], lA, lB, B: this.budgets[bIndex], lambdaA, lambdaB };
    return { params, init: materializePoint(params, this.pointAt(lA, lB, initIndex)), initIndex };
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
    for (const lB of this.grid.lB) {
      for (const lA of this.grid.lA) {
        if (lA >= lB) break;
        const inits =
          scope === 'parameters'
            ? 1
            : scope === 'merged'
              ? (this.canonical ? 1 : 0) + this.groups.filter((gr) => !gr.perType).reduce((n, gr) => n + compositionCount(gr.units, lB), 0)
              : this.initCount(lA, lB);
        if (inits === 0) continue;
        pairs[`${lA},${lB}`] = this.grid.l0.length * perParams * inits;
        for (const v of this.grid.l0) l0[v] = (l0[v] ?? 0) + perParams * inits;
      }
    }
    return { pairs, l0 };
  }

  /** The first cell of each (lA, lB) block of one lB (the last one asked for is kept). */
  private blockStarts(lBIndex: number): number[] {
    if (this.cached?.lBIndex === lBIndex) return this.cached.starts;
    const lB = this.grid.lB[lBIndex];
    const starts: number[] = [];
    let start = this.lBStart[lBIndex];
    for (const lA of this.grid.lA) {
      if (lA >= lB) break;
      starts.push(start);
      start += this.perParams * this.initCount(lA, lB);
    }
    this.cached = { lBIndex, starts };
    return starts;
  }

  /** The initial state at `index` of a block: canonical first, then the groups in order. */
  private pointAt(lA: number, lB: number, index: number): LatticePoint {
    let k = index;
    if (this.canonical) {
      if (k === 0) return { kind: 'canonical' };
      k--;
    }
    for (const gr of this.groups) {
      const dims = gr.perType ? lA + lB : lB;
      const count = compositionCount(gr.units, dims);
      if (k < count) return { kind: gr.kind, u: unrankComposition(gr.units, dims, k) };
      k -= count;
    }
    throw new RangeError(`initial state ${index} outside its block`);
  }
}

/** The last position whose value is ≤ x in an ascending list. */
function lastAtMost(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (xs[mid] <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

const binomials = new Map<string, number>();

/** C(n, k) exactly while it is a safe integer, else Infinity. */
function binomial(n: number, k: number): number {
  const key = `${n},${k}`;
  const known = binomials.get(key);
  if (known !== undefined) return known;
  const m = Math.min(k, n - k);
  let c = 1n;
  for (let i = 1; i <= m; i++) c = (c * BigInt(n - m + i)) / BigInt(i);
  const value = c <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(c) : Number.POSITIVE_INFINITY;
  if (binomials.size < 100_000) binomials.set(key, value);
  return value;
}

/** Compositions of `total` into `parts` non-negative parts: C(total + parts − 1, parts − 1). */
export function compositionCount(total: number, parts: number): number {
  return binomial(total + parts - 1, parts - 1);
}

/**
 * The composition of rank k among those of `total` into `parts`, in
 * reversed-lexicographic order (the last coordinate ascending first, then the
 * one before it, …): the order the minimality key gives lattice points.
 */
export function unrankComposition(total: number, parts: number, k: number): number[] {
  const u = new Array<number>(parts).fill(0);
  let rest = total;
  let rank = k;
  for (let i = parts - 1; i > 0; i--) {
    for (let v = 0; v <= rest; v++) {
      const below = compositionCount(rest - v, i);
      if (rank < below) {
        u[i] = v;
        rest -= v;
        break;
      }
      rank -= below;
    }
  }
  u[0] = rest;
  return u;
}

function materializePoint(params: ModelParams, p: LatticePoint): InitialState {
  if (p.kind === 'canonical') return canonicalInitial();
  if (p.kind === 'per-type') return perTypeLatticeInitial(params, p.u.slice(0, params.lA), p.u.slice(params.lA));
  return latticeInitial(params, p.kind, p.u);
}

