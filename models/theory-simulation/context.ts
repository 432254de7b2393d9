import type { Arithmetic } from '../arithmetic/arithmetic.js';
import { linearAnalysis, type LinearAnalysis } from './linear/analysis.js';
import type { ModelParams } from './params.js';
import { setupModel, type ModelSetup } from './setup.js';

/** Everything derived from one parameter set, shared by every run and conjecture on it. */
export interface ParameterContext<N> {
  readonly ar: Arithmetic<N>;
  readonly params: ModelParams;
  readonly setup: ModelSetup<N>;
  readonly linear: LinearAnalysis<N>;
}

export function parameterContext<N>(ar: Arithmetic<N>, params: ModelParams): ParameterContext<N> {
  const setup = setupModel(ar, params);
  return { ar, params, setup, linear: linearAnalysis(setup) };
}
