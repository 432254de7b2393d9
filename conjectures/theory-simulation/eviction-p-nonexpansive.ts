import { pNormSquared } from '../../models/theory-simulation/linear/energy.js';
import { byMargin } from '../support/outcome.js';
import { aStable } from './support/preconditions.js';
import type { StepConjecture } from '../types.js';
import { SCALE_FREE } from '../../models/theory-simulation/invariances.js';
import { byEnclosure } from '../support/kernel.js';

export const evictionPNonexpansive: StepConjecture<'theory-simulation'> = {
  id: 'eviction-p-nonexpansive',
  statement: 'at an eviction step, ‖xˢ‖_P after the eviction ≤ ‖xˢ‖_P after the advance, before it',
  source: '001 §8.2',
  family: 'theory-simulation',
  invariantUnder: SCALE_FREE,
  scope: 'eviction-step',
  appliesAt: (v) => v.record.evicted,
  preconditions: [aStable],
  names: [],
  margin: '‖M′ − M*‖²_P − ‖Mˢ − M*‖²_P, M′ the advanced state; holds iff ≥ 0',
  remark: 'the seed reports it failing (5 of 9 evictions shrink the distance)',
  check(v) {
    const { ar } = v;
    const advanced = v.record.simAdvanced!;
    const before = pNormSquared(ar, v.P, advanced.map((x) => ar.sub(x, v.ctx.setup.Nstar)));
    const after = v.VS;
    return byMargin(ar, ar.sub(before, after), { normSquaredBefore: before, normSquaredAfter: after, advanced, simulation: v.simulation });
  },
  kernel: {
    appliesAt: (s) => s.evicted,
    check(s) {
      s.evictionNormChange();
      return byEnclosure(s, s.marginLo, s.marginHi);
    },
  },
};
