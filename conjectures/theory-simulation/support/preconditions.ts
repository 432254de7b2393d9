import type { Precondition } from '../../types.js';

export const aStable: Precondition<'theory-simulation'> = {
  id: 'A-stable',
  text: 'A stable (ρ(A) < 1, decided exactly)',
  holds: (ctx) => ctx.linear.stability.stable,
};
