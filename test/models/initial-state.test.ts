import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exactArithmetic, float64Arithmetic, Rational } from '../../models/arithmetic/index.js';
import { InputError } from '../../models/errors.js';
import {
  canonicalInitial,
  describeInitialState,
  initialStateFromJson,
  initialStateToJson,
  latticeInitial,
  materialize,
  mergedInitial,
  perTypeInitial,
  perTypeLatticeInitial,
  type InitialState,
} from '../../models/theory-simulation/initial-state.js';
import { validateParams } from '../../models/theory-simulation/params.js';
import { mergedView } from '../../models/theory-simulation/per-type.js';
import { mergedTokens, setupModel } from '../../models/theory-simulation/setup.js';
import { mergedCaseArb, paramsArb, perTypeCaseArb, SEED, str } from './support/arbitraries.js';

/** Initial conditions (SPEC §3): construction, validation and JSON. */

// W = (2, 3·q, 4·q) = (2, 3/2, 2) with q = 1/2; Σ W = 11/2; N* = 10/(11/2) = 20/11.
const small = validateParams({ l0: 1, lA: 1, lB: 3, B: 10, lambdaA: 1, lambdaB: 1 });
const R = (xs: (string | number)[]) => xs.map((x) => (typeof x === 'number' ? Rational.fromInteger(x) : Rational.parse(x)));
const runs = { seed: SEED, numRuns: 60 };

function inputError(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).code).toBe('INVALID_INITIAL_STATE');
    return (e as Error).message;
  }
  throw new Error('expected an InputError');
}

describe('lattice initial states', () => {
  it('balanced M0 = u·B/Σ W_s u_s (hand example)', () => {
    // u = (1, 2, 0): Σ W u = 2 + 3 = 5, so M0 = u·10/5 = (2, 4, 0)
    const init = latticeInitial(small, 'balanced', [1, 2, 0]);
    expect(init).toMatchObject({ kind: 'balanced', lattice: [1, 2, 0] });
    expect(str(mergedInitial(small, init))).toEqual(['2', '4', '0']);
  });

  it('unbalanced M0 = u·N* (hand example)', () => {
    // u = (1, 2, 0), N* = 20/11
    const init = latticeInitial(small, 'unbalanced', [1, 2, 0]);
    expect(str(mergedInitial(small, init))).toEqual(['20/11', '40/11', '0']);
  });

  it('balanced lattice states hold exactly B tokens and are proportional to u', () => {
    const arb = paramsArb().chain((params) =>
      fc
        .array(fc.integer({ min: 0, max: 5 }), { minLength: params.lB, maxLength: params.lB })
        .filter((u) => u.some((x) => x > 0))
        .map((u) => ({ params, u })),
    );
    fc.assert(
      fc.property(arb, ({ params, u }) => {
        const m = setupModel(exactArithmetic, params);
        const M0 = mergedInitial(params, latticeInitial(params, 'balanced', u));
        expect(mergedTokens(m, M0).equals(params.B)).toBe(true);
        const i = u.findIndex((x) => x > 0);
        // M0_s · u_i = M0_i · u_s for every s
        M0.forEach((x, s) => expect(x.mul(Rational.fromInteger(u[i])).equals(M0[i].mul(Rational.fromInteger(u[s])))).toBe(true));
        const U = mergedInitial(params, latticeInitial(params, 'unbalanced', u));
        // N*·Σ W = B, so u·N* holds (Σ W u / Σ W)·B tokens
        U.forEach((x, s) => expect(x.equals(Rational.fromInteger(u[s]).mul(params.B).div(m.sumW))).toBe(true));
      }),
      runs,
    );
  });

  it.each([
    [[1, 2], 'a lattice initial state needs 3 coordinates (got 2)'],
    [[1, -1, 0], 'lattice coordinates must be non-negative integers (got [1, -1, 0])'],
    [[1, 0.5, 0], 'lattice coordinates must be non-negative integers (got [1, 0.5, 0])'],
    [[0, 0, 0], 'a lattice initial state needs at least one positive coordinate'],
  ])('rejects u = %j', (u, message) => {
    expect(inputError(() => latticeInitial(small, 'balanced', u))).toBe(message);
  });

  it('per-type lattice states are uA·N* and uB·N*', () => {
    const init = perTypeLatticeInitial(small, [3], [0, 1, 2]);
    expect(init.kind).toBe('per-type');
    const X = perTypeInitial(small, init);
    expect({ A: str(X.A), B: str(X.B) }).toEqual({ A: ['60/11'], B: ['0', '20/11', '40/11'] });
    expect(init).toMatchObject({ lattice: [3, 0, 1, 2] });
    expect(inputError(() => perTypeLatticeInitial(small, [1, 1], [0, 1, 2]))).toBe(
      'a per-type lattice state needs 1 type-A and 3 type-B coordinates',
    );
    expect(inputError(() => perTypeLatticeInitial(small, [1], [0, -1, 2]))).toBe(
      'lattice coordinates must be non-negative integers (got [1, 0, -1, 2])',
    );
  });
});

