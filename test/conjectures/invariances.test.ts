import { describe, expect, it } from 'vitest';
import { Rational } from '../../models/arithmetic/rational.js';
import type { Invariance } from '../../models/family.js';
import { registry } from '../../conjectures/registry.js';
import type { Conjecture } from '../../conjectures/types.js';
import { SCALE_FREE } from '../../models/theory-simulation/invariances.js';
import { invarianceViolation } from '../support/invariance-check.js';
import { planted } from '../support/planted.js';

/** The property for a conjecture of the registry (or one added to it here). */
function violation(conjecture: Conjecture, invariance: Invariance, numRuns: number): string | null {
  const family = registry.with(registry.has(conjecture.id) ? [] : [conjecture]).familyOf(conjecture);
  return invarianceViolation(conjecture, family, invariance, numRuns);
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
