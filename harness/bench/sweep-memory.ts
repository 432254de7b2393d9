import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { median } from './report.js';

/** Peak RSS of a sweep and of one over a ten times larger grid, each in a fresh process. */
export interface SweepMemoryFigures {
  /** Per grid: the median peak over the rounds, and every round's. */
  readonly runs: { cells: number; states: number; peakRssKiB: number; rounds: number[] }[];
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

/**
 * A process's peak RSS varies from run to run with when V8 collects (the same 96,000-cell sweep
 * peaked at 242 to 332 MiB in five runs), so each grid runs in three fresh processes,
 * alternating with the other, and the median peak is compared.
 */
const ROUNDS = 3;

export function benchSweepMemory(): SweepMemoryFigures {
  const child = fileURLToPath(new URL('./memory-child.js', import.meta.url));
  const sizes = [BASE_BUDGETS, BASE_BUDGETS * 10];
  const results = sizes.map(() => [] as { cells: number; states: number; peakRssKiB: number }[]);
  for (let round = 0; round < ROUNDS; round++) {
    sizes.forEach((n, i) => results[i].push(JSON.parse(execFileSync(process.execPath, [child, String(n)], { encoding: 'utf8' }))));
  }
  const runs = results.map((rs) => {
    const peaks = rs.map((r) => r.peakRssKiB);
    return { cells: rs[0].cells, states: rs[0].states, peakRssKiB: median(peaks), rounds: peaks };
  });
  return { runs, growth: runs[1].peakRssKiB / runs[0].peakRssKiB, limit: 1.2 };
}
