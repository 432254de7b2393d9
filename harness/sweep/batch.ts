import fc from 'fast-check';
import { exactArithmetic } from '../../models/arithmetic/exact.js';
import { leanExactArithmetic } from '../../models/arithmetic/lean.js';
import { Rational } from '../../models/arithmetic/rational.js';
import { Interval, intervalArithmetic } from '../../models/arithmetic/interval.js';
import { DecidingPolicy, SCREEN_FROM_STEPS, type DecidingFigures, type DecidingPath } from '../engine/deciding.js';
import type { Candidate, FamilyGrid, FamilySpace, ModelFamily } from '../../models/family.js';
import type { Registry } from '../../conjectures/registry.js';
import type { Outcome } from '../../conjectures/support/outcome.js';
import type { Conjecture, ConjectureOptions } from '../../conjectures/types.js';
import { counterexampleJson } from '../search/counterexample.js';
import { ContextCache } from '../search/evaluate.js';
import type { Batch } from './batches.js';
import type { SweepConfig } from './config.js';
import { CellFold, emptyTally, marginValue, recordError, type TallyJson } from './tally.js';
import { FeatureEvaluator, type Condition } from '../regions/features.js';
import { foldStatus, OUTCOME } from '../regions/outcomes.js';

export interface BatchResult {
  readonly batchId: number;
  /** Per conjecture id. */
  readonly tallies: Record<string, TallyJson>;
  readonly cells: number;
  /** Coupled states simulated (for throughput figures). */
  readonly states: number;
  /** Grid batches: one outcome code per cell and conjecture (cell-major, the config's conjecture order; see harness/regions/outcomes.ts). */
  readonly outcomes?: Uint8Array;
  /** How the batch's verdicts were decided (screened, or on the exact path and why). */
  readonly deciding?: DecidingFigures;
}

/** The bounds random samples are drawn from: the grid's bounding box, with finer rationals. */
export function randomBounds(config: SweepConfig): unknown {
  const { steps: _s, exhaustive: _e, ...vocabulary } = config.grid;
  return config.family.grid.randomBounds(vocabulary, config.random.maxDenominator);
}

/** The family's grid of a sweep config (counted up to `cap`, see FamilyGridSpec.enumerate). */
export function sweepGrid(config: SweepConfig, cap?: number): FamilyGrid<unknown, unknown> {
  const { steps: _s, exhaustive, ...vocabulary } = config.grid;
  if (!exhaustive) return { size: 0, cellAt: () => { throw new RangeError('a random-only sweep has no grid cells'); }, expectedCells: () => ({}) };
  return config.family.grid.enumerate(vocabulary, cap);
}

/** Seed of random sample i: independent of how samples are batched or sharded. */
export const sampleSeed = (seed: number, i: number) => (Math.imul(seed, 0x9e3779b1) + Math.imul(i + 1, 0x85ebca77)) | 0;

/**
 * Evaluates batches of cells or samples exactly, every conjecture of the sweep
 * on each (one model run per family), folding outcomes into tallies.
 * Pure apart from its caches and what it learnt from its earlier batches (`known`): the same
 * batch always gives the same counts and statuses, and the sweep the same summary; what a
 * batch decides again exactly only for its values (and so the margins and first failure its
 * own tally records) can depend on the batches this evaluator ran before.
 */
export class BatchEvaluator {
  readonly grid: FamilyGrid<unknown, unknown>;
  private readonly conjectures: Conjecture[];
  private readonly families: Map<Conjecture, ModelFamily>;
  private readonly options: ConjectureOptions;
  private readonly contexts: ContextCache<Rational>;
  private readonly randomSpace: FamilySpace<unknown, unknown> | null;
  private readonly dimensions: string[];
  private readonly condition: Condition;
  private readonly features: FeatureEvaluator | null;
  private readonly position: Map<Conjecture, number>;

  private readonly screenContexts: ContextCache<Interval>;
  private readonly marginBounds = new WeakMap<object, number>();
  /** Per part of the sweep, what its batches run here so far recorded (see KnownMargins). */
  private readonly known = { grid: new KnownMargins(), random: new KnownMargins() };

  constructor(
    readonly config: SweepConfig,
    registry: Registry,
    /** `filtered`: certified screening with exact fallback; `exact`: the exact path only. Results are the same. */
    readonly path: DecidingPath = 'filtered',
    /** Cells with fewer steps are decided exactly without screening (tests lower it to exercise the screening). */
    private readonly screenFromSteps = SCREEN_FROM_STEPS,
  ) {
    this.grid = sweepGrid(config);
    this.conjectures = config.conjectures.map((id) => registry.get(id));
    this.families = new Map(this.conjectures.map((c) => [c, registry.familyOf(c)]));
    this.options = { tie: config.tie };
    this.dimensions = config.family.coverage.dimensions.map((d) => d.id);
    this.contexts = new ContextCache(leanExactArithmetic, config.family);
    this.screenContexts = new ContextCache(intervalArithmetic, config.family);
    this.randomSpace = config.random.runs > 0 ? config.family.search.space(randomBounds(config), null) : null;
    this.condition = config.where ?? [];
    this.features = this.condition.length ? new FeatureEvaluator(config.family, (p) => this.contexts.get(p)) : null;
    this.position = new Map(this.conjectures.map((c, k) => [c, k]));
  }

