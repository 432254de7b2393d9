import { exactArithmetic } from '../../models/arithmetic/exact.js';
import { leanExactArithmetic } from '../../models/arithmetic/lean.js';
import type { Candidate, ModelFamily } from '../../models/family.js';
import type { Registry } from '../../conjectures/registry.js';
import type { Conjecture } from '../../conjectures/types.js';
import { minimize, type Found } from '../search/check.js';
import { counterexampleJson, type CounterexampleJson } from '../search/counterexample.js';
import { CandidateEvaluator } from '../search/evaluate.js';
import type { ConjectureSummary, CorpusReport, SweepStatus, SweepSummary } from '../schema.js';
import { randomBounds, sweepGrid } from './batch.js';
import { BATCH_SIZE } from './batches.js';
import { configFromJson, type SweepConfig } from './config.js';
import { allDone, batchCount, type SweepState } from './state.js';
import { FeatureEvaluator } from '../regions/features.js';

export type { ConjectureSummary, CorpusReport, SweepStatus, SweepSummary };

export const SUMMARY_FILE = 'summary.json';
export const SUMMARY_SCHEMA_VERSION = 1;

export interface FinalizeOptions {
  registry: Registry;
  stopped: SweepSummary['stopped'];
  startedAt: string;
  /** Deadline for shrinking random counterexamples. */
  outOfTime: () => boolean;
  /**
   * How to finish an incomplete run, in its inconclusive reasons (default
   * "resume with --resume"); the gate, which has no --resume, says how to
   * give a claim more time instead.
   */
  resumeAdvice?: { interrupted: string; timeBudget: string };
}

export const SWEEP_RESUME_ADVICE = { interrupted: 'resume with --resume', timeBudget: 'resume with --resume' } as const;

/** Turns raw tallies into the summary. Deterministic given the state (shrinking aside, if cut by time). */
export function finalize(state: SweepState, o: FinalizeOptions): SweepSummary {
  const config = configFromJson(state.config, o.registry);
  const gridBatches = Math.ceil(state.gridCells / BATCH_SIZE);
  const total = batchCount(state);
  const gridComplete = allDone(state.done, 0, gridBatches - 1);
  const randomComplete = allDone(state.done, gridBatches, total - 1);
  const cellsDone = itemsDone(state.done, 0, gridBatches, state.gridCells);
  const samplesDone = itemsDone(state.done, gridBatches, total, state.randomRuns);
  const whole = state.shards.length === state.shardCount;
  const advice = o.resumeAdvice ?? SWEEP_RESUME_ADVICE;
  const incomplete =
    o.stopped === 'interrupted'
      ? `interrupted before every cell was checked (${advice.interrupted})`
      : o.stopped === 'time budget'
        ? `the time budget ran out before every cell was checked (${advice.timeBudget})`
        : !whole
          ? `this covers shard ${state.shards.join('+')} of ${state.shardCount}: merge the shards for a verdict`
          : `not every cell was checked (${advice.interrupted})`;
  const conjectures: Record<string, ConjectureSummary> = {};
  const grid = sweepGrid(config);
  for (const id of config.conjectures) {
    const conjecture = o.registry.get(id);
    const family = o.registry.familyOf(conjecture);
    const summary = summarize(conjecture, family, config, state, { gridComplete, randomComplete, gridBatches, incomplete }, o.outOfTime);
    const expected = grid.expectedCells(conjecture);
    conjectures[id] = { ...summary, coverage: inGridOrder(summary.coverage, expected), expected };
  }
  return {
    schemaVersion: SUMMARY_SCHEMA_VERSION,
    name: config.name,
    configHash: state.configHash,
    config: state.config,
    seed: config.random.seed,
    arithmetic: 'exact',
    tie: config.tie,
    shard: whole ? null : { index: state.shards[0], count: state.shardCount },
    complete: gridComplete && randomComplete,
    stopped: o.stopped,
    grid: { cells: state.gridCells, cellsDone, exhaustive: config.grid.exhaustive },
    random: { runs: state.randomRuns, samplesDone },
    corpus: null,
    timing: {
      startedAt: o.startedAt,
      wallSeconds: state.elapsedMs / 1000,
      statesSimulated: state.statesSimulated,
      statesPerSecond: state.elapsedMs > 0 ? Math.round(state.statesSimulated / (state.elapsedMs / 1000)) : 0,
    },
    ...(state.deciding ? { deciding: state.deciding } : {}),
    conjectures,
  };
}

