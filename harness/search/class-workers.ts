import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { Candidate } from '../../models/family.js';
import type { CheckRun, ClassLister, Found, Listing } from './check.js';
import type { ClassTask, ClassTaskResult, ClassWorkerSetup } from './class-worker.js';

/** Classes per task: long enough to amortise a message, short enough to stop soon after a failure. */
const CHUNK = 512;
/** Below this many classes in scope, starting threads costs more than it saves: list in this thread. */
const WORTH_THREADS = 2_000;

/**
 * Lists classes for `runCheckInWorkers` on a worker_threads pool (piscina). Tasks are
 * ranges of positions in the listing (each thread builds the same quotient from the
 * bounds), sent in order, a few per thread ahead; results are taken in order, so the first
 * failure met is the least one and every class before it held. The pool starts on first
 * use. A family without `parseBounds` or a quotient without `slice` lists in this thread.
 */
export class ClassWorkers implements ClassLister {
  private pool: Piscina | null = null;

  constructor(
    readonly threads: number,
    private readonly setup: ClassWorkerSetup,
  ) {}

  async list(run: CheckRun, bound: Found | null): Promise<Listing> {
    const q = run.quotient!;
    const family = run.req.family;
    // Positions [0, end): every class below the bound (the bound is a class's least candidate).
    const end = bound ? q.countBelow(bound.candidate) : q.size;
    const random = q.slice !== undefined && family.search.parseBounds !== undefined && end !== null;
    if (this.threads < 2 || !random || end < WORTH_THREADS) return run.listInThread(bound);
    this.pool ??= new Piscina({ filename: workerFile(), workerData: this.setup, minThreads: this.threads, maxThreads: this.threads });
    const pool = this.pool;
    const at = (position: number): Candidate => q.slice!(position, position + 1)[Symbol.iterator]().next().value!;

    const { req } = run;
    const bounds = family.search.toJson(req.bounds);
    // Set once the answer is known: threads stop their tasks early (aborting a running task would end the thread).
    const cancel = new Int32Array(new SharedArrayBuffer(4));
    const inFlight: { from: number; result: Promise<ClassTaskResult> }[] = [];
    let next = 0;
    const dispatch = () => {
      while (next < end && inFlight.length < 2 * this.threads && !run.outOfTime()) {
        const from = next;
        next = Math.min(end, from + CHUNK);
        const task: ClassTask = {
          conjecture: req.conjecture.id,
          options: req.options,
          steps: req.steps,
          path: run.path,
          bounds,
          from,
          to: next,
          timeLimitMs: run.remainingMs,
          cancel,
        };
        const result = pool.run(task) as Promise<ClassTaskResult>;
        // Tasks still running when the answer is known are awaited in `finally`, their errors ignored.
        result.catch(() => {});
        inFlight.push({ from, result });
      }
    };

    let decided = 0;
    const last = () => (decided > 0 ? at(decided - 1) : null);
    try {
      dispatch();
      while (inFlight.length > 0) {
        const r = await inFlight.shift()!.result;
        run.addListedElsewhere(r);
        decided += r.decided;
        if (r.failureAt >= 0) {
          // Decided again here for its exact witness (counted once, in the worker's figures).
          const candidate = at(r.failureAt);
          const found = run.witness(candidate);
          if (!found) throw new Error(`a worker thread and the main thread disagree on ${JSON.stringify(family.paramsToJson(candidate.params))}`);
          return { found, bound, decided, last: candidate, finished: true };
        }
        if (r.stopped) {
          run.outOfTime();
          return { found: bound, bound, decided, last: last(), finished: false };
        }
        dispatch();
      }
      const finished = next >= end;
      return { found: bound, bound, decided, last: last(), finished };
    } finally {
      Atomics.store(cancel, 0, 1);
      await Promise.allSettled(inFlight.map((f) => f.result));
    }
  }

  async close(): Promise<void> {
    await this.pool?.destroy();
    this.pool = null;
  }
}

/** The compiled worker beside this module, or, from the TypeScript sources (tests), the sources themselves. */
function workerFile(): string {
  for (const name of ['./class-worker.js', './source-class-worker.mjs']) {
    const file = fileURLToPath(new URL(name, import.meta.url));
    if (existsSync(file)) return file;
  }
  throw new Error('the class worker is missing beside harness/search/class-workers');
}