  /** Random sample i of the sweep. */
  sample(i: number): Candidate {
    return fc.sample(this.randomSpace!.arbitrary(), { seed: sampleSeed(this.config.random.seed, i), numRuns: 1 })[0];
  }

  run(batch: Batch): BatchResult {
    const tallies: Record<string, TallyJson> = Object.fromEntries(this.conjectures.map((c) => [c.id, emptyTally(this.dimensions)]));
    let states = 0;
    const n = this.conjectures.length;
    const outcomes = batch.kind === 'grid' ? new Uint8Array((batch.end - batch.start) * n).fill(OUTCOME.skipped) : null;
    const policy = new DecidingPolicy(this.path, this.screenFromSteps);
    const known = this.known[batch.kind];
    for (let i = batch.start; i < batch.end; i++) {
      const cell = batch.kind === 'grid' ? { index: i, ...this.grid.cellAt(i) } : { index: i, ...this.sample(i), initIndex: 0 };
      states += this.evaluate(cell, tallies, outcomes ? outcomes.subarray((i - batch.start) * n, (i - batch.start + 1) * n) : null, policy, known);
    }
    known.learn(tallies);
    return { batchId: batch.id, tallies, cells: batch.end - batch.start, states, ...(outcomes ? { outcomes } : {}), deciding: policy.figures };
  }

  /** Records that a cell could not be evaluated at all (its worker crashed). */
  crashed(batch: Batch, index: number, message: string): BatchResult {
    const tallies: Record<string, TallyJson> = Object.fromEntries(this.conjectures.map((c) => [c.id, emptyTally(this.dimensions)]));
    const cell = batch.kind === 'grid' ? this.grid.cellAt(index) : { ...this.sample(index), initIndex: 0 };
    const outcomes = batch.kind === 'grid' ? new Uint8Array(this.conjectures.length).fill(OUTCOME.skipped) : null;
    for (const c of this.applicable(cell)) {
      recordError(tallies[c.id], { ...this.where(index, cell), t: 0 }, message);
      if (outcomes) outcomes[this.position.get(c)!] = OUTCOME.errored;
    }
    return { batchId: batch.id, tallies, cells: 1, states: 0, ...(outcomes ? { outcomes } : {}) };
  }

  /**
   * Whether a screened outcome must be decided exactly for this batch's tally: the batch's
   * first failure (its counterexample is printed) unless an earlier cell of the sweep is known
   * to fail, or a margin that is not certainly at least the smallest (or smallest positive)
   * margin already known exactly, in the tally of the batch's earlier cells or in this cell's
   * fold of its earlier states, nor certainly above one an earlier batch recorded. Later states
   * of a batch never displace an equal margin (the earlier cell and t are kept), so "certainly ≥"
   * suffices there; another batch's cells may come earlier, so its margins must be exceeded.
   */
  private needsExact(id: string, tally: TallyJson, fold: CellFold, outcome: Outcome<unknown>, known: KnownMargins, cell: number): boolean {
    if (outcome.status === 'fails' && tally.firstFailure === null && !fold.hasFailure && !known.failsBefore(id, cell)) return true;
    if (!(outcome.margin instanceof Interval) || (outcome.status !== 'holds' && outcome.status !== 'fails')) return false;
    const margin = outcome.margin.plain;
    const earlier = known.of(id);
    if (!this.certainlyAtLeast(margin, tally.smallestMargin, fold.smallestMargin) && !this.certainlyAbove(margin, earlier?.smallest ?? null)) return true;
    if (margin.hi <= 0) return false; // never a positive margin
    if (margin.lo <= 0) return true;
    return !this.certainlyAtLeast(margin, tally.smallestPositiveMargin ?? null, fold.smallestPositiveMargin) && !this.certainlyAbove(margin, earlier?.smallestPositive ?? null);
  }

  /** Whether the margin is certainly above an exact one (false without one). */
  private certainlyAbove(margin: { lo: number }, exact: Rational | null): boolean {
    return exact !== null && margin.lo > this.upperBound(exact);
  }

  /** Whether the margin is certainly at least one of the two exact margins (then at least the lesser). */
  private certainlyAtLeast(margin: Interval, tallied: TallyJson['smallestMargin'], folded: Rational | null): boolean {
    if (tallied !== null && margin.lo >= this.upperBound(tallied)) return true;
    return folded !== null && margin.lo >= this.upperBound(folded);
  }

  /**
   * An upper bound of an exact margin, tallied (its value in lowest terms) or folded (as the fold
   * holds it), kept by the object: the tally and the fold compare against it cell after cell.
   */
  private upperBound(margin: NonNullable<TallyJson['smallestMargin']> | Rational): number {
    let bound = this.marginBounds.get(margin);
    if (bound === undefined) {
      bound = intervalArithmetic.fromRational(margin instanceof Rational ? margin : marginValue(margin)).plain.hi;
      this.marginBounds.set(margin, bound);
    }
    return bound;
  }

