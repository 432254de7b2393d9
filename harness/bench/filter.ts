import { registry } from '../../conjectures/registry.js';
import { DecidingPolicy, KERNEL_SCREEN_FROM_STEPS, SCREEN_FROM_STEPS, type DecidingFigures } from '../engine/deciding.js';
import { everyKth, LONG_RUNS, REFERENCE_GRID, REFERENCE_GRID_TEXT, referenceGrid, SEED_001_CELL, steadyStateWarmupCells } from '../../models/theory-simulation/bench/reference-grid.js';
import { forgetExactContexts } from '../../models/theory-simulation/family.js';
import { intervalArithmetic } from '../../models/arithmetic/interval.js';
import { leanExactArithmetic } from '../../models/arithmetic/lean.js';
import { runFloatLoop } from '../../models/theory-simulation/bench/float-loop.js';
import { ExactRun, IDENTITY_IDS, StatusTable, stepConjectureRuns } from './exact-run.js';
import { sliceEvenly } from './exact-vs-float.js';
import { FloatLoopTimer } from './float-timer.js';
import { median, ordinal } from './report.js';
import { formatFilterParts, measureFilterParts, type FilterParts } from './filter-parts.js';

/**
 * The deciding policy against the float64 loop and against the exact path alone, over the
 * inequality conjectures (every step and eviction-step conjecture but the identities, which
 * a float never decides): throughput ratios measured side by side in this run, the policy's
 * figures, and disagreements with the exact path (status by status; must be 0).
 */

const GOAL_RATIO = 0.5;

export interface FilterFigures {
  grid: string;
  conjectures: string[];
  cells: number;
  states: number;
  float64StatesPerSecond: number;
  filteredStatesPerSecond: number;
  exactStatesPerSecond: number;
  /** filtered ÷ float64 (goal ≥ 0.5). */
  ratio: number;
  goal: number;
  /** filtered ÷ exact path. */
  speedupOverExact: number;
  deciding: DecidingFigures;
  /** Where the filtered pass's time goes, part by part. */
  parts: FilterParts;
  disagreements: number;
  seed001: Seed001Figures;
  longRuns: LongRunFigures;
}

/** Where screening pays: long runs whose exact numbers reach thousands of bits. */
export interface LongRunFigures {
  cells: string;
  steps: number;
  exactSeconds: number;
  filteredSeconds: number;
  speedup: number;
  deciding: DecidingFigures;
  sameOutcomes: boolean;
}

export interface Seed001Figures {
  cell: string;
  steps: number;
  exactSeconds: number;
  filteredSeconds: number;
  speedup: number;
  deciding: DecidingFigures;
  disagreements: number;
}

const INTERLEAVED_SLICES = 10;

