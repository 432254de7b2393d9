import { registry } from '../../conjectures/registry.js';
import type { ConjectureOptions } from '../../conjectures/types.js';
import { leanExactArithmetic } from '../../models/arithmetic/lean.js';
import type { JsonValue } from '../../models/family.js';
import { registryWithModules } from '../config/user-config.js';
import { DecidingPolicy } from '../engine/deciding.js';
import type { DecidingPath } from '../schema.js';
import type { ListedElsewhere } from './check.js';
import { CandidateEvaluator } from './evaluate.js';
import { workerData } from 'node:worker_threads';

/** What the pool gives each worker once: the user modules that extend the registry. */
export interface ClassWorkerSetup {
  readonly modules: readonly string[];
}

/** A run of consecutive classes to decide, in order, as JSON (the family parses them back). */
export interface ClassTask {
  readonly conjecture: string;
  readonly options: ConjectureOptions;
  readonly steps: number;
  readonly path: DecidingPath;
  readonly candidates: readonly { readonly params: JsonValue; readonly init: JsonValue }[];
  /** The worker stops by itself when this much time has passed. */
  readonly timeLimitMs: number;
  /** Shared with the main thread: 1 once the answer is known, so that the task stops early. */
  readonly cancel: Int32Array;
}

export interface ClassTaskResult extends ListedElsewhere {
  /** Classes decided, from the first, the failing one included. */
  decided: number;
  /** Position of the first failing class (−1: none failed). */
  failureAt: number;
  /** The time limit stopped it before the end of the task. */
  stopped: boolean;
}

const setup = workerData as ClassWorkerSetup;
const scoped = await registryWithModules(registry, setup.modules);

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
  for (let i = 0; i < task.candidates.length; i++) {
    const raw = task.candidates[i];
    const evaluation = evaluator.evaluate({ params: family.parseParams(raw.params), init: family.parseInit(raw.init) });
    if (evaluation.stopped) {
      stopped = true;
      break;
    }
    decided++;
    if (evaluation.failure) {
      failureAt = i;
      break;
    }
  }
  return { decided, failureAt, stopped, trajectories: evaluator.trajectories, ...evaluator.totals, deciding: policy.figures };
}
