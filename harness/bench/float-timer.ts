import { runFloatLoop, type FloatRunResult } from '../../models/theory-simulation/bench/float-loop.js';
import type { GridCell } from '../../models/theory-simulation/bench/reference-grid.js';

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
    /** false: the loop leaves out the identities (the inequalities' baseline). */
    readonly identities = true,
  ) {}

  /** Runs passes until at least `minSeconds` have elapsed (at least one pass). */
  runFor(minSeconds: number): void {
    const start = performance.now();
    do {
      const result = runFloatLoop(this.cells, this.steps, this.identities);
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