export function benchFilter(options: { stride: number; floatSeconds: number }): FilterFigures {
  const steps = REFERENCE_GRID.steps;
  const grid = referenceGrid();
  const cells = everyKth(grid, options.stride);
  const runs = stepConjectureRuns().filter((r) => !IDENTITY_IDS.includes(r.conjecture.id));

  // Warm-up (untimed) of all three to V8's steady state, where a sweep spends its time: the
  // float64 loop over the sample, the other two over as many cells beside it.
  const warm = steadyStateWarmupCells(grid, options.stride);
  new ExactRun(runs, steps).runCells(warm);
  new ExactRun(runs, steps, undefined, undefined, new DecidingPolicy('filtered', 0)).runCells(warm);
  runFloatLoop(cells, steps, false);

  const exactStatuses = new StatusTable(cells.length, runs.length, steps);
  const filteredStatuses = new StatusTable(cells.length, runs.length, steps);
  const policy = new DecidingPolicy('filtered', 0);
  const filtered = new ExactRun(runs, steps, filteredStatuses, undefined, policy);
  const exact = new ExactRun(runs, steps, exactStatuses);
  const float = new FloatLoopTimer(cells, steps, false);
  let filteredSeconds = 0;
  let exactSeconds = 0;
  for (const slice of sliceEvenly(cells, INTERLEAVED_SLICES)) {
    // Each path solves its own setups (the family keeps recent contexts for the next run).
    forgetExactContexts();
    let start = performance.now();
    filtered.runCells(slice);
    filteredSeconds += (performance.now() - start) / 1000;
    float.runFor(options.floatSeconds / INTERLEAVED_SLICES);
    forgetExactContexts();
    start = performance.now();
    exact.runCells(slice);
    exactSeconds += (performance.now() - start) / 1000;
  }
  const floatRate = (float.result.states * float.passes) / float.seconds;
  const filteredRate = filtered.states / filteredSeconds;
  return {
    grid: options.stride === 1 ? REFERENCE_GRID_TEXT : `${REFERENCE_GRID_TEXT}, every ${ordinal(options.stride)} cell`,
    conjectures: runs.map((r) => r.conjecture.id),
    cells: cells.length,
    states: filtered.states,
    float64StatesPerSecond: floatRate,
    filteredStatesPerSecond: filteredRate,
    exactStatesPerSecond: exact.states / exactSeconds,
    ratio: filteredRate / floatRate,
    goal: GOAL_RATIO,
    speedupOverExact: exactSeconds / filteredSeconds,
    deciding: policy.figures,
    parts: measureFilterParts(cells, runs, steps),
    disagreements: countDifferent(exactStatuses.codes, filteredStatuses.codes) + (exact.errors.length === filtered.errors.length ? 0 : 1),
    seed001: benchSeed001(runs),
    longRuns: benchLongRuns(runs),
  };
}

/** The long runs on both paths (screening at every length), every outcome compared. */
function benchLongRuns(runs: ReturnType<typeof stepConjectureRuns>): LongRunFigures {
  const family = registry.familyOf(runs[0].conjecture);
  const cells = LONG_RUNS.cells();
  const decideAll = (policy: DecidingPolicy) => {
    const outcomes: string[] = [];
    const start = performance.now();
    for (const cell of cells) {
      policy.decide({
        runs,
        cell: { params: cell.params, init: cell.init, steps: LONG_RUNS.steps },
        exactContext: () => family.context(leanExactArithmetic, cell.params),
        screenContext: () => family.context(intervalArithmetic, cell.params),
        families: (c) => registry.familyOf(c),
        sink: (run, t, outcome) => {
          outcomes.push(`${run} ${t} ${outcome.status} ${outcome.case ?? ''} ${outcome.tie ?? ''}`);
        },
        onError: (run, t, error) => outcomes.push(`${run} ${t} error ${String(error)}`),
      });
    }
    return { seconds: (performance.now() - start) / 1000, outcomes: outcomes.sort() };
  };
  const exact = decideAll(new DecidingPolicy('exact'));
  const policy = new DecidingPolicy('filtered', 0);
  const filtered = decideAll(policy);
  return {
    cells: `${cells.length} cells: ${LONG_RUNS.text}`,
    steps: LONG_RUNS.steps,
    exactSeconds: exact.seconds,
    filteredSeconds: filtered.seconds,
    speedup: exact.seconds / filtered.seconds,
    deciding: policy.figures,
    sameOutcomes: JSON.stringify(exact.outcomes) === JSON.stringify(filtered.outcomes),
  };
}

/** Seed 001's own experiment (one cell, 200 steps) on both paths. */
function benchSeed001(runs: ReturnType<typeof stepConjectureRuns>): Seed001Figures {
  const { cell, steps, text } = SEED_001_CELL;
  const exactStatuses = new StatusTable(1, runs.length, steps);
  const filteredStatuses = new StatusTable(1, runs.length, steps);
  const policy = new DecidingPolicy('filtered', 0);
  new ExactRun(runs, steps, exactStatuses).runCell(cell);
  new ExactRun(runs, steps, filteredStatuses, undefined, policy).runCell(cell);
  // One run takes milliseconds: each path's time is the median of several, each solving its own setup.
  const exactSeconds = medianSeconds(() => new ExactRun(runs, steps).runCell(cell));
  const filteredSeconds = medianSeconds(() => new ExactRun(runs, steps, undefined, undefined, new DecidingPolicy('filtered', 0)).runCell(cell));
  return {
    cell: text,
    steps,
    exactSeconds,
    filteredSeconds,
    speedup: exactSeconds / filteredSeconds,
    deciding: policy.figures,
    disagreements: countDifferent(exactStatuses.codes, filteredStatuses.codes),
  };
}

