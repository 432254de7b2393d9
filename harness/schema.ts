/**
 * The saved results, in one place: counterexamples (the output contract of
 * `check --json` and what the corpus stores), sweep tallies (`state.json`),
 * `summary.json`, counterexample records and gate results. Reporters import
 * their types from here and nothing else from the harness. Every type is
 * plain JSON: parameters and initial states are in their family's JSON form.
 */
import type { CoverageDimension, FamilyPage, JsonValue } from '../models/family.js';
import type { Case } from '../conjectures/support/outcome.js';
import type { TieRule } from '../conjectures/support/tie-rule.js';
import type { FeatureBoundaryJson, RegionsJson } from './regions/types.js';

export type { CoverageDimension, JsonValue, FamilyPage };

export type ParamsJson = Record<string, JsonValue>;
export type InitJson = JsonValue;

export type WitnessJson = Record<string, string | string[] | string[][] | number | number[]>;

/** The counterexample JSON of the output contract (also what the corpus stores). */
export interface CounterexampleJson {
  conjecture: string;
  options: { tie: TieRule };
  params: ParamsJson;
  init: InitJson;
  t: number;
  margin?: string;
  witness: WitnessJson;
  case?: Case;
  tie?: boolean;
  note?: string;
  locallyMinimal: boolean;
  /** `check` only: every candidate below it in the minimality order (within its bounds, up to declared invariances) was decided and holds. */
  certifiedMinimal?: boolean;
  replay: string;
}

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
  init: InitJson;
  t: number;
}

export interface CellErrorJson extends Where {
  message: string;
}

/** Per-conjecture counters of a sweep (state.json). */
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
  /** States by the family-defined depth of what happened there (e.g. the highest stage an eviction reached). */
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
  /** Per coverage dimension of the family (e.g. a pair of parameters), per key. */
  coverage: Record<string, Record<string, CoverageCounts>>;
  /** The first errors (by cell); `cellsErrored` counts all of them. */
  errors: CellErrorJson[];
}

/** A sweep configuration as JSON: what summaries record and hashes cover. */
export interface SweepConfigJson {
  name: string;
  /** The model family, when not the default one. */
  family?: string;
  conjectures: string[];
  /** The family's grid vocabulary, then `steps` and `exhaustive`. */
  grid: Record<string, JsonValue> & { steps: number; exhaustive: boolean };
  random: { runs: number; seed: number; maxDenominator: number };
  arithmetic: 'exact';
  tie: TieRule;
  maxVacuousShare: number;
  /** Conditions over the family's features (a conjunction); cells failing it are skipped (see harness/regions). Absent when none. */
  where?: string[];
}

/** `refuted`: a failure found; `verified`: the whole declared grid checked exactly, none failed;
 *  `sampled`: random runs only, none failed; `inconclusive`: anything less. */
export type SweepStatus = 'refuted' | 'verified' | 'sampled' | 'inconclusive';

/** The grid's counts, as tallied. */
type GridCounts = Pick<
  TallyJson,
  'statesChecked' | 'statesFailed' | 'statesVacuous' | 'statesUndecided' | 'cellsChecked' | 'cellsFailed' | 'cellsVacuous' | 'cellsErrored'
>;

export interface ConjectureSummary extends GridCounts {
  status: SweepStatus;
  /** Why a conjecture is inconclusive. */
  reason?: string;
  scope: string;
  family: string;
  /** Cases A–D (conjectures naming m and n), else null. */
  cases: Record<Case, number> | null;
  /** States with tied argmax/argmin (conjectures naming m or n), else null. */
  ties: number | null;
  smallestMargin: { value: string; where: Where } | null;
  /** The least margin > 0 over checked states, and where (null when no margin was > 0). */
  smallestPositiveMargin: { value: string; where: Where } | null;
  minimal: CounterexampleJson | null;
  /** Where the minimal counterexample came from. */
  minimalSource: 'grid' | 'random' | null;
  /** The least failing grid cell (what any exact implementation of the grid finds), or null. */
  gridMinimal: CounterexampleJson | null;
  /** Every smaller case inside the grid was checked and held. */
  certifiedMinimal: boolean;
  evictionDepth: Record<string, number>;
  coverage: Record<string, Record<string, CoverageCounts>>;
  /** Grid cells this conjecture evaluates, per coverage dimension and key (to tell "not reached" apart). */
  expected: Record<string, Record<string, number>>;
  errors: CellErrorJson[];
  /** The random part, counted apart so grid counts stay exact and reproducible. */
  random: Omit<TallyJson, 'smallestMargin' | 'smallestPositiveMargin' | 'firstFailure' | 'coverage' | 'evictionDepth' | 'cases' | 'ties' | 'errors'>;
  /** Refuted conjectures: region maps and boundary tables from the per-cell outcomes (see harness/regions). */
  regions?: RegionsJson;
}

