import { workerData } from 'node:worker_threads';
import { registry } from '../../conjectures/registry.js';
import type { ConjectureOptions } from '../../conjectures/types.js';
import { leanExactArithmetic } from '../../models/arithmetic/lean.js';
import type { JsonValue, Quotient } from '../../models/family.js';
import { registryWithModules } from '../config/user-config.js';
import { DecidingPolicy } from '../engine/deciding.js';
import type { DecidingPath } from '../schema.js';
import type { ListedElsewhere } from './check.js';
import { CandidateEvaluator } from './evaluate.js';

/** What the pool gives each worker once: the user modules that extend the registry. */
export interface ClassWorkerSetup {
  readonly modules: readonly string[];
}

/** Classes at positions [from, to) of a conjecture's quotient, decided in order. */
export interface ClassTask {
  readonly conjecture: string;
  readonly options: ConjectureOptions;
  readonly steps: number;
  readonly path: DecidingPath;
  /** The family's bounds as `toJson` gives them (the worker builds the same quotient). */
  readonly bounds: JsonValue;
  readonly from: number;
  readonly to: number;
  /** The worker stops by itself when this much time has passed. */
  readonly timeLimitMs: number;
  /** Shared with the main thread: 1 once the answer is known, so that the task stops early. */
  readonly cancel: Int32Array;
}

export interface ClassTaskResult extends ListedElsewhere {
  /** Classes decided, from `from` on, the failing one included. */
  decided: number;
  /** Position of the first failing class (−1: none failed). */
  failureAt: number;
  /** The time limit (or the main thread) stopped it before `to`. */
  stopped: boolean;
}

const setup = workerData as ClassWorkerSetup;
const scoped = await registryWithModules(registry, setup.modules);
const quotients = new Map<string, Quotient<unknown, unknown>>();

function quotientOf(task: ClassTask): Quotient<unknown, unknown> {
  const key = `${task.conjecture}\n${JSON.stringify(task.bounds)}`;
  let q = quotients.get(key);
  if (!q) {
    const conjecture = scoped.get(task.conjecture);
    const family = scoped.familyOf(conjecture);
    q = family.search.space(family.search.parseBounds!(task.bounds), conjecture).quotient!()!;
    quotients.set(key, q);
  }
  return q;
}

/** Piscina task: decide classes in order until the first failure, exactly as `CheckRun.exactFailure` does. */
export default function decideClasses(task: ClassTask): ClassTaskResult {
  const conjecture = scoped.get(task.conjecture);
  const family = scoped.familyOf(conjecture);
  const deadline = performance.now() + task.timeLimitMs;
  const stop = () => performance.now() > deadline || Atomics.load(task.cancel, 0) === 1;
  const policy = new DecidingPolicy(task.path);
  const evaluator = new CandidateEvaluator(leanExactArithmetic, family, { conjecture, options: task.options }, task.steps, stop, policy);
  let decided = 0;
  let failureAt = -1;
  let stopped = false;
  for (const candidate of quotientOf(task).slice!(task.from, task.to)) {
    const evaluation = evaluator.evaluate(candidate);
    if (evaluation.stopped) {
      stopped = true;
      break;
    }
    decided++;
    if (evaluation.failure) {
      failureAt = task.from + decided - 1;
      break;
    }
  }
  return { decided, failureAt, stopped, trajectories: evaluator.trajectories, ...evaluator.totals, deciding: policy.figures };
}
