#!/usr/bin/env node
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registry } from '../../conjectures/registry.js';
import { configToJson, resolveConfig } from '../sweep/config.js';
import { ThreadExecutor } from '../sweep/executor.js';
import { Json5Source } from '../sweep/json5-source.js';
import { runSweep } from '../sweep/run.js';
import { memorySweepText } from '../../models/theory-simulation/bench/reference-grid.js';

/**
 * Runs one sweep of the memory grid with `<size>` (see `memorySweepText`) in a fresh process and prints its peak resident
 * set size: the memory benchmark compares a grid with one ten times larger.
 */
const config = resolveConfig(Json5Source.parse('(memory grid)', memorySweepText(Number(process.argv[2]))), registry);
const outDir = mkdtempSync(join(tmpdir(), 'bench-memory-'));
const summary = await runSweep({
  config,
  registry,
  outDir,
  shard: { index: 1, count: 1 },
  executor: new ThreadExecutor(1, { config: configToJson(config), modules: registry.modules }),
  resume: false,
  corpusDir: null,
  timeBudgetMs: null,
  clock: () => performance.now(),
  wallClock: () => new Date(),
});
rmSync(outDir, { recursive: true, force: true });
process.stdout.write(JSON.stringify({ cells: summary.grid.cells, states: summary.timing.statesSimulated, peakRssKiB: process.resourceUsage().maxRSS }) + '\n');
