import { Rational } from '../../models/arithmetic/rational.js';
import type { InitialStateJson } from '../../models/initial-state.js';
import type { ParamsJson } from '../../models/params.js';
import { CASES, type Case, type Outcome } from '../../conjectures/support/outcome.js';
import type { CounterexampleJson } from '../search/counterexample.js';
import type { StateFacts } from '../engine/cell.js';

/**
 * Per-conjecture counters of a sweep, folded state by state as outcomes are
 * produced (memory does not grow with the grid). `merge` is associative and
 * commutative, and every "least" is by (cell, t), so any split of the work
 * gives the same tally.
 */

export interface CoverageCounts {
  cells: number;
  cellsFailed: number;
  cellsVacuous: number;
  statesChecked: number;
  statesFailed: number;
  /** Added later than the fields above: absent in older summaries and states (read as unknown / 0). */
  statesVacuous?: number;
  statesUndecided?: number;
}

export interface Where {
  /** Index of the cell (grid) or sample (random part). */
  cell: number;
  params: ParamsJson;
  init: InitialStateJson;
  t: number;
}

export interface CellErrorJson extends Where {
  message: string;
}

export interface TallyJson {
  statesChecked: number;
  statesFailed: number;
  statesVacuous: number;
  statesUndecided: number;
  cellsChecked: number;
  cellsFailed: number;
  cellsVacuous: number;
  cellsErrored: number;
  cases: Record<Case, number>;
  ties: number;
  /** Eviction states by the highest stage the eviction reached. */
  evictionDepth: Record<string, number>;
  smallestMargin: (Where & { value: string }) | null;
  /**
   * The least margin > 0 (earliest on ties): how close the conjecture came to
   * failing where it held strictly. Kept beside smallestMargin, which is often
   * 0 at t = 0 (both models start equal) and then hides this. Absent in states
   * written before it existed (read as null).
   */
  smallestPositiveMargin?: (Where & { value: string }) | null;
  /** The least failing (cell, t), as a counterexample. */
  firstFailure: (Where & { counterexample: CounterexampleJson }) | null;
  coverage: { pairs: Record<string, CoverageCounts>; l0: Record<string, CoverageCounts> };
  /** The first errors (by cell); `cellsErrored` counts all of them. */
  errors: CellErrorJson[];
}

export const MAX_ERRORS_KEPT = 20;

export function emptyTally(): TallyJson {
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
    coverage: { pairs: {}, l0: {} },
    errors: [],
  };
}

const emptyCoverage = (): CoverageCounts => ({ cells: 0, cellsFailed: 0, cellsVacuous: 0, statesChecked: 0, statesFailed: 0, statesVacuous: 0, statesUndecided: 0 });

const before = (a: { cell: number; t: number }, b: { cell: number; t: number }) => a.cell - b.cell || a.t - b.t;

/** Least margin; equal margins keep the earlier (cell, t). */
function lessMargin(a: TallyJson['smallestMargin'], b: TallyJson['smallestMargin']): TallyJson['smallestMargin'] {
  if (!a) return b;
  if (!b) return a;
  const c = Rational.parse(a.value).compare(Rational.parse(b.value));
  return c < 0 || (c === 0 && before(a, b) <= 0) ? a : b;
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
 * proportion to the grid's distinct l0 values).
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
  addCoverage(into.coverage.pairs, from.coverage.pairs);
  addCoverage(into.coverage.l0, from.coverage.l0);
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
   * the first failure into the contract JSON (only called when there is one).
   */
  finishCell(
    tally: TallyJson,
    where: Omit<Where, 't'>,
    coverageKeys: { pair: string; l0: string },
    counterexample: (t: number, outcome: Outcome<Rational>) => CounterexampleJson,
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
    for (const [map, key] of [
      [tally.coverage.pairs, coverageKeys.pair],
      [tally.coverage.l0, coverageKeys.l0],
    ] as const) {
      const c = (map[key] ??= emptyCoverage());
      c.cells++;
      if (this.failed > 0) c.cellsFailed++;
      if (cellVacuous) c.cellsVacuous++;
      c.statesChecked += this.checked;
      c.statesFailed += this.failed;
      c.statesVacuous = (c.statesVacuous ?? 0) + this.vacuous;
      c.statesUndecided = (c.statesUndecided ?? 0) + this.undecided;
    }
    if (this.smallest) {
      tally.smallestMargin = lessMargin(tally.smallestMargin, { ...where, t: this.smallest.t, value: this.smallest.margin.toString() });
    }
    if (this.smallestPositive) {
      tally.smallestPositiveMargin = lessMargin(tally.smallestPositiveMargin ?? null, {
        ...where,
        t: this.smallestPositive.t,
        value: this.smallestPositive.margin.toString(),
      });
    }
    if (this.failure) {
      const { t, outcome } = this.failure;
      tally.firstFailure = lessFailure(tally.firstFailure, { ...where, t, counterexample: counterexample(t, outcome) });
    }
  }
}

export function recordError(tally: TallyJson, where: Where, message: string): void {
  tally.cellsErrored++;
  tally.errors = [...tally.errors, { ...where, message }].sort(before).slice(0, MAX_ERRORS_KEPT);
}
