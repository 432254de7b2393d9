import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exactArithmetic } from '../../models/arithmetic/exact.js';
import { Rational } from '../../models/arithmetic/rational.js';
import { parameterContext } from '../../models/theory-simulation/context.js';
import { THEORY_FEATURES } from '../../models/theory-simulation/features.js';
import { validateParams } from '../../models/theory-simulation/params.js';
import { paramsArb, positiveRational, SEED } from './support/arbitraries.js';

const feature = (name: string) => THEORY_FEATURES.features.find((f) => f.name === name)!;

describe('the Theory/Simulation features', () => {
  it('stable is the exact decision for every parameter set, however budgets and rate scales repeat (decided once per shape)', () => {
    const stable = feature('stable');
    fc.assert(
      fc.property(paramsArb({ maxL0: 12, maxLA: 4, maxGap: 4 }), positiveRational(9, 4), positiveRational(9, 4), (params, B, scale) => {
        // The same lengths and share under another budget and rate scale, then the original.
        const scaled = validateParams({ ...params, B, lambdaA: params.lambdaA.mul(scale), lambdaB: params.lambdaB.mul(scale) });
        for (const p of [scaled, params]) {
          const exact = () => parameterContext(exactArithmetic, p);
          expect(stable.value(p, { kind: 'canonical' } as never, exact)).toBe(exact().linear.stability.stable);
        }
      }),
      { seed: SEED, numRuns: 150 },
    );
  });

  it('p is the share λA/(λA+λB), exactly', () => {
    const params = validateParams({ l0: 1, lA: 1, lB: 2, B: 60, lambdaA: Rational.of(2, 3), lambdaB: 1 });
    expect(feature('p').value(params, { kind: 'canonical' } as never, () => null)).toBe('2/5');
  });
});
