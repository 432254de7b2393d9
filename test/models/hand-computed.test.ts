import { describe, expect, it } from 'vitest';
import { exactArithmetic, Rational } from '../../models/arithmetic/index.js';
import { coupledRun, type CoupledRecord } from '../../models/theory-simulation/coupled.js';
import { canonicalInitial, mergedInitial, type InitialState } from '../../models/theory-simulation/initial-state.js';
import { validateParams, type RawParams } from '../../models/theory-simulation/params.js';
import { setupModel } from '../../models/theory-simulation/setup.js';
import { str } from './support/arbitraries.js';

/**
 * Merged models on small cases worked by hand (SPEC §3). Every number below
 * comes from the arithmetic in the comments, not from running the code.
 */

interface Expected {
  theory: string[];
  simulation: string[];
  /** [aᵀ, ã of the Simulation, aˢ] */
  admissions: [string, string, string];
  eviction: string[];
  cohortEviction: string[];
}

function run(raw: RawParams, init: InitialState, steps: number): CoupledRecord<Rational>[] {
  const params = validateParams(raw);
  const m = setupModel(exactArithmetic, params);
  return [...coupledRun(m, mergedInitial(params, init), steps)];
}

function expectSteps(records: CoupledRecord<Rational>[], t0: string[], want: Expected[]): void {
  expect(records).toHaveLength(want.length + 1);
  const [first, ...rest] = records;
  expect(first.t).toBe(0);
  expect(str(first.theory)).toEqual(t0);
  expect(str(first.simulation)).toEqual(t0);
  expect([first.theoryAdmission, first.desired, first.simAdmission, first.simAdvanced]).toEqual([null, null, null, null]);
  expect(first.evicted).toBe(false);
  rest.forEach((r, i) => {
    const w = want[i];
    expect(r.t).toBe(i + 1);
    expect(str(r.theory)).toEqual(w.theory);
    expect(str(r.simulation)).toEqual(w.simulation);
    expect([r.theoryAdmission, r.desired, r.simAdmission].map(String)).toEqual(w.admissions);
    expect(str(r.eviction)).toEqual(w.eviction);
    expect(r.evicted).toBe(w.eviction.some((e) => e !== '0'));
    expect(str(r.cohortEviction)).toEqual(w.cohortEviction);
  });
}