  /** Conjectures evaluated on a cell: parameter statements once per parameter set, the others where their family's models run. */
  private applicable(cell: Candidate & { initIndex: number }): Conjecture[] {
    if (this.features && !this.features.matches(this.condition, cell.params, cell.init)) return [];
    return this.conjectures.filter((c) => (c.scope === 'parameters' ? cell.initIndex === 0 : this.families.get(c)!.accepts(cell.init)));
  }

  private where(index: number, cell: Candidate) {
    const family = this.config.family;
    return { cell: index, params: family.paramsToJson(cell.params), init: family.initToJson(cell.init) };
  }

  private evaluate(
    cell: Candidate & { index: number; initIndex: number },
    tallies: Record<string, TallyJson>,
    outcomes: Uint8Array | null,
    policy: DecidingPolicy,
    known: KnownMargins,
  ): number {
    const conjectures = this.applicable(cell);
    if (conjectures.length === 0) return 0;
    const folds = conjectures.map(() => new CellFold());
    const codes = conjectures.map(() => 0);
    const failed = new Map<number, { t: number; message: string }>();
    const steps = this.config.grid.steps;
    policy.decide({
      runs: conjectures.map((conjecture) => ({ conjecture, options: this.options })),
      cell: { params: cell.params, init: cell.init, steps },
      exactContext: () => this.contexts.get(cell.params),
      screenContext: () => this.screenContexts.get(cell.params),
      families: (c) => this.families.get(c)!,
      sink: (i, t, outcome, facts) => {
        folds[i].add(t, outcome as Outcome<Rational>, facts);
        codes[i] = foldStatus(codes[i], outcome.status);
      },
      onError: (i, t, error) => failed.set(i, { t, message: error instanceof Error ? error.message : String(error) }),
      needsExact: (i, _t, outcome) => this.needsExact(conjectures[i].id, tallies[conjectures[i].id], folds[i], outcome, known, cell.index),
    });
    const where = this.where(cell.index, cell);
    const keys = this.config.family.coverage.keys(cell.params);
    conjectures.forEach((c, i) => {
      const error = failed.get(i);
      if (outcomes) outcomes[this.position.get(c)!] = error ? OUTCOME.errored : codes[i] || OUTCOME.vacuous;
      if (error) {
        recordError(tallies[c.id], { ...where, t: error.t }, error.message);
        return;
      }
      // A failure after one an earlier batch recorded was not decided again for its values: it is
      // not this batch's to record (the earlier one comes first in the sweep).
      const failure = known.failsBefore(c.id, cell.index)
        ? null
        : (t: number, outcome: Outcome<Rational>) => counterexampleJson(exactArithmetic, this.families.get(c)!, c.id, this.options, cell, t, outcome, false);
      folds[i].finishCell(tallies[c.id], where, keys, failure);
    });
    return steps + 1;
  }
}

/** What the batches of one part of a sweep (grid or random) recorded, per conjecture. */
interface Recorded {
  /** The least exact margin, and the least positive one. */
  smallest: Rational | null;
  smallestPositive: Rational | null;
  /** The earliest failing cell. */
  failingCell: number | null;
}

/**
 * What an evaluator's earlier batches of one part of the sweep recorded: the least exact margin,
 * the least positive one and the earliest failing cell, per conjecture. The sweep's least margin
 * is at most any of them, so a state certainly above one is neither it nor tied with it (a tie
 * would keep the earlier cell, which may be this one); and the sweep's first failure comes no
 * later than a recorded one, so a failure after it needs no counterexample. Neither is decided
 * again exactly for its values. Each batch's counts and statuses stay the same; the sweep's
 * margins and first failures too, as the batches that recorded these are part of it (a batch
 * result lost to an interruption is run again, from a fresh evaluator, on resume).
 */
export class KnownMargins {
  private readonly recorded = new Map<string, Recorded>();

  of(id: string): Recorded | null {
    return this.recorded.get(id) ?? null;
  }

  /** Whether a cell before `cell` is known to fail. */
  failsBefore(id: string, cell: number): boolean {
    const failing = this.recorded.get(id)?.failingCell;
    return failing !== undefined && failing !== null && failing < cell;
  }

  /** Takes in what a finished batch's tallies recorded. */
  learn(tallies: Record<string, TallyJson>): void {
    for (const [id, tally] of Object.entries(tallies)) {
      const known = this.recorded.get(id) ?? { smallest: null, smallestPositive: null, failingCell: null };
      known.smallest = least(known.smallest, tally.smallestMargin);
      known.smallestPositive = least(known.smallestPositive, tally.smallestPositiveMargin ?? null);
      const cell = tally.firstFailure?.cell;
      if (cell !== undefined && (known.failingCell === null || cell < known.failingCell)) known.failingCell = cell;
      this.recorded.set(id, known);
    }
  }
}

const least = (known: Rational | null, margin: TallyJson['smallestMargin']): Rational | null => {
  if (margin === null) return known;
  const value = marginValue(margin);
  return known === null || value.compare(known) < 0 ? value : known;
};
