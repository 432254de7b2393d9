import { describe, expect, it } from 'vitest';
import { exactArithmetic, leanExactArithmetic, type Rational } from '../../models/arithmetic/index.js';
import { energyDecomposition } from '../../conjectures/theory-simulation/energy-decomposition.js';
import { tokenBalance } from '../../conjectures/theory-simulation/token-balance.js';
import type { ParameterContext } from '../../models/theory-simulation/context.js';
import { theorySimulation } from '../../models/theory-simulation/family.js';
import type { LeanRecord } from '../../models/theory-simulation/lean-run.js';
import { LeanConstants, LeanStepView } from '../../models/theory-simulation/lean-step-view.js';
import type { StepView } from '../../models/theory-simulation/step-view.js';

/**
 * The identities' exact kernels decide a state only where the identity holds, in integers:
 * planted states where it fails (a token sum off by one; a P that is not symmetric, where the
 * energy decomposition no longer follows from bilinearity) are left to `check`, which finds
 * them failing; a view of the Rational path is always left to `check`.
 */

// A stable A whose models part at the first step (an unbalanced start above B's share).
const params = theorySimulation.parseParams({ l0: 8, lA: 1, lB: 4, B: '60', lambdaA: '1', lambdaB: '1' });
const init = theorySimulation.parseInit({ kind: 'unbalanced', M0: ['30', '0', '0', '0'] });
const lean = theorySimulation.context(leanExactArithmetic, params) as ParameterContext<Rational>;

function leanViews(steps: number): LeanStepView[] {
  return [...theorySimulation.run(lean, init, steps)] as LeanStepView[];
}

const numeratorsOf = (v: LeanStepView) => (v.record as LeanRecord).numerators;

/** The same state with other numerators or constants (the rest of the record is not read by these conjectures). */
function planted(v: LeanStepView, change: { theory?: bigint[]; simulation?: bigint[]; constants?: LeanConstants }): LeanStepView {
  const { D, theory, simulation } = numeratorsOf(v);
  const record = { ...v.record, t: v.t, numerators: { D, theory: change.theory ?? theory, simulation: change.simulation ?? simulation } } as unknown as LeanRecord;
  return new LeanStepView(lean, record, change.constants ?? new LeanConstants(lean));
}

describe('exact kernels of the identities', () => {
  const views = leanViews(8);
  const parted = views.filter((v) => numeratorsOf(v).theory !== numeratorsOf(v).simulation);

  it('decide the states where the identities hold: holds, margin exactly 0, as check says', () => {
    expect(parted.length).toBeGreaterThan(3);
    for (const v of views.slice(1)) {
      for (const c of [tokenBalance, energyDecomposition]) {
        const kernel = c.exactKernel!(v as never);
        const full = c.check(v as never, { tie: 'all' });
        expect(full.status).toBe('holds');
        expect(kernel).not.toBeNull();
        expect(kernel!.status).toBe('holds');
        expect((kernel!.margin as Rational).compare(full.margin as Rational)).toBe(0);
      }
    }
  });

  it('leave token sums off by one to check, which finds them failing (either model, or both alike)', () => {
    const offByOne = (xs: readonly bigint[]) => xs.map((x, s) => (s === 0 ? x + 1n : x));
    for (const v of parted) {
      const { theory, simulation } = numeratorsOf(v);
      const variants = [{ theory: offByOne(theory) }, { simulation: offByOne(simulation) }, { theory: offByOne(theory), simulation: offByOne(simulation) }];
      for (const off of variants.map((change) => planted(v, change))) {
        expect(tokenBalance.exactKernel!(off as never)).toBeNull();
        expect(tokenBalance.check(off as never, { tie: 'all' }).status).toBe('fails');
      }
    }
  });

  it('leave a decomposition with a P that is not symmetric to check, which finds it failing', () => {
    const exact = new LeanConstants(lean);
    const { n, d } = exact.P;
    const skewed = Object.create(exact, { P: { value: { n: n.map((x, k) => (k === 1 ? x + d : x)), d } } }) as LeanConstants;
    let failing = 0;
    for (const v of parted) {
      const off = planted(v, { constants: skewed });
      const full = energyDecomposition.check(off as never, { tie: 'all' });
      if (full.status === 'fails') failing++;
      if (full.status === 'fails') expect(energyDecomposition.exactKernel!(off as never)).toBeNull();
      else expect(energyDecomposition.exactKernel!(off as never)?.status).toBe('holds');
    }
    expect(failing).toBeGreaterThan(0);
  });

  it('leave views of the Rational path to check', () => {
    const rational = theorySimulation.context(exactArithmetic, params);
    for (const v of [...theorySimulation.run(rational, init, 4)] as StepView<Rational>[]) {
      expect(tokenBalance.exactKernel!(v as never)).toBeNull();
      expect(energyDecomposition.exactKernel!(v as never)).toBeNull();
    }
  });
});