describe('hand-computed merged cases', () => {
  it('canonical start, partial eviction of the only decode stage (l0=1 lA=1 lB=2 B=18 λ=1,3)', () => {
    // p = 1/4, q = 3/4; W0 = 2, W1 = (1+2)·q = 9/4. Canonical M(0) = (18/2, 0) = (9, 0).
    // t=1: M' = (0, 9), E = 9/4·9 = 81/4, ã = (18 − 81/4)/2 = −9/8.
    //      Theory (−9/8, 9). Simulation: stage 1 holds 81/4 > 18, keeps 18/(9/4) = 8, evicts 1.
    // t=2: Theory M' = (0, −9/8), E = −81/32, ã = (18 + 81/32)/2 = 657/64.
    //      Simulation M' = (0, 0), ã = 18/2 = 9. Cohort now at stage 1 was admitted at t=1: lost nothing.
    // t=3: Theory M' = (0, 657/64), E = 9/4·657/64 = 5913/256, ã = (4608 − 5913)/256/2 = −1305/512.
    //      Simulation repeats t=1.
    const records = run({ l0: 1, lA: 1, lB: 2, B: 18, lambdaA: 1, lambdaB: 3 }, canonicalInitial(), 3);
    expectSteps(records, ['9', '0'], [
      { theory: ['-9/8', '9'], simulation: ['0', '8'], admissions: ['-9/8', '-9/8', '0'], eviction: ['0', '1'], cohortEviction: ['0', '1'] },
      { theory: ['657/64', '-9/8'], simulation: ['9', '0'], admissions: ['657/64', '9', '9'], eviction: ['0', '0'], cohortEviction: ['0', '0'] },
      { theory: ['-1305/512', '657/64'], simulation: ['0', '8'], admissions: ['-1305/512', '-9/8', '0'], eviction: ['0', '1'], cohortEviction: ['0', '1'] },
    ]);
    expect(str(records[1].simAdvanced!)).toEqual(['0', '9']);
  });

  it('unbalanced start, top stage kept whole and a partial eviction below it (l0=1 lA=1 lB=3 B=10 λ=1,1)', () => {
    // q = 1/2; W = (2, 3·q, 4·q) = (2, 3/2, 2). M(0) = (4, 4, 0) holds 14 tokens (unbalanced).
    // t=1: M' = (0, 4, 4), E = 3/2·4 + 2·4 = 14, ã = (10 − 14)/2 = −2. Theory (−2, 4, 4).
    //      Simulation: stage 2 holds 8 ≤ 10, kept; stage 1: 8 + 6 > 10, keeps (10 − 8)/(3/2) = 4/3,
    //      evicts 4 − 4/3 = 8/3. Check Σ W e = 3/2·8/3 = 4 = −W0·ã.
    // t=2: Theory M' = (0, −2, 4), E = −3 + 8 = 5, ã = 5/2.
    //      Simulation M' = (0, 0, 4/3), E = 8/3, ã = (10 − 8/3)/2 = 11/3; the evicted cohort moves to stage 2.
    // t=3: Theory M' = (0, 5/2, −2), E = 15/4 − 4 = −1/4, ã = (10 + 1/4)/2 = 41/8.
    //      Simulation M' = (0, 11/3, 0), E = 11/2, ã = (10 − 11/2)/2 = 9/4; the evicted cohort has completed.
    const init: InitialState = { kind: 'unbalanced', M0: [4, 4, 0].map(Rational.fromInteger) };
    const records = run({ l0: 1, lA: 1, lB: 3, B: 10, lambdaA: 1, lambdaB: 1 }, init, 3);
    expectSteps(records, ['4', '4', '0'], [
      { theory: ['-2', '4', '4'], simulation: ['0', '4/3', '4'], admissions: ['-2', '-2', '0'], eviction: ['0', '8/3', '0'], cohortEviction: ['0', '8/3', '0'] },
      { theory: ['5/2', '-2', '4'], simulation: ['11/3', '0', '4/3'], admissions: ['5/2', '11/3', '11/3'], eviction: ['0', '0', '0'], cohortEviction: ['0', '0', '8/3'] },
      { theory: ['41/8', '5/2', '-2'], simulation: ['9/4', '11/3', '0'], admissions: ['41/8', '9/4', '9/4'], eviction: ['0', '0', '0'], cohortEviction: ['0', '0', '0'] },
    ]);
  });

  it('balanced start, eviction spanning two stages (l0=1 lA=1 lB=3 B=10 λ=1,1)', () => {
    // W = (2, 3/2, 2). M(0) = (1/2, 6, 0): 2·1/2 + 3/2·6 = 1 + 9 = 10 = B (balanced).
    // t=1: M' = (0, 1/2, 6), E = 3/4 + 12 = 51/4, ã = (10 − 51/4)/2 = −11/8. Theory (−11/8, 1/2, 6).
    //      Simulation: stage 2 alone holds 12 > 10, keeps 10/2 = 5 and evicts 1; stage 1 is evicted
    //      entirely (1/2). Check Σ W e = 3/2·1/2 + 2·1 = 11/4 = −W0·ã.
    // t=2: Theory M' = (0, −11/8, 1/2), E = −33/16 + 1 = −17/16, ã = (10 + 17/16)/2 = 177/32.
    //      Simulation M' = (0, 0, 0), ã = 10/2 = 5.
    // t=3: Theory M' = (0, 177/32, −11/8), E = 531/64 − 176/64 = 355/64, ã = (640 − 355)/64/2 = 285/128.
    //      Simulation M' = (0, 5, 0), E = 15/2, ã = 5/4.
    const init: InitialState = { kind: 'balanced', M0: ['1/2', '6', '0'].map(Rational.parse) };
    const records = run({ l0: 1, lA: 1, lB: 3, B: 10, lambdaA: 1, lambdaB: 1 }, init, 3);
    expectSteps(records, ['1/2', '6', '0'], [
      { theory: ['-11/8', '1/2', '6'], simulation: ['0', '0', '5'], admissions: ['-11/8', '-11/8', '0'], eviction: ['0', '1/2', '1'], cohortEviction: ['0', '1/2', '1'] },
      { theory: ['177/32', '-11/8', '1/2'], simulation: ['5', '0', '0'], admissions: ['177/32', '5', '5'], eviction: ['0', '0', '0'], cohortEviction: ['0', '0', '1/2'] },
      { theory: ['285/128', '177/32', '-11/8'], simulation: ['5/4', '5', '0'], admissions: ['285/128', '5/4', '5/4'], eviction: ['0', '0', '0'], cohortEviction: ['0', '0', '0'] },
    ]);
  });

  it('admits exactly 0 without evicting when ã = 0', () => {
    // W = (2, 3/2, 2), M(0) = (4, 2, 0): M' = (0, 4, 2), E = 3/2·4 + 2·2 = 10 = B, ã = 0.
    const init: InitialState = { kind: 'unbalanced', M0: [4, 2, 0].map(Rational.fromInteger) };
    const [, r] = run({ l0: 1, lA: 1, lB: 3, B: 10, lambdaA: 1, lambdaB: 1 }, init, 1);
    expect(str(r.simulation)).toEqual(['0', '4', '2']);
    expect(str(r.theory)).toEqual(['0', '4', '2']);
    expect(r.evicted).toBe(false);
    expect(str(r.eviction)).toEqual(['0', '0', '0']);
  });
});
