import { workerData } from 'node:worker_threads';
import { registry } from '../../conjectures/registry.js';
import type { Conjecture } from '../../conjectures/types.js';
import { configFromJson, type SweepConfigJson } from './config.js';
import { BatchEvaluator, type BatchResult } from './batch.js';
import type { Batch } from './batches.js';

/** What the pool gives each worker once. */
export interface WorkerSetup {
  config: SweepConfigJson;
  /** Modules whose exported conjectures extend the registry (e.g. planted ones in tests). */
  conjectureModules: string[];
}

const setup = workerData as WorkerSetup;
const extra: Conjecture[] = [];
for (const url of setup.conjectureModules) {
  const module = (await import(url)) as Record<string, unknown>;
  extra.push(...Object.values(module).filter((v): v is Conjecture => typeof v === 'object' && v !== null && 'id' in v && 'scope' in v));
}
const scoped = registry.with(extra);
const evaluator = new BatchEvaluator(configFromJson(setup.config, scoped), scoped);

/** Piscina task: evaluate one batch. */
export default function runBatch(batch: Batch): BatchResult {
  return evaluator.run(batch);
}
