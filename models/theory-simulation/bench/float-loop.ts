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
export function runFloatLoop(cells: readonly GridCell[], steps: number, identities = true): FloatRunResult {
  const trace = new FloatTrace(steps, identities);
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
      if (Number.isNaN(margin[i])) continue; // out of scope
      const verdict = floatVerdict(margin[i], scale[i]);
      if (verdict === 'holds') counts.holds++;
      else if (verdict === 'fails') counts.fails++;
      else counts.nearZero++;
    }
  }
}

