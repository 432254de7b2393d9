import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exactArithmetic, leanExactArithmetic, type Rational } from '../../../models/arithmetic/index.js';
import { theorySimulation } from '../../../models/theory-simulation/family.js';
import { LeanStepView } from '../../../models/theory-simulation/lean-step-view.js';
import type { StepView } from '../../../models/theory-simulation/step-view.js';
import type { ParameterContext } from '../../../models/theory-simulation/context.js';
import { mergedStartArb, paramsArb, SEED } from '../support/arbitraries.js';

/**
 * The lean view computes the shared quantities on integer numerators (P-forms over one
 * denominator, P·Δ and Σ W Δ by linearity); each must equal the Rational path's value, state
 * by state, before and after evictions, for stable and unstable A.
 */

const VECTORS = ['theory', 'simulation', 'delta', 'xT', 'xS'] as const;
const SCALARS = ['tokensT', 'tokensS', 'tokensDelta', 'maxT', 'minS', 'GS'] as const;
const ENERGIES = ['VT', 'VS', 'innerXsDelta', 'deltaNormP'] as const;

function views(ar: typeof exactArithmetic, params: unknown, init: unknown, steps: number): StepView<Rational>[] {
  return [...(theorySimulation.run(theorySimulation.context(ar, params as never), init as never, steps) as Iterable<StepView<Rational>>)];
}

const same = (a: Rational, b: Rational) => a.equals(b);
const sameVector = (a: readonly Rational[], b: readonly Rational[]) => a.length === b.length && a.every((x, i) => x.equals(b[i]));

describe('lean step view', () => {
  it('gives the Rational view’s values for every shared quantity', () => {
    let evictions = 0;
    let stableStates = 0;
    fc.assert(
      fc.property(
        paramsArb({ maxL0: 12, maxLA: 4, maxGap: 4 }).chain((p) => fc.tuple(fc.constant(p), mergedStartArb(p), fc.integer({ min: 1, max: 30 }))),
        ([params, init, steps]) => {
          const lean = views(leanExactArithmetic, params, init, steps);
          const rational = views(exactArithmetic, params, init, steps);
          expect(lean.length).toBe(rational.length);
          const exactStability = (theorySimulation.context(exactArithmetic, params) as ParameterContext<Rational>).linear.stability;
          const leanStability = (theorySimulation.context(leanExactArithmetic, params) as ParameterContext<Rational>).linear.stability;
          // The lean context decides stability fraction-free: the same decision, margin and degree.
          expect(leanStability.stable).toBe(exactStability.stable);
          expect(leanStability.margin.equals(exactStability.margin)).toBe(true);
          expect(leanStability.decidedAtDegree).toBe(exactStability.decidedAtDegree);
          const stable = exactStability.stable;
          lean.forEach((l, t) => {
            const r = rational[t];
            expect(l).toBeInstanceOf(LeanStepView);
            for (const key of VECTORS) expect(sameVector(l[key], r[key]), `${key} at t = ${t}`).toBe(true);
            for (const key of SCALARS) expect(same(l[key], r[key]), `${key} at t = ${t}`).toBe(true);
            expect(sameVector(l.record.eviction, r.record.eviction)).toBe(true);
            expect(sameVector(l.record.cohortEviction, r.record.cohortEviction)).toBe(true);
            if (t > 0) expect(sameVector(l.record.simAdvanced!, r.record.simAdvanced!)).toBe(true);
            if (l.record.evicted) evictions++;
            if (!stable) {
              expect(() => l.VT).toThrow(RangeError);
              return;
            }
            stableStates++;
            for (const key of ENERGIES) expect(same(l[key], r[key]), `${key} at t = ${t}`).toBe(true);
            expect(sameVector(l.PxS, r.PxS)).toBe(true);
          });
        },
      ),
      { seed: SEED, numRuns: 80 },
    );
    // The comparison must have covered evictions and stable cells.
    expect(evictions).toBeGreaterThan(0);
    expect(stableStates).toBeGreaterThan(0);
  });
});
