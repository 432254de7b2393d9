import { decideOverPairs } from './support/extrema-pairs.js';
import { byMargin } from '../support/outcome.js';
import type { StepConjecture } from '../types.js';
import { SCALE_FREE } from '../../models/theory-simulation/invariances.js';
import { worstOverPairs, type Span } from './support/kernel-extrema.js';
import type { KernelState } from '../../models/theory-simulation/screen-kernel.js';

export const caseDImpossible: StepConjecture<'theory-simulation'> = {
  id: 'case-d-impossible',
  statement: 'never Δ_m < 0 and Δ_n > 0 together (case D of seed 000 §6.4)',
  source: '000 §6.4, §8.1',
  family: 'theory-simulation',
  invariantUnder: SCALE_FREE,
  scope: 'step',
  preconditions: [],
  names: ['m', 'n'],
  margin: 'max(Δ_m, −Δ_n); holds iff ≥ 0, i.e. not case D',
  check(v, { tie }) {
    const { ar } = v;
    const d = decideOverPairs(v, tie, (m, n) => {
      const a = v.delta[m];
      const b = ar.neg(v.delta[n]);
      return ar.compare(a, b) >= 0 ? a : b;
    });
    return byMargin(
      ar,
      d.margin,
      { deltaM: v.delta[d.m], deltaN: v.delta[d.n], delta: v.delta, simulation: v.simulation },
      { positions: { m: d.m, n: d.n, argmax: v.argmaxS, argmin: v.argminS }, case: d.case, tie: d.tie },
    );
  },
  kernel: {
    check: (s) => worstOverPairs(s, notCaseD),
  },
};

/** max(Δ_m, −Δ_n), enclosed (negation is exact); where one side certainly dominates, the margin is that side exactly. */
function notCaseD(s: KernelState, m: number, n: number, out: Span): void {
  out.lo = Math.max(s.dLo[m], -s.dHi[n]);
  out.hi = Math.max(s.dHi[m], -s.dLo[n]);
  if (s.dLo[m] >= -s.dLo[n]) out.key = m + 1; // Δ_m
  else if (-s.dHi[n] >= s.dHi[m]) out.key = -(n + 1); // −Δ_n
}
