import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exactArithmetic } from '../../models/arithmetic/exact.js';
import { Rational } from '../../models/arithmetic/rational.js';
import type { Candidate, Invariance, ModelFamily } from '../../models/family.js';
import { registry } from '../../conjectures/registry.js';
import { TIE_RULES, type TieRule } from '../../conjectures/support/tie-rule.js';
import type { Conjecture } from '../../conjectures/types.js';
import { evaluateCell } from '../../harness/engine/cell.js';
import { SCALE_FREE } from '../../models/theory-simulation/invariances.js';
import { planted } from '../support/planted.js';

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

/** A candidate whose outcomes differ from one of its images under the invariance, or null (fast-check's shrunk one). */
function violation(conjecture: Conjecture, invariance: Invariance, numRuns: number): string | null {
  const family = registry.with(registry.has(conjecture.id) ? [] : [conjecture]).familyOf(conjecture);
  // Small stage counts keep runs short; budgets and rates range widely.
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

describe('every declared invariance holds for the conjecture that declares it', () => {
  const declaring = registry.list().filter((c) => (c.invariantUnder ?? []).length > 0);

  it('covers every built-in Theory/Simulation conjecture', () => {
    const families = new Set(['theory-simulation', 'theory-simulation-per-type']);
    const ids = registry.list().filter((c) => families.has(c.family)).map((c) => c.id);
    expect(declaring.map((c) => c.id).sort()).toEqual(ids.sort());
  });

  for (const conjecture of declaring) {
    const family = registry.familyOf(conjecture);
    for (const id of conjecture.invariantUnder!) {
      it(`${conjecture.id} under ${id}`, () => {
        const invariance = family.search.invariances!.find((i) => i.id === id)!;
        expect(violation(conjecture, invariance, 60)).toBeNull();
      });
    }
  }

  it('catches a conjecture that declares invariances it does not have', () => {
    // Fails iff B ≥ 3: scaling B changes the verdict, so the declaration is false.
    const onB = { ...planted('reads-B', (p) => p.B.compare(Rational.fromInteger(3)) >= 0), invariantUnder: SCALE_FREE };
    // Fails iff λA ≥ 2: scaling the rates changes it.
    const onRates = { ...planted('reads-rates', (p) => p.lambdaA.compare(Rational.fromInteger(2)) >= 0), invariantUnder: SCALE_FREE };
    const [scaleB, scaleRates] = registry.family('theory-simulation').search.invariances!;
    expect(violation(onB, scaleB, 100)).not.toBeNull();
    expect(violation(onRates, scaleRates, 100)).not.toBeNull();
  });
});

describe('declared invariances are checked against the family', () => {
  it('refuses an invariance id the family does not have', () => {
    const bad = { ...planted('bad-declaration', () => false), invariantUnder: ['scale-l0'] };
    expect(() => registry.with([bad])).toThrow(/declares an invariance "scale-l0" that family "theory-simulation" does not have/);
  });
});
