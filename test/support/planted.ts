import type { ModelParams } from '../../models/theory-simulation/params.js';
import type { StepView } from '../../models/theory-simulation/step-view.js';
import type { StepConjecture } from '../../conjectures/types.js';

/**
 * A planted false conjecture: it fails exactly where `failsAt` says, so the
 * minimal counterexample of any search is known in advance.
 */
export function planted(id: string, failsAt: (p: ModelParams, t: number, view: StepView<unknown>) => boolean): StepConjecture<'theory-simulation'> {
  return {
    id,
    statement: `planted: ${id}`,
    source: 'test',
    family: 'theory-simulation',
    scope: 'step',
    preconditions: [],
    names: [],
    margin: '−1 where planted, 1 elsewhere',
    check(view) {
      const { ar } = view;
      const fails = failsAt(view.ctx.params, view.t, view as StepView<unknown>);
      return { status: fails ? 'fails' : 'holds', margin: fails ? ar.neg(ar.one) : ar.one, values: {} };
    },
  };
}

/** Ratio helper for planted conditions on p = λA/(λA+λB). */
export const share = (p: ModelParams) => p.lambdaA.div(p.lambdaA.add(p.lambdaB));
