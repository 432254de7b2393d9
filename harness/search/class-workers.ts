import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { Candidate } from '../../models/family.js';
import type { CheckRun, ClassLister, Found, Listing } from './check.js';
import type { ClassTask, ClassTaskResult, ClassWorkerSetup } from './class-worker.js';

/** Classes per task: long enough to amortise a message, short enough to stop soon after a failure. */
const CHUNK = 256;
/** Below this many classes in scope, starting threads costs more than it saves: list in this thread. */
const WORTH_THREADS = 2_000;

/**
 * Lists classes for `runCheckInWorkers` on a worker_threads pool (piscina). Tasks of
 * consecutive classes go out in order, a few per thread ahead; results are taken in
 * order, so the first failure met is the least one and every class before it held.
 * The pool starts on first use.
 */
export class ClassWorkers implements ClassLister {
  private pool: Piscina | null = null;

  constructor(
    readonly threads: number,
    private readonly setup: ClassWorkerSetup,
  ) {}

  async list(run: CheckRun, bound: Found | null): Promise<Listing> {
    const inScope = bound ? run.quotient!.countBelow(bound.candidate) : run.quotient!.size;
    if (this.threads < 2 || (inScope !== null && inScope < WORTH_THREADS)) return run.listInThread(bound);
    this.pool ??= new Piscina({ filename: workerFile(), workerData: this.setup, minThreads: this.threads, maxThreads: this.threads });
    const pool = this.pool;

    const classes = run.quotient!.candidates()[Symbol.iterator]();
    let exhausted = false;
    const nextChunk = (): Candidate[] => {
      const chunk: Candidate[] = [];
      while (chunk.length < CHUNK) {
        const next = classes.next();
        if (next.done || (bound && run.compare(next.value, bound.candidate) >= 0)) {
          exhausted = true;
          break;
        }
        chunk.push(next.value);
      }
      return chunk;
    };
    const { req } = run;
    const family = req.family;
    // Set once the answer is known: threads stop their tasks early (aborting a running task would end the thread).
    const cancel = new Int32Array(new SharedArrayBuffer(4));
    const inFlight: { chunk: Candidate[]; result: Promise<ClassTaskResult> }[] = [];
    const dispatch = () => {
      while (!exhausted && inFlight.length < 2 * this.threads && !run.outOfTime()) {
        const chunk = nextChunk();
        if (chunk.length === 0) break;
        const task: ClassTask = {
          conjecture: req.conjecture.id,
          options: req.options,
          steps: req.steps,
          path: run.path,
          candidates: chunk.map((c) => ({ params: family.paramsToJson(c.params), init: family.initToJson(c.init) })),
          timeLimitMs: run.remainingMs,
          cancel,
        };
        const result = pool.run(task) as Promise<ClassTaskResult>;
        // Tasks still running when the answer is known are awaited in `finally`, their errors ignored.
        result.catch(() => {});
        inFlight.push({ chunk, result });
      }
    };

    let decided = 0;
    let last: Candidate | null = null;
    try {
      dispatch();
      while (inFlight.length > 0) {
        const { chunk, result } = inFlight.shift()!;
        const r = await result;
        run.addListedElsewhere(r);
        decided += r.decided;
        if (r.decided > 0) last = chunk[r.decided - 1];
        if (r.failureAt >= 0) {
          // Decided again here for its exact witness (the trajectory is counted in both threads).
          const found = run.exactFailure(chunk[r.failureAt]);
          if (!found) throw new Error(`a worker thread and the main thread disagree on ${JSON.stringify(family.paramsToJson(chunk[r.failureAt].params))}`);
          return { found, bound, decided, last, finished: true };
        }
        if (r.stopped) {
          run.outOfTime();
          return { found: bound, bound, decided, last, finished: false };
        }
        dispatch();
      }
      return { found: bound, bound, decided, last, finished: exhausted };
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
