import { batchClock } from './batch-clock.js';
import { conservation } from './conservation.js';
import { fcfsFirstAdmission } from './fcfs-first-admission.js';
import { fluidLimitVerdict } from './fluid-limit.js';
import type { ServingConjecture } from './generic.js';
import { lifoVictimStrict } from './lifo-victim-strict.js';
import { lifoVictim } from './lifo-victim.js';
import { littleExact } from './little-exact.js';
import { littleSnapshot } from './little-snapshot.js';
import { memoryBound } from './memory-bound.js';
import { minimalEviction } from './minimal-eviction.js';
import { noStall } from './no-stall.js';
import { runningProtected } from './running-protected.js';
import { stabilityDecision } from './stability-threshold.js';
import { swappedPriority } from './swapped-priority.js';
import type { ServingRunConjecture } from './types.js';

/**
 * The run-level seed-004 conjectures in SPEC-serving §D order. The harness's
 * registry (conjectures/registry.ts) lists each generic conjecture once; this
 * list gives `serving simulate` their event folds, decided on a streamed run.
 */
const RUN_LEVEL: readonly ServingConjecture[] = [
  conservation,
  memoryBound,
  fcfsFirstAdmission,
  lifoVictim,
  lifoVictimStrict,
  swappedPriority,
  runningProtected,
  minimalEviction,
  noStall,
  batchClock,
  littleExact,
  littleSnapshot,
];

export const SERVING_RUN_CONJECTURES: readonly ServingRunConjecture[] = RUN_LEVEL.map((c) => c.fold);

/** Family-level ones, decided on their own inputs (see their files). */
export const SERVING_FAMILY_CONJECTURES = [fluidLimitVerdict, stabilityDecision] as const;

export const SERVING_CONJECTURE_IDS: readonly string[] = [...SERVING_RUN_CONJECTURES.map((c) => c.id), ...SERVING_FAMILY_CONJECTURES.map((c) => c.id)];
