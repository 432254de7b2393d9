import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registry } from '../../conjectures/registry.js';
import { configToJson, resolveConfig, type SweepConfig } from '../sweep/config.js';
import { ThreadExecutor } from '../sweep/executor.js';
import { Json5Source } from '../sweep/json5-source.js';
import { runSweep } from '../sweep/run.js';
import type { SweepSummary } from '../sweep/summary.js';
import { referenceSweepText } from '../../models/theory-simulation/bench/reference-grid.js';
import type { DecidingPath } from '../schema.js';

/** Sweep throughput on the reference grid with 1 and with 2 worker threads, measured in the same run. */
export interface SweepScalingFigures {
  readonly grid: string;
  readonly cells: number;
  readonly states: number;
  readonly conjectures: number;
  /** The best of the rounds for each worker count. */
  readonly runs: { workers: number; seconds: number; statesPerSecond: number; rounds: number[] }[];
  /** Throughput with 2 workers ÷ with 1. */
  readonly speedup: number;
  readonly goal: number;
  /** Both runs produced the same summary (timing aside). */
  readonly identical: boolean;
}

export const SPEEDUP_GOAL = 1.7;

/** The reference grid (the whole grid when stride is 1), every conjecture, as a sweep. */
export function referenceSweepConfig(stride: number): SweepConfig {
  return resolveConfig(Json5Source.parse('(reference grid)', referenceSweepText(stride).text), registry);
}

/** One whole sweep into a scratch folder (removed after), timed. */
export async function timedSweep(config: SweepConfig, workers: number, path: DecidingPath = 'filtered'): Promise<{ summary: SweepSummary; seconds: number }> {
  const outDir = mkdtempSync(join(tmpdir(), 'bench-sweep-'));
  const start = performance.now();
  const summary = await runSweep({
    config,
    registry,
    outDir,
    shard: { index: 1, count: 1 },
    executor: new ThreadExecutor(workers, { config: configToJson(config), modules: registry.modules, path }),
    resume: false,
    corpusDir: null,
    timeBudgetMs: null,
    clock: () => performance.now(),
    wallClock: () => new Date(),
  });
  const seconds = (performance.now() - start) / 1000;
  rmSync(outDir, { recursive: true, force: true });
  return { summary, seconds };
}

/**
 * Rounds of the two sweeps, alternated (1, 2, 1, 2 workers): a sweep of half a minute on a
 * 2-core machine varies by 10–20% from one run to the next with what else runs, so each worker
 * count is timed by its best round (every round is reported).
 */
const ROUNDS = 2;

export async function benchSweepScaling(stride: number, log: (line: string) => void): Promise<SweepScalingFigures> {
  const config = referenceSweepConfig(stride);
  const summaries: SweepSummary[] = [];
  const rounds = new Map<number, number[]>([
    [1, []],
    [2, []],
  ]);
  for (let round = 0; round < ROUNDS; round++) {
    for (const workers of [1, 2]) {
      const { summary, seconds } = await timedSweep(config, workers);
      summaries.push(summary);
      rounds.get(workers)!.push(seconds);
      log(`  sweep with ${workers} worker(s), round ${round + 1}: ${seconds.toFixed(1)} s`);
    }
  }
  const states = summaries[0].timing.statesSimulated;
  const runs = [...rounds].map(([workers, times]) => {
    const seconds = Math.min(...times);
    return { workers, seconds, statesPerSecond: states / seconds, rounds: times };
  });
  const strip = (s: SweepSummary) => JSON.stringify({ ...s, timing: null });
  return {
    grid: `${referenceSweepText(stride).description}, all ${config.conjectures.length} conjectures`,
    cells: summaries[0].grid.cells,
    states,
    conjectures: config.conjectures.length,
    runs,
    speedup: runs[1].statesPerSecond / runs[0].statesPerSecond,
    goal: SPEEDUP_GOAL,
    identical: summaries.every((s) => strip(s) === strip(summaries[0])),
  };
}
