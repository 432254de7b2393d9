import { describe, expect, it } from 'vitest';
import { leanExactArithmetic } from '../../models/arithmetic/index.js';
import { KERNEL_UNDECIDED } from '../../conjectures/support/kernel.js';
import type { Outcome } from '../../conjectures/support/outcome.js';
import type { Conjecture, StepConjecture } from '../../conjectures/types.js';
import { gDominance } from '../../conjectures/theory-simulation/g-dominance.js';
import { evaluateCell, type ConjectureRun } from '../../harness/engine/cell.js';
import { DecidingPolicy } from '../../harness/engine/deciding.js';
import { intervalArithmetic } from '../../models/arithmetic/interval.js';
import { theorySimulation } from '../../models/theory-simulation/family.js';

/**
 * A predicate that returns something other than an outcome (a user conjecture's bug) is an
 * error of that conjecture at that state, never a verdict: before, `check` returning 42 was
 * tallied as a state checked and not failed, and a sweep called the conjecture verified.
 * Asserted where outcomes enter the harness: `check` and `exactKernel` on the exact path, and
 * `check` on an exact view where a screening kernel leaves a state undecided.
 */

const params = theorySimulation.parseParams({ l0: 3, lA: 1, lB: 3, B: '60', lambdaA: '1', lambdaB: '1' });
const init = theorySimulation.parseInit({ kind: 'canonical' });
const cell = { params, init, steps: 30 };
const holds = (v: { ar: { zero: unknown } }) => ({ status: 'holds', margin: v.ar.zero, values: {} }) as Outcome<never>;
const planted = (changes: Partial<StepConjecture<'theory-simulation'>>) => ({ ...gDominance, id: 'returns-junk', ...changes }) as unknown as Conjecture;

function decided(conjecture: Conjecture, path: 'exact' | 'filtered' | null) {
  const outcomes: Outcome<unknown>[] = [];
  const errors: string[] = [];
  const runs: ConjectureRun[] = [{ conjecture, options: { tie: 'all' } }];
  const sink = (_: number, __: number, o: Outcome<unknown>) => void outcomes.push(o);
  const onError = (_: number, __: number, e: unknown) => void errors.push(e instanceof Error ? e.message : String(e));
  if (path === null) evaluateCell(theorySimulation.context(leanExactArithmetic, params), () => theorySimulation, runs, cell, sink, onError);
  else
    new DecidingPolicy(path, 0).decide({
      runs,
      cell,
      exactContext: () => theorySimulation.context(leanExactArithmetic, params),
      screenContext: () => theorySimulation.context(intervalArithmetic, params),
      families: () => theorySimulation,
      sink,
      onError,
    });
  return { outcomes, errors };
}

describe('what a predicate returns', () => {
  const junk: unknown[] = [42, 'holds', {}, { status: 'holds' }, { status: 'passes', values: {} }, true];

  it('is an error of the conjecture when check returns something that is not an outcome', () => {
    for (const value of junk) {
      const r = decided(planted({ kernel: undefined, check: () => value as never }), null);
      expect(r.outcomes).toEqual([]);
      expect(r.errors).toHaveLength(1);
      expect(r.errors[0]).toMatch(/^returns-junk returned .*, not an outcome/);
    }
  });

  it('is an error of the conjecture when an exact kernel returns something that is not an outcome', () => {
    for (const value of junk) {
      const r = decided(planted({ kernel: undefined, check: holds as never, exactKernel: () => value as never }), null);
      expect(r.outcomes).toEqual([]);
      expect(r.errors[0]).toMatch(/^returns-junk returned .*, not an outcome/);
    }
  });

  it('is an error of the conjecture when check, asked on an exact view for a state a screening kernel left undecided, returns junk', () => {
    const r = decided(planted({ kernel: { check: () => KERNEL_UNDECIDED }, check: () => 42 as never }), 'filtered');
    expect(r.outcomes).toEqual([]);
    expect(r.errors).toEqual([expect.stringMatching(/^returns-junk returned 42, not an outcome/)]);
  });

  it('passes outcomes and null through unchanged', () => {
    const r = decided(planted({ kernel: undefined, check: holds as never }), null);
    expect(r.errors).toEqual([]);
    expect(r.outcomes).toHaveLength(31);
    const none = decided(planted({ kernel: undefined, check: () => null as never }), null);
    expect(none).toEqual({ outcomes: [], errors: [] });
  });
});
