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
      if (Number.isNaN(margin[i])) continue; // out of scope
      const verdict = floatVerdict(margin[i], scale[i]);
      if (verdict === 'holds') counts.holds++;
      else if (verdict === 'fails') counts.fails++;
      else counts.nearZero++;
    }
  }
}

/**
 * Times whole passes of the float64 loop over the cells, in slices that the
 * benchmark interleaves with the exact run so that both see the same machine
 * load. A pass over a sample takes only tenths of a second, so passes repeat;
 * every pass must count the same, which also keeps the work observable.
 */
export class FloatLoopTimer {
  passes = 0;
  seconds = 0;
  private first: FloatRunResult | null = null;

  constructor(
    readonly cells: readonly GridCell[],
    readonly steps: number,
  ) {}

  /** Runs passes until at least `minSeconds` have elapsed (at least one pass). */
  runFor(minSeconds: number): void {
    const start = performance.now();
    do {
      const result = runFloatLoop(this.cells, this.steps);
      this.passes++;
      if (!this.first) this.first = result;
      else if (JSON.stringify(result.tally) !== JSON.stringify(this.first.tally)) {
        throw new Error('the float64 loop counted differently on a repeated pass');
      }
    } while (performance.now() - start < minSeconds * 1000);
    this.seconds += (performance.now() - start) / 1000;
  }

  /** One pass's counts (every pass counts the same). */
  get result(): FloatRunResult {
    if (!this.first) throw new Error('the float64 loop has not run yet');
    return this.first;
  }
}
