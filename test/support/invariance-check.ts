import fc from 'fast-check';
import { expect } from 'vitest';
import { exactArithmetic } from '../../models/arithmetic/exact.js';
import { Rational } from '../../models/arithmetic/rational.js';
import type { Candidate, Invariance, ModelFamily } from '../../models/family.js';
import { TIE_RULES, type TieRule } from '../../conjectures/support/tie-rule.js';
import type { Conjecture } from '../../conjectures/types.js';
import { evaluateCell } from '../../harness/engine/cell.js';

const STEPS = 14;

/** Every outcome of a conjecture on a candidate, as what decides a verdict: t, status, case, tie. */
function outcomes(conjecture: Conjecture, family: ModelFamily, c: Candidate, tie: TieRule): string[] {
  const seen: string[] = [];
  evaluateCell(
    family.context(exactArithmetic, c.params),
    () => family,
    [{ conjecture, options: { tie } }],
    { params: c.params, init: c.init, steps: STEPS },
    (_run, t, o) => {
      seen.push(`${t}:${o.status}${o.case ? `:${o.case}` : ''}${o.tie ? ':tie' : ''}`);
    },
    (_run, t, error) => seen.push(`${t}:threw ${String(error)}`),
  );
  return seen;
}

/**
 * The property behind a declared invariance: random candidates of the family's space (small
 * stage counts, wide budgets and rates) and their images under it give the same outcomes at
 * every t, under every tie rule. Returns fast-check's shrunk counterexample, or null.
 */
export function invarianceViolation(conjecture: Conjecture, family: ModelFamily, invariance: Invariance, numRuns: number): string | null {
  const bounds = family.search.fromFlags({ lB: '2..5', l0: '1..6', lattice: 3 });
  const space = family.search.space(bounds, conjecture);
  const check = fc.property(
    space.arbitrary().chain((c) => fc.tuple(fc.constant(c), invariance.images(c))),
    fc.constantFrom(...TIE_RULES),
    ([c, image], tie) => {
      expect(outcomes(conjecture, family, image, tie)).toEqual(outcomes(conjecture, family, c, tie));
    },
  );
  const result = fc.check(check, { numRuns, seed: 11 });
  return result.failed ? JSON.stringify(result.counterexample, (_, v) => (v instanceof Rational ? v.toString() : v)) : null;
}