export interface CorpusReport {
  dir: string;
  replayed: number;
  stillFailing: number;
  /** Stored counterexamples that no longer fail (a model or conjecture changed). */
  noLongerFailing: string[];
  /** Stored entries that are not valid counterexamples ("path: reason"), skipped. */
  invalid?: string[];
  added: number;
}

export interface SweepSummary {
  schemaVersion: number;
  name: string;
  configHash: string;
  config: SweepConfigJson;
  seed: number;
  arithmetic: 'exact';
  tie: TieRule;
  /** The shard this run covered, or null for a whole (or merged) sweep. */
  shard: { index: number; count: number } | null;
  /** Every cell and sample of the sweep was evaluated. */
  complete: boolean;
  /** Why a run ended early. */
  stopped: 'interrupted' | 'time budget' | null;
  grid: { cells: number; cellsDone: number; exhaustive: boolean };
  random: { runs: number; samplesDone: number };
  corpus: CorpusReport | null;
  timing: { startedAt: string; wallSeconds: number; statesSimulated: number; statesPerSecond: number };
  /** How the verdicts were decided (absent in summaries written before the deciding policy). */
  deciding?: DecidingFigures;
  conjectures: Record<string, ConjectureSummary>;
  /** When a conjecture is refuted: where each exact boolean feature (e.g. A stable) is false along the boundary parameters. */
  featureBoundaries?: FeatureBoundaryJson[];
}

export const RECORD_SCHEMA_VERSION = 2;

/** Everything a counterexample page shows, computed once exactly by the conjecture's family and saved. */
export interface CounterexampleRecord {
  schemaVersion: number;
  counterexample: CounterexampleJson;
  conjecture: { id: string; statement: string; source: string; margin: string; scope: string; family: string; names: string[] };
  page: FamilyPage;
}

/** A claim's result in a gate run. */
export interface ClaimResult {
  name: string;
  slug: string;
  conjecture: string;
  expect: 'holds' | 'refuted' | 'open';
  /** What the sweep of the claim's domain found. */
  status: SweepStatus;
  /** Whether the expectation is met (an `open` claim always is). */
  met: boolean;
  /** One sentence: why it passes or fails. */
  verdict: string;
  minimal: CounterexampleJson | null;
  vacuousShare: number;
  summary: ConjectureSummary;
  /** Where the claim's sweep and reports are. */
  dir: string;
  complete: boolean;
}

/** What a gate run found, as every gate reporter reads it. */
export interface GateReport {
  passed: boolean;
  results: ClaimResult[];
  corpus: CorpusReport | null;
  seconds: number;
}

/** How verdicts were decided: `filtered` screens with certified enclosures and falls back to the exact path; `exact` uses the exact path only. */
export type DecidingPath = 'filtered' | 'exact';

/**
 * Figures of the deciding policy (see harness/engine/deciding.ts). Cells counted are those
 * with at least one conjecture the screening may decide; the others are decided exactly.
 */
export interface DecidingFigures {
  /** `mixed` when a resumed or merged sweep ran on both paths. */
  path: DecidingPath | 'mixed';
  /** Trajectories shorter than this were decided exactly without screening (absent: every length was screened). */
  screenFromSteps?: number;
  /** The same for conjectures a family's screening kernel decides (absent: screenFromSteps). */
  kernelFromSteps?: number;
  /** Cells (at least screenFromSteps long) with a conjecture the screening may decide. */
  cells: number;
  /** Of those, cells whose screened conjectures were all decided by the screening. */
  cellsScreened: number;
  /**
   * The other cells, by the first reason one of their states or runs needed the exact path: a
   * model step the screening could not take even from its exact run (`branch`: every run
   * continues exactly from there), an exact tie the enclosures could not show (`tie`), a bound
   * too wide (`bound`) or another error (`error`, e.g. a division by an exact 0) in a predicate
   * (that state is decided on its exact view; a trajectory statement again whole), or a witness
   * or possibly-smallest margin whose exact value is reported (`exactValues`).
   */
  fallbacks: { tie: number; branch: number; bound: number; error: number; exactValues: number };
  /** Outcomes delivered from the screening, and from the exact path. */
  verdicts: { screened: number; exact: number };
}
