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

export function defineConjecture<F extends string>(c: StepConjecture<F>): StepConjecture<F>;
export function defineConjecture<F extends string>(c: TrajectoryConjecture<F>): TrajectoryConjecture<F>;
export function defineConjecture<F extends string>(c: ParameterConjecture<F>): ParameterConjecture<F>;
export function defineConjecture(c: Conjecture): Conjecture {
  return c;
}

export function defineFamily<P, I, B, G>(family: ModelFamily<P, I, B, G>): ModelFamily<P, I, B, G> {
  return family;
}
