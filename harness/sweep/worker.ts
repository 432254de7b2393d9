import { workerData } from 'node:worker_threads';
import { registry } from '../../conjectures/registry.js';
import { registryWithModules } from '../config/user-config.js';
import { configFromJson, type SweepConfigJson } from './config.js';
import { BatchEvaluator, type BatchResult } from './batch.js';
import type { Batch } from './batches.js';
import type { DecidingPath } from '../schema.js';

/** What the pool gives each worker once. */
export interface WorkerSetup {
  config: SweepConfigJson;
  /** User modules that extend the registry (a research repository's config, planted conjectures in tests). */
  modules: readonly string[];
  /** The deciding path (default `filtered`: certified screening with exact fallback). */
  path?: DecidingPath;
}

const setup = workerData as WorkerSetup;
const scoped = await registryWithModules(registry, setup.modules);
const evaluator = new BatchEvaluator(configFromJson(setup.config, scoped), scoped, setup.path ?? 'filtered');

/** Piscina task: evaluate one batch. */
export default function runBatch(batch: Batch): BatchResult {
  return evaluator.run(batch);
}
