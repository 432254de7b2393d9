import { evaluateFloatCell, FLOAT_PREDICATE_IDS, FloatTrace } from './float-cell.js';
import type { GridCell } from './reference-grid.js';

/**
 * A double decides a margin's sign only when |margin| exceeds this fraction of
 * the magnitudes it was computed from; below that it is "near zero" (rounding
 * may have flipped it). Equalities (token balance, energy decomposition) that
 * hold exactly land here.
 */
export const NEAR_ZERO_RELATIVE = 1e-9;

export type FloatVerdict = 'holds' | 'fails' | 'near-zero';

export function floatVerdict(margin: number, scale: number): FloatVerdict {
  const tolerance = NEAR_ZERO_RELATIVE * scale;
  return margin > tolerance ? 'holds' : margin < -tolerance ? 'fails' : 'near-zero';
}

export interface PredicateTally {
  holds: number;
  fails: number;
  nearZero: number;
}

export interface FloatRunResult {
  readonly cells: number;
  readonly states: number;
  /** Per predicate, in FLOAT_PREDICATE_IDS order. */
  readonly tally: PredicateTally[];
}

/** One pass of the float64 baseline over the cells; every margin is classified and counted. */
export function runFloatLoop(cells: readonly GridCell[], steps: number): FloatRunResult {
  const trace = new FloatTrace(steps);
  const tally = FLOAT_PREDICATE_IDS.map(() => ({ holds: 0, fails: 0, nearZero: 0 }));
  let states = 0;
  for (const cell of cells) {
    states += evaluateFloatCell(cell.params, trace);
    tallyTrace(trace, tally);
  }
  return { cells: cells.length, states, tally };
}

function tallyTrace(trace: FloatTrace, tally: PredicateTally[]): void {
  const { margin, scale } = trace;
  for (let k = 0; k < tally.length; k++) {
    const counts = tally[k];
    for (let i = trace.slot(k, 0), end = trace.slot(k, trace.steps); i <= end; i++) {
      const m = margin[i];
      if (Number.isNaN(m)) continue; // out of scope
      const tolerance = NEAR_ZERO_RELATIVE * scale[i];
      if (m > tolerance) counts.holds++;
      else if (m < -tolerance) counts.fails++;
      else counts.nearZero++;
    }
  }
}

export interface TimedFloatRun {
  readonly result: FloatRunResult;
  readonly passes: number;
  /** Wall time of all passes. */
  readonly seconds: number;
}

/**
 * Repeats whole passes until `minSeconds` have elapsed: one pass over a sample
 * can take only milliseconds, too short to time reliably. Every pass must count
 * the same, which also keeps the work observable.
 */
export function timeFloatLoop(cells: readonly GridCell[], steps: number, minSeconds: number): TimedFloatRun {
  const start = performance.now();
  const result = runFloatLoop(cells, steps);
  let passes = 1;
  while (performance.now() - start < minSeconds * 1000) {
    const again = runFloatLoop(cells, steps);
    if (JSON.stringify(again.tally) !== JSON.stringify(result.tally)) {
      throw new Error('the float64 loop counted differently on a repeated pass');
    }
    passes++;
  }
  return { result, passes, seconds: (performance.now() - start) / 1000 };
}