/** Items (cells or samples) in the done batches with ids in [first, end); batch first holds item 0. */
function itemsDone(done: [number, number][], first: number, end: number, items: number): number {
  let n = 0;
  for (const [a, b] of done) {
    const lo = Math.max(a, first);
    const hi = Math.min(b, end - 1);
    if (hi >= lo) n += Math.min((hi - first + 1) * BATCH_SIZE, items) - (lo - first) * BATCH_SIZE;
  }
  return n;
}

/**
 * Coverage keys in the grid's order (then any other key, sorted): tallies merged from batches
 * add keys in the order batches finish, so without this the same sweep on another number of
 * workers wrote the same counts in another order.
 */
function inGridOrder<T>(coverage: Record<string, Record<string, T>>, expected: Record<string, Record<string, number>>): Record<string, Record<string, T>> {
  return Object.fromEntries(
    Object.entries(coverage).map(([dimension, byKey]) => {
      const order = Object.keys(expected[dimension] ?? {});
      const known = new Set(order);
      const keys = [...order.filter((k) => k in byKey), ...Object.keys(byKey).filter((k) => !known.has(k)).sort()];
      return [dimension, Object.fromEntries(keys.map((k) => [k, byKey[k]]))];
    }),
  );
}

function summarize(
  conjecture: Conjecture,
  family: ModelFamily,
  config: SweepConfig,
  state: SweepState,
  progress: { gridComplete: boolean; randomComplete: boolean; gridBatches: number; incomplete: string },
  outOfTime: () => boolean,
): Omit<ConjectureSummary, 'expected'> {
  const g = state.grid[conjecture.id];
  const r = state.random[conjecture.id];
  const names = new Set(conjecture.names);

  // The least failure: the grid's first, or the random one shrunk, whichever is smaller.
  let minimal: CounterexampleJson | null = g.firstFailure?.counterexample ?? null;
  let minimalSource: ConjectureSummary['minimalSource'] = minimal ? 'grid' : null;
  if (r.firstFailure) {
    const shrunk = shrinkRandom(conjecture, family, config, r.firstFailure.counterexample, outOfTime);
    if (!minimal || compareWithTime(family, shrunk, minimal) < 0) {
      minimal = shrunk;
      minimalSource = 'random';
    }
  }
  const certifiedMinimal =
    minimalSource === 'grid' &&
    allDone(state.done, 0, Math.floor(g.firstFailure!.cell / BATCH_SIZE)) &&
    !(g.errors.length > 0 && g.errors[0].cell <= g.firstFailure!.cell);
  const gridMinimal = g.firstFailure ? { ...g.firstFailure.counterexample, locallyMinimal: certifiedMinimal } : null;
  if (minimal && minimalSource === 'grid') minimal = gridMinimal;

  const failed = g.statesFailed + r.statesFailed;
  const vacuous = g.statesVacuous + r.statesVacuous;
  const checked = g.statesChecked + r.statesChecked;
  const { status, reason } = decideStatus({
    failed,
    checked,
    vacuousShare: vacuous / Math.max(1, checked + vacuous),
    undecided: g.statesUndecided + r.statesUndecided,
    errored: g.cellsErrored + r.cellsErrored,
    exhaustive: config.grid.exhaustive,
    maxVacuousShare: config.maxVacuousShare,
    incomplete: progress.gridComplete && progress.randomComplete ? null : progress.incomplete,
  });
  const margin = config.grid.exhaustive ? g.smallestMargin : r.smallestMargin;
  const positive = (config.grid.exhaustive ? g.smallestPositiveMargin : r.smallestPositiveMargin) ?? null;
  const { smallestMargin: _m, smallestPositiveMargin: _p, firstFailure: _f, coverage: _c, evictionDepth: _e, cases: _k, ties: _t, errors: _x, ...randomCounts } = r;
  return {
    status,
    ...(reason ? { reason } : {}),
    scope: conjecture.scope,
    family: conjecture.family,
    statesChecked: g.statesChecked,
    statesFailed: g.statesFailed,
    statesVacuous: g.statesVacuous,
    statesUndecided: g.statesUndecided,
    cellsChecked: g.cellsChecked,
    cellsFailed: g.cellsFailed,
    cellsVacuous: g.cellsVacuous,
    cellsErrored: g.cellsErrored,
    cases: names.has('m') && names.has('n') ? g.cases : null,
    ties: names.size > 0 ? g.ties : null,
    smallestMargin: margin ? { value: margin.value, where: { cell: margin.cell, params: margin.params, init: margin.init, t: margin.t } } : null,
    smallestPositiveMargin: positive ? { value: positive.value, where: { cell: positive.cell, params: positive.params, init: positive.init, t: positive.t } } : null,
    minimal,
    minimalSource,
    gridMinimal,
    certifiedMinimal,
    evictionDepth: g.evictionDepth,
    coverage: g.coverage,
    errors: [...g.errors, ...r.errors].slice(0, 20),
    random: randomCounts,
  };
}

