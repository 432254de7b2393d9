import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Peak RSS of a sweep and of one over a ten times larger grid, each in a fresh process. */
export interface SweepMemoryFigures {
  readonly runs: { cells: number; states: number; peakRssKiB: number }[];
  /** Peak RSS of the 10× grid ÷ that of the base grid. */
  readonly growth: number;
  /** The goal: growth below 1.2 (less than 20%). */
  readonly limit: number;
}

/**
 * 10 budgets give 9,600 cells: large enough that V8's heap has reached its
 * steady size (smaller runs end while the old generation is still growing,
 * which would measure the warm-up rather than the sweep).
 */
const BASE_BUDGETS = 10;

export function benchSweepMemory(): SweepMemoryFigures {
  const child = fileURLToPath(new URL('./memory-child.js', import.meta.url));
  const runs = [BASE_BUDGETS, BASE_BUDGETS * 10].map((n) => JSON.parse(execFileSync(process.execPath, [child, String(n)], { encoding: 'utf8' })));
  return { runs, growth: runs[1].peakRssKiB / runs[0].peakRssKiB, limit: 1.2 };
}