const SEED_001_REPEATS = 15;

function medianSeconds(run: () => void): number {
  const seconds: number[] = [];
  for (let i = 0; i < SEED_001_REPEATS; i++) {
    forgetExactContexts();
    const start = performance.now();
    run();
    seconds.push((performance.now() - start) / 1000);
  }
  return median(seconds);
}

function countDifferent(a: Uint8Array, b: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) n++;
  return n;
}

/** The report's lines. */
export function formatFilterReport(f: FilterFigures): string {
  const pct = (x: number, of: number) => (of > 0 ? `${((100 * x) / of).toFixed(1)}%` : '–');
  const d = f.deciding;
  const s = f.seed001;
  const verdicts = d.verdicts.screened + d.verdicts.exact;
  return [
    '',
    'Deciding policy (certified double enclosures, exact fallback) — inequality conjectures',
    `  grid: ${f.grid} (${f.cells.toLocaleString('en-US')} cells, ${f.states.toLocaleString('en-US')} states)`,
    `  conjectures: ${f.conjectures.join(', ')}`,
    `  float64 loop (same conjectures): ${Math.round(f.float64StatesPerSecond).toLocaleString('en-US')} states/s`,
    `  filtered:                        ${Math.round(f.filteredStatesPerSecond).toLocaleString('en-US')} states/s  → ${f.ratio.toFixed(3)}× float64 (goal ≥ ${f.goal}×)`,
    `  exact path alone:                ${Math.round(f.exactStatesPerSecond).toLocaleString('en-US')} states/s  → filtered is ${f.speedupOverExact.toFixed(2)}× the exact path`,
    formatFilterParts(f.parts, f.float64StatesPerSecond),
    `  verdicts decided by the screening: ${pct(d.verdicts.screened, verdicts)}; cells fully screened ${pct(d.cellsScreened, d.cells)}`,
    `  cells with a fallback: branch ${d.fallbacks.branch}, tie ${d.fallbacks.tie}, bound ${d.fallbacks.bound}, error ${d.fallbacks.error}, exact values ${d.fallbacks.exactValues} (of ${d.cells})`,
    `  disagreements with the exact path: ${f.disagreements}`,
    `  seed 001 (${s.cell}, ${s.steps} steps): exact ${(s.exactSeconds * 1000).toFixed(1)} ms, filtered ${(s.filteredSeconds * 1000).toFixed(1)} ms (${s.speedup.toFixed(2)}×, medians of ${SEED_001_REPEATS}), ` +
      `screened ${pct(s.deciding.verdicts.screened, s.deciding.verdicts.screened + s.deciding.verdicts.exact)}, disagreements ${s.disagreements}`,
    `  long runs (${f.longRuns.cells}): exact ${f.longRuns.exactSeconds.toFixed(2)} s, filtered ${f.longRuns.filteredSeconds.toFixed(2)} s ` +
      `(${f.longRuns.speedup.toFixed(2)}×), cells fully screened ${pct(f.longRuns.deciding.cellsScreened, f.longRuns.deciding.cells)}, same outcomes: ${f.longRuns.sameOutcomes ? 'yes' : 'NO'}`,
    `  (sweeps, check and gate screen trajectories of at least ${KERNEL_SCREEN_FROM_STEPS} steps on a screening kernel, ${SCREEN_FROM_STEPS} on views; this part screens every length to measure the filter itself)`,
    '',
  ].join('\n');
}
