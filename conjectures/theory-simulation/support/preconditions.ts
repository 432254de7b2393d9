import type { ParameterContext } from '../../../models/theory-simulation/context.js';

/** A condition on the parameters; a state where it is false is counted as vacuous. */
export interface Precondition {
  readonly id: string;
  readonly text: string;
  holds<N>(ctx: ParameterContext<N>): boolean;
}

export const aStable: Precondition = {
  id: 'A-stable',
  text: 'A stable (ρ(A) < 1, decided exactly)',
  holds: (ctx) => ctx.linear.stability.stable,
};