interface StatusFacts {
  failed: number;
  checked: number;
  vacuousShare: number;
  undecided: number;
  errored: number;
  exhaustive: boolean;
  /** Why not every cell was checked (null when all were). */
  incomplete: string | null;
  maxVacuousShare: number;
}

/** Three-valued, never a silent pass: anything short of a full exact check is inconclusive. */
export function decideStatus(f: StatusFacts): { status: SweepStatus; reason?: string } {
  if (f.failed > 0) return { status: 'refuted' };
  const reasons: string[] = [];
  if (f.incomplete) reasons.push(f.incomplete);
  if (f.errored > 0) reasons.push(`${f.errored} cell(s) could not be evaluated`);
  if (f.checked === 0) reasons.push(f.vacuousShare > 0 ? 'every state was vacuous (precondition false): nothing was checked' : 'no state was checked');
  else if (f.vacuousShare > f.maxVacuousShare) {
    reasons.push(`${(f.vacuousShare * 100).toFixed(1)}% of states were vacuous (limit ${(f.maxVacuousShare * 100).toFixed(0)}%)`);
  }
  if (f.undecided > 0) reasons.push(`${f.undecided} state(s) undecided within the horizon`);
  if (reasons.length) return { status: 'inconclusive', reason: reasons.join('; ') };
  return { status: f.exhaustive ? 'verified' : 'sampled' };
}

function asCandidate(family: ModelFamily, ce: CounterexampleJson): Candidate {
  return { params: family.parseParams(ce.params), init: family.parseInit(ce.init) };
}

/** The minimality order on counterexamples, the first failing t breaking ties. */
function compareWithTime(family: ModelFamily, a: CounterexampleJson, b: CounterexampleJson): number {
  return family.compare(asCandidate(family, a), asCandidate(family, b)) || a.t - b.t;
}

/** Shrinks a random find as `check` does, inside the sweep's random bounds. */
function shrinkRandom(
  conjecture: Conjecture,
  family: ModelFamily,
  config: SweepConfig,
  raw: CounterexampleJson,
  outOfTime: () => boolean,
): CounterexampleJson {
  const options = { tie: config.tie };
  const evaluator = new CandidateEvaluator(leanExactArithmetic, family, { conjecture, options }, config.grid.steps);
  const inside = config.where?.length ? new FeatureEvaluator(family) : null; // shrink within the sweep's `where`
  const failure = (c: Candidate): Found | null => {
    if (inside && !inside.matches(config.where!, c.params, c.init)) return null;
    const f = evaluator.evaluate(c).failure;
    return f ? { candidate: c, t: f.t, outcome: f.outcome } : null;
  };
  const start = failure(asCandidate(family, raw));
  if (!start) return raw; // cannot happen: the find was decided exactly
  const space = family.search.space(randomBounds(config), conjecture);
  const compare = (a: Candidate, b: Candidate) => family.compare(a, b);
  const runs = Math.min(200, config.random.runs);
  const { best, locallyMinimal } = minimize({ space, compare, failure, outOfTime, runs, seed: config.random.seed }, start);
  return counterexampleJson(exactArithmetic, family, conjecture.id, options, best.candidate, best.t, best.outcome, locallyMinimal);
}
