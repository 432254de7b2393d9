import type { ParameterContext } from '../../../models/theory-simulation/context.js';
import type { PerTypeStepView, StepView } from '../../../models/theory-simulation/step-view.js';
import type { KernelState } from '../../../models/theory-simulation/screen-kernel.js';

/** The Theory/Simulation families' context and views, for their conjectures' types (see FamilyTypes). */
declare module '../../types.js' {
  interface FamilyTypes<N> {
    'theory-simulation': { context: ParameterContext<N>; view: StepView<N>; kernel: KernelState };
    'theory-simulation-per-type': { context: ParameterContext<N>; view: PerTypeStepView<N> };
  }
}
