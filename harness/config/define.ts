import type { ModelFamily } from '../../models/family.js';
import type { Conjecture, ParameterConjecture, StepConjecture, TrajectoryConjecture } from '../../conjectures/types.js';

/**
 * What a research repository declares in its `conjecture.config.ts`: its own
 * conjectures (on the built-in families or its own) and its own model families.
 */
export interface UserConfig {
  readonly conjectures?: readonly Conjecture[];
  readonly families?: readonly ModelFamily[];
}

/** Typed identity helpers: they only give the editor and `tsc` the types. */
export function defineConfig(config: UserConfig): UserConfig {
  return config;
}

/** A conjecture, typed by its family (the family's views and context, where the family declares them). */
export function defineConjecture<const F extends string>(
  c: StepConjecture<F> | TrajectoryConjecture<F> | ParameterConjecture<F>,
): StepConjecture<F> | TrajectoryConjecture<F> | ParameterConjecture<F> {
  return c;
}

export function defineFamily<P, I, B, G>(family: ModelFamily<P, I, B, G>): ModelFamily<P, I, B, G> {
  return family;
}
