import type { ConjectureRun } from '../engine/cell.js';
import { checkAgreement } from './agreement.js';
import { ExactRun, IDENTITY_IDS, StatusTable, stepConjectureRuns } from './exact-run.js';
import { exactArithmetic } from '../../models/arithmetic/exact.js';
import type { Arithmetic } from '../../models/arithmetic/arithmetic.js';
import { FLOAT_PREDICATE_IDS, floatPredicateRow } from '../../models/theory-simulation/bench/float-cell.js';
import { runFloatLoop } from '../../models/theory-simulation/bench/float-loop.js';
import { FloatLoopTimer } from './float-timer.js';
import { everyKth, REFERENCE_GRID, REFERENCE_GRID_TEXT, referenceGrid, statesOf, steadyStateWarmupCells } from '../../models/theory-simulation/bench/reference-grid.js';
import type { BenchFigures } from './report.js';
import { forgetExactContexts } from '../../models/theory-simulation/family.js';

/**
 * Exact-verdict throughput (coupled states checked per second, every step
 * conjecture evaluated) against a plain float64 loop over the same cells, both
 * measured in this process; also checks that both agree wherever doubles decide.
 */

const GOAL_RATIO = 0.3;
const INTERLEAVED_SLICES = 10;
const RATIONAL_WARMUP = 500;

export interface ExactVsFloatOptions {
  /** Time every k-th cell (1 = the whole grid). */
  stride: number;
  floatSeconds: number;
  /** Progress lines on stderr. */
  verbose: boolean;
}

export function benchExactVsFloat(options: ExactVsFloatOptions): BenchFigures {
  const steps = REFERENCE_GRID.steps;
  const grid = referenceGrid();
  const stride = options.stride;
  const cells = everyKth(grid, stride);
  const runs = stepConjectureRuns();
  requireSamePredicates(runs);

  // Warm-up (untimed) so that both are timed at V8's steady state, where a sweep spends its
  // time: the exact run over cells beside the sample (it kept getting faster over the first
  // couple of thousand), the float64 loop over the sample (it needs more iterations than a
  // few cells give before V8 optimises it, and a whole pass costs well under a second).
  new ExactRun(runs, steps).runCells(steadyStateWarmupCells(grid, stride));
  runFloatLoop(cells, steps);

  // Timed: exact slices alternate with float64 slices, so that both runs see the
  // same machine load (the ratio is what matters, and other processes come and go).
  const statuses = new StatusTable(cells.length, runs.length, steps);
  const exact = new ExactRun(runs, steps, statuses);
  const float = new FloatLoopTimer(cells, steps);
  const slices = sliceEvenly(cells, INTERLEAVED_SLICES);
  const progress = progressReporter(cells.length, !options.verbose);
  let exactSeconds = 0;
  for (const slice of slices) {
    const start = performance.now();
    exact.runCells(slice);
    exactSeconds += (performance.now() - start) / 1000;
    float.runFor(options.floatSeconds / slices.length);
    progress?.(exact.cells);
  }

  const agreement = checkAgreement(cells, steps, runs, statuses);

  // The lean exact path against today's Rational path, side by side on the same cells
  // (interleaved): the identities (which stay exact), and every step conjecture.
  const sideCells = everyKth(cells, 4);
  // The Rational path warmed up too (the lean one was, above), on fewer cells: each costs it
  // several times as much.
  new ExactRun(runs, steps, undefined, exactArithmetic as Arithmetic<unknown>).runCells(steadyStateWarmupCells(grid, stride, RATIONAL_WARMUP));
  const side = (subset: readonly ConjectureRun[]) => {
    const lean = new ExactRun(subset, steps);
    const rational = new ExactRun(subset, steps, undefined, exactArithmetic as Arithmetic<unknown>);
    let leanSeconds = 0;
    let rationalSeconds = 0;
    for (const slice of sliceEvenly(sideCells, INTERLEAVED_SLICES)) {
      // Each path solves its own setup (the family keeps recent contexts for the next run).
      forgetExactContexts();
      let start = performance.now();
      lean.runCells(slice);
      leanSeconds += (performance.now() - start) / 1000;
      forgetExactContexts();
      start = performance.now();
      rational.runCells(slice);
      rationalSeconds += (performance.now() - start) / 1000;
    }
    const same = JSON.stringify(lean.outcomes) === JSON.stringify(rational.outcomes);
    return {
      conjectures: subset.map((r) => r.conjecture.id),
      cells: sideCells.length,
      leanStatesPerSecond: lean.states / leanSeconds,
      rationalStatesPerSecond: rational.states / rationalSeconds,
      speedup: rationalSeconds / leanSeconds,
      sameOutcomes: same,
    };
  };
  const leanVsRational = {
    identities: side(runs.filter((r) => IDENTITY_IDS.includes(r.conjecture.id))),
    inequalities: side(runs.filter((r) => !IDENTITY_IDS.includes(r.conjecture.id))),
  };

  const floatStates = float.result.states * float.passes;
  const floatRate = floatStates / float.seconds;
  const exactRate = exact.states / exactSeconds;
  const figures: BenchFigures = {
    grid: { description: REFERENCE_GRID_TEXT, cells: grid.length, states: statesOf(grid.length, steps) },
    sample: { stride, cells: cells.length, states: statesOf(cells.length, steps) },
    interleavedSlices: slices.length,
    float64: { passes: float.passes, states: floatStates, seconds: float.seconds, statesPerSecond: floatRate },
    exact: { conjectures: runs.length, states: exact.states, seconds: exactSeconds, statesPerSecond: exactRate },
    ratio: exactRate / floatRate,
    goal: GOAL_RATIO,
    perConjecture: runs.map((r, i) => ({
      id: r.conjecture.id,
      exact: exact.outcomes[i],
      float64: float.result.tally[floatPredicateRow(r.conjecture.id)],
    })),
    agreement,
    errors: exact.errors,
    leanVsRational,
  };
  return figures;
}

/** The baseline must evaluate exactly the conjectures the exact run checks, or the ratio compares different work. */
function requireSamePredicates(exactRuns: readonly ConjectureRun[]): void {
  const exactIds = exactRuns.map((r) => r.conjecture.id).sort();
  const floatIds = [...FLOAT_PREDICATE_IDS].sort();
  if (JSON.stringify(exactIds) !== JSON.stringify(floatIds)) {
    throw new Error(
      `the float64 baseline evaluates [${floatIds.join(', ')}] but the registry's step conjectures are ` +
        `[${exactIds.join(', ')}]; add the missing ones to harness/bench/float-cell.ts`,
    );
  }
}

/** Consecutive slices of nearly equal length. */
export function sliceEvenly<T>(xs: readonly T[], count: number): T[][] {
  const n = Math.min(count, xs.length);
  return Array.from({ length: n }, (_, i) => xs.slice(Math.floor((i * xs.length) / n), Math.floor(((i + 1) * xs.length) / n)));
}

/** Progress on stderr after each slice when it is a terminal (the exact run takes minutes). */
function progressReporter(total: number, quiet: boolean): ((done: number) => void) | undefined {
  if (quiet || !process.stderr.isTTY) return undefined;
  const start = performance.now();
  return (done) => {
    const elapsed = (performance.now() - start) / 1000;
    process.stderr.write(`  ${Math.round((100 * done) / total)}% (${done}/${total} cells, ${elapsed.toFixed(0)} s)\n`);
  };
}
