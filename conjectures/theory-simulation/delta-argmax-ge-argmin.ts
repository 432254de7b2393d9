import { decideOverPairs } from './support/extrema-pairs.js';
import { byMargin } from '../support/outcome.js';
import type { StepConjecture } from '../types.js';
import { SCALE_FREE } from '../../models/theory-simulation/invariances.js';
import { worstOverPairs, type Span } from './support/kernel-extrema.js';
import { down, up } from '../../models/arithmetic/interval.js';
import type { KernelState } from '../../models/theory-simulation/screen-kernel.js';

export const deltaArgmaxGeArgmin: StepConjecture<'theory-simulation'> = {
  id: 'delta-argmax-ge-argmin',
  statement: 'Δ_m ≥ Δ_n at m = argmax Mˢ, n = argmin Mˢ',
  source: '000 §5.3, §6.4',
  family: 'theory-simulation',
  invariantUnder: SCALE_FREE,
  scope: 'step',
  preconditions: [],
  names: ['m', 'n'],
  margin: 'Δ_m − Δ_n; holds iff ≥ 0',
  check(v, { tie }) {
    const d = decideOverPairs(v, tie, (m, n) => v.ar.sub(v.delta[m], v.delta[n]));
    return byMargin(
      v.ar,
      d.margin,
      { deltaM: v.delta[d.m], deltaN: v.delta[d.n], delta: v.delta, simulation: v.simulation },
      { positions: { m: d.m, n: d.n, argmax: v.argmaxS, argmin: v.argminS }, case: d.case, tie: d.tie },
    );
  },
  kernel: {
    check: (s) => worstOverPairs(s, deltaDifference),
  },
};

/** Δ_m − Δ_n, enclosed (exactly 0 where both are the same exact value, or by their classes). */
function deltaDifference(s: KernelState, m: number, n: number, out: Span): void {
  const points = s.dLo[m] === s.dHi[m] && s.dLo[n] === s.dHi[n];
  if ((points && s.dLo[m] === s.dLo[n]) || s.sameDelta(m, n)) {
    out.lo = 0;
    out.hi = 0;
    return;
  }
  out.lo = down(s.dLo[m] - s.dHi[n]);
  out.hi = up(s.dHi[m] - s.dLo[n]);
}