describe('mergedInitial and perTypeInitial', () => {
  it('canonical M(0) = (B/W0, 0, …, 0)', () => {
    // l0=10: W0 = 11, so 60/11
    const p = validateParams({ l0: 10, lA: 2, lB: 3, B: 60, lambdaA: 1, lambdaB: 1 });
    expect(str(mergedInitial(p, canonicalInitial()))).toEqual(['60/11', '0', '0']);
  });

  it('validates balanced and unbalanced states against the parameters', () => {
    // (2, 2, 1): 4 + 3 + 2 = 9 ≠ 10
    expect(inputError(() => mergedInitial(small, { kind: 'balanced', M0: R([2, 2, 1]) }))).toBe(
      'a balanced initial state must satisfy Σ W_s M_s = B = 10 (got 9)',
    );
    // (3, 0, 2): 6 + 0 + 4 = 10
    expect(str(mergedInitial(small, { kind: 'balanced', M0: R([3, 0, 2]) }))).toEqual(['3', '0', '2']);
    // an unbalanced state may hold any number of tokens, including none
    expect(str(mergedInitial(small, { kind: 'unbalanced', M0: R([0, 0, 0]) }))).toEqual(['0', '0', '0']);
    expect(inputError(() => mergedInitial(small, { kind: 'unbalanced', M0: R([1, 2]) }))).toBe(
      'M0 must have 3 entries, one per stage (got 2)',
    );
    expect(inputError(() => mergedInitial(small, { kind: 'balanced', M0: R([6, '-1/2', '1/2']) }))).toBe(
      'M0 must be non-negative (entry 1 is -1/2)',
    );
    expect(inputError(() => mergedInitial(small, perTypeLatticeInitial(small, [1], [1, 1, 1])))).toMatch(
      /per-type initial state has no merged form/,
    );
  });

  it('splits merged states p : q below lA (hand example)', () => {
    // λ = 1, 3: p = 1/4, q = 3/4; canonical M(0) = (18/2, 0) = (9, 0) → A = (9/4), B = (27/4, 0)
    const p = validateParams({ l0: 1, lA: 1, lB: 2, B: 18, lambdaA: 1, lambdaB: 3 });
    const X = perTypeInitial(p, canonicalInitial());
    expect({ A: str(X.A), B: str(X.B) }).toEqual({ A: ['9/4'], B: ['27/4', '0'] });
  });

  it('the merged view of the split is the merged state', () => {
    fc.assert(
      fc.property(mergedCaseArb(), ({ params, init }) => {
        const m = setupModel(exactArithmetic, params);
        expect(str(mergedView(m, perTypeInitial(params, init)))).toEqual(str(mergedInitial(params, init)));
      }),
      runs,
    );
  });

  it('validates per-type states', () => {
    expect(inputError(() => perTypeInitial(small, { kind: 'per-type', X0: { A: R([1, 1]), B: R([1, 1, 1]) } }))).toBe(
      'X0.A must have 1 entries, one per stage (got 2)',
    );
    expect(inputError(() => perTypeInitial(small, { kind: 'per-type', X0: { A: R([1]), B: R([1, -2, 1]) } }))).toBe(
      'X0.B must be non-negative (entry 1 is -2)',
    );
  });

  it('materializes exact states in any backend', () => {
    expect(materialize(float64Arithmetic, R(['1/4', 3]))).toEqual([0.25, 3]);
  });
});

