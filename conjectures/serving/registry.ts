import { batchClock } from './batch-clock.js';
import { conservation } from './conservation.js';
import { fcfsFirstAdmission } from './fcfs-first-admission.js';
import { fluidLimit } from './fluid-limit.js';
import { lifoVictimStrict } from './lifo-victim-strict.js';
import { lifoVictim } from './lifo-victim.js';
import { littleExact } from './little-exact.js';
import { littleSnapshot } from './little-snapshot.js';
import { memoryBound } from './memory-bound.js';
import { minimalEviction } from './minimal-eviction.js';
import { noStall } from './no-stall.js';
import { runningProtected } from './running-protected.js';
import { stabilityThreshold } from './stability-threshold.js';
import { swappedPriority } from './swapped-priority.js';
import type { ServingFamilyConjecture, ServingRunConjecture } from './types.js';

/** Run-level seed-004 conjectures (decided on one run), in SPEC-serving §D order. */
export const SERVING_RUN_CONJECTURES: readonly ServingRunConjecture[] = [
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

/** Family-level ones (each with its own input, see its file). */
export const SERVING_FAMILY_CONJECTURES = [fluidLimit, stabilityThreshold] as const satisfies readonly ServingFamilyConjecture<never>[] | readonly unknown[];

export const SERVING_CONJECTURE_IDS: readonly string[] = [...SERVING_RUN_CONJECTURES.map((c) => c.id), ...SERVING_FAMILY_CONJECTURES.map((c) => c.id)];
