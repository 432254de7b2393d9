import fc from 'fast-check';
import { exactArithmetic } from '../../models/arithmetic/exact.js';
import type { Rational } from '../../models/arithmetic/rational.js';
import { initialStateToJson } from '../../models/theory-simulation/initial-state.js';
import { paramsToJson } from '../../models/theory-simulation/params.js';
import type { Registry } from '../../conjectures/registry.js';
import type { Outcome } from '../../conjectures/support/outcome.js';
import type { Conjecture, ConjectureOptions } from '../../conjectures/types.js';
import { evaluateCell } from '../engine/cell.js';
import type { InitKind, SearchBounds } from '../../models/theory-simulation/bounds.js';
import type { Candidate } from '../../models/theory-simulation/order.js';
import { counterexampleJson } from '../search/counterexample.js';
import { ContextCache } from '../search/evaluate.js';
import { SearchSpace } from '../../models/theory-simulation/search-space.js';
import type { SweepConfig } from './config.js';
import { Grid, type Batch } from '../../models/theory-simulation/grid.js';
import { CellFold, emptyTally, recordError, type TallyJson } from './tally.js';

export interface BatchResult {
  readonly batchId: number;
  /** Per conjecture id. */
  readonly tallies: Record<string, TallyJson>;
  readonly cells: number;
  /** Coupled states simulated (for throughput figures). */
  readonly states: number;
}

/** The space random samples are drawn from: the grid's bounding box, with finer rationals. */
export function randomBounds(config: SweepConfig): SearchBounds {
  const g = config.grid;
  const span = (xs: number[]) => ({ min: Math.min(...xs), max: Math.max(...xs) });
  const rspan = (xs: Rational[]) => ({
    min: xs.reduce((a, b) => (b.compare(a) < 0 ? b : a)),
    max: xs.reduce((a, b) => (b.compare(a) > 0 ? b : a)),
    maxDenominator: config.random.maxDenominator,
  });
  return {
    l0: span(g.l0),
    lA: span(g.lA),
    lB: span(g.lB),
    B: rspan(g.B),
    lambdaA: rspan(g.lambdaA),
    lambdaB: rspan(g.lambdaB),
    inits: randomInitKinds(config),
    latticeMax: Math.max(1, ...g.init.map((s) => ('units' in s ? s.units : 1))),
  };
}

function randomInitKinds(config: SweepConfig): InitKind[] {
  const kinds = new Set<InitKind>();
  for (const s of config.grid.init) {
    if (s.kind === 'canonical') kinds.add('canonical');
    else if (s.kind === 'lattice') kinds.add(s.balanced ? 'balanced' : 'unbalanced');
    else kinds.add('per-type');
  }
  return (['canonical', 'balanced', 'unbalanced', 'per-type'] as const).filter((k) => kinds.has(k));
}

/** Seed of random sample i: independent of how samples are batched or sharded. */
export const sampleSeed = (seed: number, i: number) => (Math.imul(seed, 0x9e3779b1) + Math.imul(i + 1, 0x85ebca77)) | 0;

/**
 * Evaluates batches of cells or samples exactly, every conjecture of the sweep
 * on each (one model run per family), folding outcomes into tallies.
 * Pure apart from its caches: the same batch always gives the same result.
 */
export class BatchEvaluator {
  readonly grid: Grid;
  private readonly conjectures: Conjecture[];
  private readonly options: ConjectureOptions;
  private readonly contexts = new ContextCache(exactArithmetic);
  private readonly randomSpace: SearchSpace;

  constructor(
    readonly config: SweepConfig,
    registry: Registry,
  ) {
    this.grid = new Grid(config);
    this.conjectures = config.conjectures.map((id) => registry.get(id));
    this.options = { tie: config.tie };
    const bounds = randomBounds(config);
    this.randomSpace = new SearchSpace(bounds, bounds.inits);
  }

  /** Random sample i of the sweep. */
  sample(i: number): Candidate {
    return fc.sample(this.randomSpace.arbitrary(), { seed: sampleSeed(this.config.random.seed, i), numRuns: 1 })[0];
  }

  run(batch: Batch): BatchResult {
    const tallies: Record<string, TallyJson> = Object.fromEntries(this.conjectures.map((c) => [c.id, emptyTally()]));
    let states = 0;
    for (let i = batch.start; i < batch.end; i++) {
      const cell = batch.kind === 'grid' ? this.grid.cellAt(i) : { index: i, ...this.sample(i), initIndex: 0 };
      states += this.evaluate(cell, tallies);
    }
    return { batchId: batch.id, tallies, cells: batch.end - batch.start, states };
  }

  /** Records that a cell could not be evaluated at all (its worker crashed). */
  crashed(batch: Batch, index: number, message: string): BatchResult {
    const tallies: Record<string, TallyJson> = Object.fromEntries(this.conjectures.map((c) => [c.id, emptyTally()]));
    const cell = batch.kind === 'grid' ? this.grid.cellAt(index) : { index, ...this.sample(index), initIndex: 0 };
    for (const c of this.applicable(cell)) {
      recordError(tallies[c.id], { cell: index, params: paramsToJson(cell.params), init: initialStateToJson(cell.init), t: 0 }, message);
    }
    return { batchId: batch.id, tallies, cells: 1, states: 0 };
  }

  /** Conjectures evaluated on a cell: parameter statements once per parameter set, per-type starts only for per-type models. */
  private applicable(cell: Candidate & { initIndex: number }): Conjecture[] {
    return this.conjectures.filter((c) => {
      if (c.scope === 'parameters') return cell.initIndex === 0;
      return c.family === 'theory-simulation-per-type' || cell.init.kind !== 'per-type';
    });
  }

  private evaluate(cell: Candidate & { index: number; initIndex: number }, tallies: Record<string, TallyJson>): number {
    const conjectures = this.applicable(cell);
    if (conjectures.length === 0) return 0;
    const folds = conjectures.map(() => new CellFold());
    const failed = new Map<number, { t: number; message: string }>();
    const steps = this.config.grid.steps;
    evaluateCell(
      this.contexts.get(cell.params),
      conjectures.map((conjecture) => ({ conjecture, options: this.options })),
      { params: cell.params, init: cell.init, steps },
      (i, t, outcome, facts) => folds[i].add(t, outcome as Outcome<Rational>, facts),
      (i, t, error) => failed.set(i, { t, message: error instanceof Error ? error.message : String(error) }),
    );
    const where = { cell: cell.index, params: paramsToJson(cell.params), init: initialStateToJson(cell.init) };
    const keys = { pair: `${cell.params.lA},${cell.params.lB}`, l0: String(cell.params.l0) };
    conjectures.forEach((c, i) => {
      const error = failed.get(i);
      if (error) {
        recordError(tallies[c.id], { ...where, t: error.t }, error.message);
        return;
      }
      folds[i].finishCell(tallies[c.id], where, keys, (t, outcome) =>
        counterexampleJson(exactArithmetic, c.id, this.options, cell, t, outcome, false),
      );
    });
    return steps + 1;
  }
}
