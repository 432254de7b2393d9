import { decideOverM } from './support/extrema-pairs.js';
import { byMargin } from '../support/outcome.js';
import type { StepConjecture } from '../types.js';
import { SCALE_FREE } from '../../models/theory-simulation/invariances.js';
import { worstOverArgmax, type Span } from './support/kernel-extrema.js';
import type { KernelState } from '../../models/theory-simulation/screen-kernel.js';

export const deltaAtArgmax: StepConjecture<'theory-simulation'> = {
  id: 'delta-at-argmax',
  statement: 'Δ_m ≥ 0 at m = argmax Mˢ',
  source: '000 §5.4, §8.1',
  family: 'theory-simulation',
  invariantUnder: SCALE_FREE,
  scope: 'step',
  preconditions: [],
  names: ['m'],
  margin: 'Δ_m; holds iff ≥ 0',
  check(v, { tie }) {
    const d = decideOverM(v, tie, (m) => v.delta[m]);
    return byMargin(
      v.ar,
      d.margin,
      { deltaM: v.delta[d.m], theoryM: v.theory[d.m], simulationM: v.simulation[d.m], delta: v.delta, simulation: v.simulation },
      { positions: { m: d.m, argmax: v.argmaxS }, tie: d.tie },
    );
  },
  kernel: {
    check: (s) => worstOverArgmax(s, deltaAt),
  },
};

/** Δ_m's enclosure. */
function deltaAt(s: KernelState, m: number, out: Span): void {
  out.lo = s.dLo[m];
  out.hi = s.dHi[m];
}
