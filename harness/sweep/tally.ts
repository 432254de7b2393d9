import { Rational } from '../../models/arithmetic/rational.js';
import { CASES, type Case, type Outcome } from '../../conjectures/support/outcome.js';
import type { CounterexampleJson, CoverageCounts, TallyJson, Where } from '../schema.js';
import type { StateFacts } from '../engine/cell.js';

export type { CoverageCounts, TallyJson, Where };

/**
 * Per-conjecture counters of a sweep, folded state by state as outcomes are
 * produced (memory does not grow with the grid). `merge` is associative and
 * commutative, and every "least" is by (cell, t), so any split of the work
 * gives the same tally.
 */

export const MAX_ERRORS_KEPT = 20;

/** An empty tally with an empty map per coverage dimension of the family. */
export function emptyTally(dimensions: readonly string[] = []): TallyJson {
  return {
    statesChecked: 0,
    statesFailed: 0,
    statesVacuous: 0,
    statesUndecided: 0,
    cellsChecked: 0,
    cellsFailed: 0,
    cellsVacuous: 0,
    cellsErrored: 0,
    cases: { A: 0, B: 0, C: 0, D: 0 },
    ties: 0,
    evictionDepth: {},
    smallestMargin: null,
    smallestPositiveMargin: null,
    firstFailure: null,
    coverage: Object.fromEntries(dimensions.map((d) => [d, {}])),
    errors: [],
  };
}

const emptyCoverage = (): CoverageCounts => ({ cells: 0, cellsFailed: 0, cellsVacuous: 0, statesChecked: 0, statesFailed: 0, statesVacuous: 0, statesUndecided: 0 });

const before = (a: { cell: number; t: number }, b: { cell: number; t: number }) => a.cell - b.cell || a.t - b.t;

type MarginJson = NonNullable<TallyJson['smallestMargin']>;

/** A tallied margin's value, parsed once per margin object (a tally compares against it cell after cell). */
const parsedMargins = new WeakMap<MarginJson, Rational>();
export function marginValue(m: MarginJson): Rational {
  let value = parsedMargins.get(m);
  if (!value) parsedMargins.set(m, (value = Rational.parse(m.value)));
  return value;
}

/** Whether margin a (at its cell and t) goes before b: the lesser value, or the earlier (cell, t) of equal ones. */
function goesBefore(a: MarginJson, b: { cell: number; t: number }, bValue: Rational): boolean {
  const c = marginValue(a).compare(bValue);
  return c < 0 || (c === 0 && before(a, b) <= 0);
}

/** Least margin; equal margins keep the earlier (cell, t). */
function lessMargin(a: TallyJson['smallestMargin'], b: TallyJson['smallestMargin']): TallyJson['smallestMargin'] {
  if (!a) return b;
  if (!b) return a;
  return goesBefore(a, b, marginValue(b)) ? a : b;
}

/**
 * `lessMargin(current, the margin at (where, t))`, with the candidate written out (its exact
 * value in lowest terms) only when it is the lesser: most cells' margins are not.
 */
function lessMarginAt(current: TallyJson['smallestMargin'], where: Omit<Where, 't'>, t: number, margin: Rational): TallyJson['smallestMargin'] {
  if (current && goesBefore(current, { cell: where.cell, t }, margin)) return current;
  const candidate: MarginJson = { ...where, t, value: margin.toString() };
  parsedMargins.set(candidate, margin);
  return candidate;
}

function lessFailure(a: TallyJson['firstFailure'], b: TallyJson['firstFailure']): TallyJson['firstFailure'] {
  if (!a) return b;
  if (!b) return a;
  return before(a, b) <= 0 ? a : b;
}

function addCounts(into: Record<string, number>, from: Record<string, number>): void {
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v;
}

function addCoverage(into: Record<string, CoverageCounts>, from: Record<string, CoverageCounts>): void {
  for (const [k, v] of Object.entries(from)) {
    const c = (into[k] ??= emptyCoverage());
    for (const f of Object.keys(c) as (keyof CoverageCounts)[]) c[f] = (c[f] ?? 0) + (v[f] ?? 0);
  }
}

/**
 * into := into ⊕ from (associative, commutative), in place: the running tally of a sweep absorbs every
 * batch without re-allocating its maps (which would churn the heap in
 * proportion to the grid's distinct coverage keys).
 */
export function mergeInto(into: TallyJson, from: TallyJson): TallyJson {
  for (const k of [
    'statesChecked',
    'statesFailed',
    'statesVacuous',
    'statesUndecided',
    'cellsChecked',
    'cellsFailed',
    'cellsVacuous',
    'cellsErrored',
    'ties',
  ] as const) {
    into[k] += from[k];
  }
  addCounts(into.cases, from.cases);
  addCounts(into.evictionDepth, from.evictionDepth);
  for (const [dimension, counts] of Object.entries(from.coverage)) addCoverage((into.coverage[dimension] ??= {}), counts);
  into.smallestMargin = lessMargin(into.smallestMargin, from.smallestMargin);
  into.smallestPositiveMargin = lessMargin(into.smallestPositiveMargin ?? null, from.smallestPositiveMargin ?? null);
  into.firstFailure = lessFailure(into.firstFailure, from.firstFailure);
  if (from.errors.length) into.errors = [...into.errors, ...from.errors].sort(before).slice(0, MAX_ERRORS_KEPT);
  return into;
}

