#!/usr/bin/env node
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registry } from '../../conjectures/registry.js';
import { configToJson, resolveConfig } from '../sweep/config.js';
import { ThreadExecutor } from '../sweep/executor.js';
import { Json5Source } from '../sweep/json5-source.js';
import { runSweep } from '../sweep/run.js';

/**
 * Runs one sweep with `<budgets>` values of B (the grid grows with them, the
 * cost of a cell does not) in a fresh process and prints its peak resident
 * set size: the memory benchmark compares a grid with one ten times larger.
 */
const budgets = Array.from({ length: Number(process.argv[2]) }, (_, i) => 60 + i);
const text = `{ name: "memory", conjectures: "all",
  grid: { l0: { from: 1, to: 40 }, lA: { from: 1, to: 3 }, lB: { from: 2, to: 4 }, B: ${JSON.stringify(budgets)},
          lambdaA: [1, 2], lambdaB: [1, 2], init: ["canonical"], steps: 3 } }`;
const config = resolveConfig(Json5Source.parse('(memory grid)', text), registry);
const outDir = mkdtempSync(join(tmpdir(), 'bench-memory-'));
const summary = await runSweep({
  config,
  registry,
  outDir,
  shard: { index: 1, count: 1 },
  executor: new ThreadExecutor(1, { config: configToJson(config), conjectureModules: [] }),
  resume: false,
  corpusDir: null,
  timeBudgetMs: null,
  clock: () => performance.now(),
  wallClock: () => new Date(),
});
rmSync(outDir, { recursive: true, force: true });
process.stdout.write(JSON.stringify({ cells: summary.grid.cells, states: summary.timing.statesSimulated, peakRssKiB: process.resourceUsage().maxRSS }) + '\n');
