import { byMargin } from '../support/outcome.js';
import type { StepConjecture } from '../types.js';
import { SCALE_FREE } from '../../models/theory-simulation/invariances.js';
import { byEnclosure } from '../support/kernel.js';
import { down, up } from '../../models/arithmetic/interval.js';
import { KernelState } from '../../models/theory-simulation/screen-kernel.js';

export const gDominance: StepConjecture<'theory-simulation'> = {
  id: 'g-dominance',
  statement: 'Gᵀ(t) ≥ Gˢ(t): the Theory spread is at least the Simulation spread',
  source: '000 §4.1',
  family: 'theory-simulation',
  invariantUnder: SCALE_FREE,
  scope: 'step',
  preconditions: [],
  names: [],
  margin: 'Gᵀ − Gˢ; holds iff ≥ 0',
  check(v) {
    return byMargin(v.ar, v.ar.sub(v.GT, v.GS), { GT: v.GT, GS: v.GS, theory: v.theory, simulation: v.simulation });
  },
  kernel: {
    check(s) {
      if (s.identical) return byEnclosure(s, 0, 0);
      // Gᵀ − Gˢ = (max Mᵀ − max Mˢ) − (min Mᵀ − min Mˢ): extrema of one class cancel exactly.
      KernelState.difference(s.maxT, s.maxS, tops);
      KernelState.difference(s.minT, s.minS, bottoms);
      if (tops.lo === 0 && tops.hi === 0 && bottoms.lo === 0 && bottoms.hi === 0) return byEnclosure(s, 0, 0);
      return byEnclosure(s, down(tops.lo - bottoms.hi), up(tops.hi - bottoms.lo));
    },
  },
};

const tops = { lo: 0, hi: 0 };
const bottoms = { lo: 0, hi: 0 };
