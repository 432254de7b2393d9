import { describe, expect, it } from 'vitest';
import { exactArithmetic, Rational } from '../../../models/arithmetic/index.js';
import { theorySimulation } from '../../../models/theory-simulation/family.js';
import type { ParameterContext } from '../../../models/theory-simulation/context.js';
import { KernelClasses } from '../../../models/theory-simulation/kernel-classes.js';

/**
 * The screening kernel's classes and their exact values (kernel-classes.ts), on small cases
 * computed by hand. Their use inside runs is checked against the exact path in screen-kernel.test.ts.
 */

/** lB = 2, λ = (1, 2), l0 = 1: W = (2, 3·2/3) = (2, 2), B = 60, so an admission to (x, ·) is 30 − x. */
function twoStages(B = 60): KernelClasses {
  const params = theorySimulation.parseParams({ l0: 1, lA: 1, lB: 2, B, lambdaA: 1, lambdaB: 2 });
  const ctx = theorySimulation.context(exactArithmetic, params) as ParameterContext<Rational>;
  expect(ctx.setup.W.map(String)).toEqual(['2', '2']);
  return new KernelClasses(ctx.setup);
}

describe('the kernel classes', () => {
  it('gives 0 class 0 and equal values one class', () => {
    const classes = twoStages();
    expect(classes.of(Rational.ZERO)).toBe(0);
    const a = classes.of(Rational.of(3, 2));
    expect(classes.of(Rational.of(6, 4))).toBe(a);
    expect(classes.of(Rational.of(3, 2).add(Rational.of(1n, 1n << 200n)))).not.toBe(a);
    expect(classes.valueOf(a)!.equals(Rational.of(3, 2))).toBe(true);
  });

  it('computes an admission from the values it reads, and a cut stage from what stays above it', () => {
    const classes = twoStages();
    const x = classes.of(Rational.of(7));
    const admitted = classes.admission(Int32Array.of(x, 0));
    expect(String(classes.valueOf(admitted))).toBe('23'); // (60 − 2·7)/2
    // Cut at stage 0 of an advanced state (·, 10): keeps (60 − 2·10)/2 = 20.
    const ten = classes.of(Rational.of(10));
    expect(String(classes.valueOf(classes.cut(Int32Array.of(0, ten), 0)))).toBe('20');
    expect(String(classes.tokensFrom(Int32Array.of(x, ten), 0))).toBe('34');
    expect(String(classes.admissionValue(Int32Array.of(ten, x)))).toBe('20');
    // The class of B/W_j: one per stage.
    expect(classes.alone(1)).toBe(classes.alone(1));
    expect(String(classes.valueOf(classes.alone(1)))).toBe('30');
  });

  it('finds equal values computed along different recipes to be one class (canonical)', () => {
    const classes = twoStages();
    const seven = classes.of(Rational.of(7));
    const twentyThree = classes.admission(Int32Array.of(seven, 0));
    const sevenAgain = classes.admission(Int32Array.of(twentyThree, 0));
    expect(sevenAgain).not.toBe(seven);
    expect(classes.canonical(sevenAgain)).toBe(seven);
    expect(classes.canonical(twentyThree)).toBe(twentyThree);
    // An admission of exactly 0 is class 0.
    const thirty = classes.of(Rational.of(30));
    expect(classes.canonical(classes.admission(Int32Array.of(thirty, 0)))).toBe(0);
  });

  it('has no value for a class without a recipe, or one that reads such a class or grows too long', () => {
    const classes = twoStages();
    const unknown = classes.fresh();
    expect(classes.valueOf(unknown)).toBeNull();
    expect(classes.valueOf(classes.admission(Int32Array.of(unknown, 0)))).toBeNull();
    expect(classes.canonical(unknown)).toBe(unknown);
    const long = classes.of(Rational.of(1n, (1n << 300n) + 1n));
    expect(classes.valueOf(long)).toBeNull();
    expect(classes.admissionValue(Int32Array.of(long, 0))).toBeNull();
  });

  it('evaluates a chain of admissions as long as a long run without exhausting the stack', () => {
    const classes = twoStages();
    let id = classes.of(Rational.of(7));
    const length = 100_000;
    for (let i = 0; i < length; i++) id = classes.admission(Int32Array.of(id, 0));
    expect(String(classes.valueOf(id))).toBe('7'); // 7, 23, 7, … : an even number of steps
  });
});