/** Folds one cell's outcomes for one conjecture; `finishCell` adds them to the tally. */
export class CellFold {
  private checked = 0;
  private failed = 0;
  private vacuous = 0;
  private undecided = 0;
  private smallest: { margin: Rational; t: number } | null = null;
  private smallestPositive: { margin: Rational; t: number } | null = null;
  private failure: { t: number; outcome: Outcome<Rational> } | null = null;
  private readonly cases: Record<Case, number> = { A: 0, B: 0, C: 0, D: 0 };
  private ties = 0;
  private readonly depth: Record<string, number> = {};

  /** Whether a failing state was folded. */
  get hasFailure(): boolean {
    return this.failure !== null;
  }

  /** The least margin folded so far (exact), or null. */
  get smallestMargin(): Rational | null {
    return this.smallest?.margin ?? null;
  }
  /** The least positive margin folded so far (exact), or null. */
  get smallestPositiveMargin(): Rational | null {
    return this.smallestPositive?.margin ?? null;
  }

  add(t: number, outcome: Outcome<Rational>, facts: StateFacts): void {
    if (outcome.status === 'vacuous') {
      this.vacuous++;
      return;
    }
    this.checked++;
    if (outcome.status === 'undecided') this.undecided++;
    if (outcome.status === 'fails') {
      this.failed++;
      if (!this.failure) this.failure = { t, outcome };
    }
    if (outcome.case) this.cases[outcome.case]++;
    if (outcome.tie) this.ties++;
    if (facts.evictionDepth > 0) this.depth[facts.evictionDepth] = (this.depth[facts.evictionDepth] ?? 0) + 1;
    if (outcome.margin !== undefined && (outcome.status === 'holds' || outcome.status === 'fails')) {
      if (!this.smallest || outcome.margin.compare(this.smallest.margin) < 0) this.smallest = { margin: outcome.margin, t };
      if (outcome.margin.sign() > 0 && (!this.smallestPositive || outcome.margin.compare(this.smallestPositive.margin) < 0)) {
        this.smallestPositive = { margin: outcome.margin, t };
      }
    }
  }

  /**
   * Adds this cell to `tally`. `where` locates the cell; `counterexample` turns
   * the first failure into the contract JSON (only called when there is one; null: the
   * cell's failures are counted but its first is not the tally's to record).
   */
  finishCell(
    tally: TallyJson,
    where: Omit<Where, 't'>,
    coverageKeys: Record<string, string>,
    counterexample: ((t: number, outcome: Outcome<Rational>) => CounterexampleJson) | null,
  ): void {
    tally.statesChecked += this.checked;
    tally.statesFailed += this.failed;
    tally.statesVacuous += this.vacuous;
    tally.statesUndecided += this.undecided;
    tally.cellsChecked++;
    const cellVacuous = this.checked === 0 && this.vacuous > 0;
    if (this.failed > 0) tally.cellsFailed++;
    if (cellVacuous) tally.cellsVacuous++;
    for (const c of CASES) tally.cases[c] += this.cases[c];
    tally.ties += this.ties;
    addCounts(tally.evictionDepth, this.depth);
    for (const [dimension, key] of Object.entries(coverageKeys)) {
      const c = ((tally.coverage[dimension] ??= {})[key] ??= emptyCoverage());
      c.cells++;
      if (this.failed > 0) c.cellsFailed++;
      if (cellVacuous) c.cellsVacuous++;
      c.statesChecked += this.checked;
      c.statesFailed += this.failed;
      c.statesVacuous = (c.statesVacuous ?? 0) + this.vacuous;
      c.statesUndecided = (c.statesUndecided ?? 0) + this.undecided;
    }
    if (this.smallest) tally.smallestMargin = lessMarginAt(tally.smallestMargin, where, this.smallest.t, this.smallest.margin);
    if (this.smallestPositive) {
      tally.smallestPositiveMargin = lessMarginAt(tally.smallestPositiveMargin ?? null, where, this.smallestPositive.t, this.smallestPositive.margin);
    }
    if (this.failure && counterexample) {
      // Built only when it becomes the first failure (an earlier one is kept on ties, as in lessFailure).
      const { t, outcome } = this.failure;
      const at = { ...where, t };
      if (!tally.firstFailure || before(at, tally.firstFailure) < 0) tally.firstFailure = { ...at, counterexample: counterexample(t, outcome) };
    }
  }
}

export function recordError(tally: TallyJson, where: Where, message: string): void {
  tally.cellsErrored++;
  tally.errors = [...tally.errors, { ...where, message }].sort(before).slice(0, MAX_ERRORS_KEPT);
}
