import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { registryWithModules } from '../../harness/config/user-config.js';
import { CONJECTURES, Registry } from '../../conjectures/registry.js';
import type { Conjecture } from '../../conjectures/types.js';
import { BatchEvaluator } from '../../harness/sweep/batch.js';
import { configToJson, resolveConfig, type SweepConfig } from '../../harness/sweep/config.js';
import { InlineExecutor, ThreadExecutor, type Executor } from '../../harness/sweep/executor.js';
import { Json5Source } from '../../harness/sweep/json5-source.js';
import { runSweep, type SweepOptions } from '../../harness/sweep/run.js';
import type { SweepSummary } from '../../harness/sweep/summary.js';

export const tmp = (prefix: string) => mkdtempSync(join(tmpdir(), `${prefix}-`));

/**
 * Planted conjectures written as a plain ES module, so worker threads can load
 * them too: `planted-crash` throws on l0 = 2, `planted-exit` kills its worker
 * on l0 = 3 with lB = 3, `planted-never` always holds.
 */
const PLANTED_SOURCE = `
const base = (id) => ({ id, statement: 'planted: ' + id, source: 'test', family: 'theory-simulation',
  scope: 'step', preconditions: [], names: [], margin: '1; holds iff ≥ 0' });
const holds = (view) => ({ status: 'holds', margin: view.ar.one, values: {} });
export const plantedCrash = { ...base('planted-crash'), check(view) {
  if (view.ctx.params.l0 === 2 && view.t === 1) throw new Error('planted failure at l0=2');
  return holds(view);
} };
export const plantedExit = { ...base('planted-exit'), check(view) {
  if (view.ctx.params.l0 === 3 && view.ctx.params.lB === 3) process.exit(7);
  return holds(view);
} };
export const plantedNever = { ...base('planted-never'), check: holds };
`;

export async function plantedModule(): Promise<{ url: string; conjectures: Conjecture[] }> {
  const file = join(tmp('planted'), 'planted.mjs');
  writeFileSync(file, PLANTED_SOURCE);
  const url = pathToFileURL(file).href;
  const module = (await import(url)) as Record<string, Conjecture>;
  return { url, conjectures: Object.values(module) };
}

export function config(text: string, registry = new Registry(CONJECTURES)): SweepConfig {
  return resolveConfig(Json5Source.parse('test.json5', text), registry);
}

export interface Run {
  config: SweepConfig;
  registry?: Registry;
  outDir?: string;
  executor?: 'inline' | number;
  modules?: string[];
  shard?: { index: number; count: number };
  resume?: boolean;
  corpusDir?: string | null;
  signal?: AbortSignal;
  timeBudgetMs?: number | null;
  progress?: SweepOptions['progress'];
}

export async function sweep(r: Run): Promise<{ summary: SweepSummary; outDir: string }> {
  const registry = r.registry ?? new Registry(CONJECTURES);
  const outDir = r.outDir ?? tmp('sweep');
  const executor: Executor =
    r.executor === undefined || r.executor === 'inline'
      ? new InlineExecutor(new BatchEvaluator(r.config, registry))
      : new ThreadExecutor(r.executor, { config: configToJson(r.config), modules: r.modules ?? registry.modules });
  const summary = await runSweep({
    config: r.config,
    registry,
    outDir,
    shard: r.shard ?? { index: 1, count: 1 },
    executor,
    resume: r.resume ?? false,
    corpusDir: r.corpusDir ?? null,
    timeBudgetMs: r.timeBudgetMs ?? null,
    signal: r.signal,
    progress: r.progress,
    clock: () => performance.now(),
    wallClock: () => new Date(0),
  });
  return { summary, outDir };
}

/**
 * A summary without what legitimately differs between runs (timing, shard, corpus, and how
 * verdicts were decided beyond their number: a worker's earlier batches spare exact
 * re-decisions, so the split between screened and exact depends on which batches it ran).
 */
export function comparable(s: SweepSummary) {
  const { timing: _t, shard: _s, corpus: _c, stopped: _x, deciding, ...rest } = s;
  return { ...rest, deciding: deciding && { path: deciding.path, cells: deciding.cells, verdicts: deciding.verdicts.screened + deciding.verdicts.exact } };
}

/** The user config with planted conjectures (see planted.config.ts). */
export const PLANTED_CONFIG = fileURLToPath(new URL('./planted.config.ts', import.meta.url));

/** The built-in registry with the planted conjectures, loaded as a user config (worker threads load it too). */
export const plantedRegistry = (): Promise<Registry> => registryWithModules(new Registry(CONJECTURES), [PLANTED_CONFIG]);