describe('initial-state JSON', () => {
  const roundTrip = (init: InitialState) => initialStateFromJson(JSON.parse(JSON.stringify(initialStateToJson(init))));

  it('writes rationals as "p/q" strings', () => {
    expect(initialStateToJson(latticeInitial(small, 'unbalanced', [1, 2, 0]))).toEqual({
      kind: 'unbalanced',
      M0: ['20/11', '40/11', '0'],
      lattice: [1, 2, 0],
    });
    expect(initialStateToJson(canonicalInitial())).toEqual({ kind: 'canonical' });
  });

  it('round-trips merged states (with their lattice) exactly', () => {
    fc.assert(
      fc.property(mergedCaseArb(), ({ init }) => {
        expect(initialStateToJson(roundTrip(init))).toEqual(initialStateToJson(init));
      }),
      runs,
    );
    const lattice = latticeInitial(small, 'balanced', [0, 1, 3]);
    expect(roundTrip(lattice)).toMatchObject({ kind: 'balanced', lattice: [0, 1, 3] });
  });

  it('round-trips per-type states exactly', () => {
    fc.assert(
      fc.property(perTypeCaseArb(), ({ X0 }) => {
        const init: InitialState = { kind: 'per-type', X0 };
        expect(initialStateToJson(roundTrip(init))).toEqual(initialStateToJson(init));
      }),
      runs,
    );
  });

  it('round-trips the lattice of a per-type state', () => {
    const init = perTypeLatticeInitial(small, [1], [0, 1, 2]);
    expect(roundTrip(init)).toMatchObject({ lattice: [1, 0, 1, 2] });
  });

  it('reads numbers and decimal strings as exact rationals', () => {
    const init = initialStateFromJson({ kind: 'unbalanced', M0: [0.5, '2.25', '3/6'] });
    expect(init.kind === 'unbalanced' && str(init.M0)).toEqual(['1/2', '9/4', '1/2']);
  });

  it.each([
    [null, 'init must be an object such as {"kind":"canonical"}'],
    ['canonical', 'init must be an object such as {"kind":"canonical"}'],
    [{ kind: 'weird' }, 'init.kind must be one of "canonical", "balanced", "unbalanced", "per-type" (got "weird")'],
    [{}, 'init.kind must be one of "canonical", "balanced", "unbalanced", "per-type" (got undefined)'],
    [{ kind: 'balanced', M0: '1,2' }, 'init.M0 must be an array of rationals such as ["15", "3/4"]'],
    [{ kind: 'balanced', M0: ['1', 'x'] }, 'init.M0[1] must be a rational such as "3/4" (got "x")'],
    [{ kind: 'unbalanced', M0: [1, null] }, 'init.M0[1] must be a rational such as "3/4" (got null)'],
    [{ kind: 'per-type', X0: { A: ['1'], B: ['1/0'] } }, 'init.X0.B[0] must be a rational such as "3/4" (got "1/0")'],
    [{ kind: 'per-type' }, 'init.X0.A must be an array of rationals such as ["15", "3/4"]'],
  ])('rejects %j', (json, message) => {
    expect(inputError(() => initialStateFromJson(json))).toBe(message);
  });

  it('describes states for reports', () => {
    expect(describeInitialState(canonicalInitial())).toBe('canonical');
    expect(describeInitialState({ kind: 'balanced', M0: R(['1/2', 6, 0]) })).toBe('balanced M0=[1/2, 6, 0]');
    expect(describeInitialState({ kind: 'per-type', X0: { A: R([1]), B: R([0, 2]) } })).toBe('per-type A=[1] B=[0, 2]');
  });
});
