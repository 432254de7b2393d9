import { CONJECTURES } from '../registry.js';
import { fluidLimitVerdict } from './fluid-limit.js';
import type { ServingConjecture } from './generic.js';
import { stabilityDecision } from './stability-threshold.js';
import type { ServingRunConjecture } from './types.js';

/**
 * The run-level seed-004 conjectures, in SPEC-serving §D order, as the
 * harness's registry lists them (one entry each, in conjectures/registry.ts);
 * `serving simulate` decides their event folds on a streamed run.
 */
const RUN_LEVEL: readonly ServingConjecture[] = CONJECTURES.filter(
  (c): c is ServingConjecture => c.family === 'serving' && 'fold' in c,
);

export const SERVING_RUN_CONJECTURES: readonly ServingRunConjecture[] = RUN_LEVEL.map((c) => c.fold);

/** Family-level ones, decided on their own inputs (see their files). */
export const SERVING_FAMILY_CONJECTURES = [fluidLimitVerdict, stabilityDecision] as const;

export const SERVING_CONJECTURE_IDS: readonly string[] = [...SERVING_RUN_CONJECTURES.map((c) => c.id), ...SERVING_FAMILY_CONJECTURES.map((c) => c.id)];
