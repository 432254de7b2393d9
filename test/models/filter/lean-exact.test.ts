import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exactArithmetic, leanExactArithmetic, Rational } from '../../../models/arithmetic/index.js';
import { CONJECTURES, Registry } from '../../../conjectures/registry.js';
import type { Outcome } from '../../../conjectures/support/outcome.js';
import { evaluateCell } from '../../../harness/engine/cell.js';
import { witnessToJson } from '../../../harness/search/counterexample.js';
import { theorySimulation } from '../../../models/theory-simulation/family.js';
import { mergedStartArb, paramsArb, SEED } from '../support/arbitraries.js';

/**
 * The lean exact path (integer numerators over one common denominator, no gcd per step)
 * gives the same outcomes as the Rational path, value for value, on randomised cells:
 * every conjecture, every state, status, exact margin, witness, positions, case, tie. The
 * views are compared with the identities' exact kernels set aside (they leave the witnesses
 * of holding states out); with them, everything but those witnesses.
 */

const registry = new Registry(CONJECTURES);
// The lean path is the Theory/Simulation families' own: their conjectures are compared.
const theoryConjectures = CONJECTURES.filter((c) => registry.familyOf(c).domain === 'theory-simulation');
const withKernels = theoryConjectures.map((conjecture) => ({ conjecture, options: { tie: 'all' as const } }));
const viewsOnly = withKernels.map((r) => ({ ...r, conjecture: { ...r.conjecture, exactKernel: undefined } as typeof r.conjecture }));
const kernelled = new Set(theoryConjectures.filter((c) => c.scope !== 'parameters' && c.scope !== 'trajectory' && c.exactKernel).map((c) => c.id));

function outcomes(ar: typeof exactArithmetic, params: unknown, init: unknown, steps: number, runs = viewsOnly) {
  const out: string[] = [];
  const ctx = theorySimulation.context(ar, params as never);
  evaluateCell(
    ctx,
    (c) => registry.familyOf(c),
    runs,
    { params, init, steps },
    (i, t, o: Outcome<Rational>, facts) => {
      out.push(
        JSON.stringify({
          c: runs[i].conjecture.id,
          t,
          s: o.status,
          m: o.margin?.toString(),
          w: witnessToJson(ar, o),
          case: o.case,
          tie: o.tie,
          note: o.note,
          d: facts.evictionDepth,
        }),
      );
    },
    (i, t, e) => out.push(`error ${runs[i].conjecture.id} ${t} ${String(e)}`),
  );
  return out;
}

describe('lean exact path', () => {
  it('gives the Rational path outcomes on randomised cells (every conjecture, every state)', () => {
    fc.assert(
      fc.property(
        paramsArb({ maxL0: 12, maxLA: 4, maxGap: 4 }).chain((p) => fc.tuple(fc.constant(p), mergedStartArb(p), fc.integer({ min: 0, max: 40 }))),
        ([params, init, steps]) => {
          expect(outcomes(leanExactArithmetic, params, init, steps)).toEqual(outcomes(exactArithmetic, params, init, steps));
        },
      ),
      { seed: SEED, numRuns: 60 },
    );
  });

  it("decides the identities' holding states on integers as the Rational path does (status, margin; witnesses left out)", () => {
    expect([...kernelled].sort()).toEqual(['energy-decomposition', 'token-balance']);
    let decided = 0;
    fc.assert(
      fc.property(
        paramsArb({ maxL0: 12, maxLA: 4, maxGap: 4 }).chain((p) => fc.tuple(fc.constant(p), mergedStartArb(p), fc.integer({ min: 0, max: 40 }))),
        ([params, init, steps]) => {
          const lean = outcomes(leanExactArithmetic, params, init, steps, withKernels).map((o) => JSON.parse(o));
          const rational = outcomes(exactArithmetic, params, init, steps, withKernels).map((o) => JSON.parse(o));
          expect(lean.length).toBe(rational.length);
          lean.forEach((o, k) => {
            const r = rational[k];
            if (kernelled.has(o.c) && o.s === 'holds' && Object.keys(o.w).length === 0 && Object.keys(r.w).length > 0) {
              decided++;
              o.w = r.w;
            }
            expect(o).toEqual(r);
          });
        },
      ),
      { seed: SEED, numRuns: 60 },
    );
    // The kernels decided states (a kernel that never answers would pass the comparison alone).
    expect(decided).toBeGreaterThan(100);
  });

  it('agrees on a long trajectory with hundreds of bits (seed 001 shape, 120 steps)', () => {
    const params = theorySimulation.parseParams({ l0: 200, lA: 4, lB: 7, B: '1000', lambdaA: '1', lambdaB: '1' });
    const init = theorySimulation.parseInit({ kind: 'canonical' });
    expect(outcomes(leanExactArithmetic, params, init, 120)).toEqual(outcomes(exactArithmetic, params, init, 120));
  });

  it('keys equal values equally whatever their stored form', () => {
    const a = Rational.lazy(6n, 4n);
    const b = Rational.lazy(-9n, 6n).neg();
    expect(leanExactArithmetic.key(a)).toBe(leanExactArithmetic.key(b));
    expect(leanExactArithmetic.key(Rational.lazy(0n, 5n))).toBe(leanExactArithmetic.key(Rational.lazy(0n, 7n)));
  });
});
