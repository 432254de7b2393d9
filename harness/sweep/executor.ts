import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { BatchEvaluator, BatchResult } from './batch.js';
import type { Batch } from './batches.js';
import type { WorkerSetup } from './worker.js';

/**
 * Runs batches somewhere: the scheduler does not know threads from the
 * current thread. A rejected run means the batch was lost (crash or abort).
 */
export interface Executor {
  readonly concurrency: number;
  run(batch: Batch, signal: AbortSignal): Promise<BatchResult>;
  close(): Promise<void>;
}

/** In the calling thread (tests, one-worker debugging). */
export class InlineExecutor implements Executor {
  readonly concurrency = 1;
  constructor(private readonly evaluator: BatchEvaluator) {}

  async run(batch: Batch, signal: AbortSignal): Promise<BatchResult> {
    await new Promise((resolve) => setImmediate(resolve)); // let signals and progress through
    signal.throwIfAborted();
    return this.evaluator.run(batch);
  }

  async close(): Promise<void> {}
}

/** A worker_threads pool (piscina), one thread per worker. */
export class ThreadExecutor implements Executor {
  private readonly pool: Piscina;

  constructor(
    readonly concurrency: number,
    setup: WorkerSetup,
  ) {
    this.pool = new Piscina({
      filename: workerFile(),
      workerData: setup,
      minThreads: concurrency,
      maxThreads: concurrency,
      idleTimeout: 60_000,
    });
  }

  run(batch: Batch, signal: AbortSignal): Promise<BatchResult> {
    return this.pool.run(batch, { signal }) as Promise<BatchResult>;
  }

  async close(): Promise<void> {
    await this.pool.destroy();
  }
}

/** The compiled worker beside this module, or, from the TypeScript sources (tests), the sources themselves. */
function workerFile(): string {
  for (const name of ['./worker.js', './source-worker.mjs']) {
    const file = fileURLToPath(new URL(name, import.meta.url));
    if (existsSync(file)) return file;
  }
  throw new Error('the sweep worker is missing beside harness/sweep/executor');
}
