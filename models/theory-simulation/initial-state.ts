import { exactArithmetic } from '../arithmetic/exact.js';
import { Rational } from '../arithmetic/rational.js';
import type { Arithmetic } from '../arithmetic/arithmetic.js';
import { InputError } from '../errors.js';
import type { ModelParams } from './params.js';
import type { PerTypeState } from './per-type.js';
import { mergedTokens, setupModel, type ModelSetup } from './setup.js';

/**
 * Initial conditions (SPEC §3). Both models of a coupled run start from the
 * same state. Initial states are exact data, whatever arithmetic a run uses.
 *
 * `lattice` records the integer coordinates a state was generated from (search
 * and sweeps order initial states by them); it is informational in JSON.
 */
export type InitialState =
  | { readonly kind: 'canonical' }
  | { readonly kind: 'balanced' | 'unbalanced'; readonly M0: readonly Rational[]; readonly lattice?: readonly number[] }
  | { readonly kind: 'per-type'; readonly X0: PerTypeState<Rational>; readonly lattice?: readonly number[] };

export type InitialStateJson =
  | { kind: 'canonical' }
  | { kind: 'balanced' | 'unbalanced'; M0: string[]; lattice?: number[] }
  | { kind: 'per-type'; X0: { A: string[]; B: string[] }; lattice?: number[] };

const CANONICAL: InitialState = Object.freeze({ kind: 'canonical' });

export const canonicalInitial = (): InitialState => CANONICAL;

const bad = (message: string) => new InputError('INVALID_INITIAL_STATE', message);

/**
 * A state on the integer lattice u ∈ ℕ^lB (u ≠ 0):
 * balanced M0 = u·B/Σ W_s u_s (token balance holds), unbalanced M0 = u·N*.
 */
export function latticeInitial(params: ModelParams, kind: 'balanced' | 'unbalanced', u: readonly number[], setup?: ModelSetup<Rational>): InitialState {
  if (u.length !== params.lB) throw bad(`a lattice initial state needs ${params.lB} coordinates (got ${u.length})`);
  if (u.some((x) => !Number.isSafeInteger(x) || x < 0)) {
    throw bad(`lattice coordinates must be non-negative integers (got [${u.join(', ')}])`);
  }
  if (u.every((x) => x === 0)) throw bad('a lattice initial state needs at least one positive coordinate');
  const m = setup ?? setupModel(exactArithmetic, params);
  const U = u.map((x) => Rational.fromInteger(x));
  const scale = kind === 'balanced' ? params.B.div(mergedTokens(m, U)) : m.Nstar;
  return { kind, M0: U.map((x) => x.mul(scale).normalized()), lattice: [...u] };
}

/**
 * A per-type state on the lattice: X0.A = uA·N*, X0.B = uB·N* (not necessarily
 * balanced or proportional). `lattice` lists uA then uB.
 */
export function perTypeLatticeInitial(params: ModelParams, uA: readonly number[], uB: readonly number[], setup?: ModelSetup<Rational>): InitialState {
  if (uA.length !== params.lA || uB.length !== params.lB) {
    throw bad(`a per-type lattice state needs ${params.lA} type-A and ${params.lB} type-B coordinates`);
  }
  const u = [...uA, ...uB];
  if (u.some((x) => !Number.isSafeInteger(x) || x < 0)) {
    throw bad(`lattice coordinates must be non-negative integers (got [${u.join(', ')}])`);
  }
  const { Nstar } = setup ?? setupModel(exactArithmetic, params);
  const scale = (xs: readonly number[]) => xs.map((x) => Rational.fromInteger(x).mul(Nstar));
  return { kind: 'per-type', X0: { A: scale(uA), B: scale(uB) }, lattice: u };
}

/** Merged M(0) for an initial state (exact), validated against the parameters (`setup`: theirs, when already built). */
export function mergedInitial(params: ModelParams, init: InitialState, setup?: ModelSetup<Rational>): Rational[] {
  const m = setup ?? setupModel(exactArithmetic, params);
  switch (init.kind) {
    case 'canonical':
      return m.W.map((w, s) => (s === 0 ? params.B.div(w) : Rational.ZERO));
    case 'balanced':
    case 'unbalanced':
      checkVector('M0', init.M0, params.lB);
      if (init.kind === 'balanced') {
        const tokens = mergedTokens(m, init.M0);
        if (!tokens.equals(params.B)) {
          throw bad(`a balanced initial state must satisfy Σ W_s M_s = B = ${params.B} (got ${tokens})`);
        }
      }
      return [...init.M0];
    case 'per-type':
      throw bad('a per-type initial state has no merged form unless it is proportional; use the per-type models');
  }
}

/** Per-type X(0): merged kinds are split proportionally (p : q below lA). */
export function perTypeInitial(params: ModelParams, init: InitialState): PerTypeState<Rational> {
  if (init.kind === 'per-type') {
    checkVector('X0.A', init.X0.A, params.lA);
    checkVector('X0.B', init.X0.B, params.lB);
    return { A: [...init.X0.A], B: [...init.X0.B] };
  }
  const m = setupModel(exactArithmetic, params);
  const M = mergedInitial(params, init);
  return {
    A: M.slice(0, params.lA).map((x) => x.mul(m.p)),
    B: M.map((x) => x.mul(m.q)),
  };
}

function checkVector(name: string, xs: readonly Rational[], length: number): void {
  if (xs.length !== length) throw bad(`${name} must have ${length} entries, one per stage (got ${xs.length})`);
  const negative = xs.findIndex((x) => x.sign() < 0);
  if (negative >= 0) throw bad(`${name} must be non-negative (entry ${negative} is ${xs[negative]})`);
}

export function materialize<N>(ar: Arithmetic<N>, xs: readonly Rational[]): N[] {
  return xs.map((x) => ar.fromRational(x));
}

export function materializePerType<N>(ar: Arithmetic<N>, X: PerTypeState<Rational>): PerTypeState<N> {
  return { A: materialize(ar, X.A), B: materialize(ar, X.B) };
}

export function initialStateToJson(init: InitialState): InitialStateJson {
  switch (init.kind) {
    case 'canonical':
      return { kind: 'canonical' };
    case 'balanced':
    case 'unbalanced':
      return {
        kind: init.kind,
        M0: init.M0.map(String),
        ...(init.lattice ? { lattice: [...init.lattice] } : {}),
      };
    case 'per-type':
      return {
        kind: 'per-type',
        X0: { A: init.X0.A.map(String), B: init.X0.B.map(String) },
        ...(init.lattice ? { lattice: [...init.lattice] } : {}),
      };
  }
}

function rationalList(name: string, value: unknown): Rational[] {
  if (!Array.isArray(value)) throw bad(`${name} must be an array of rationals such as ["15", "3/4"]`);
  return value.map((x, i) => {
    try {
      if (typeof x === 'number') return Rational.fromNumber(x);
      if (typeof x === 'string') return Rational.parse(x);
    } catch {
      /* reported below */
    }
    throw bad(`${name}[${i}] must be a rational such as "3/4" (got ${JSON.stringify(x)})`);
  });
}

/** Parses the JSON form; validation against parameters happens when it is used. */
export function initialStateFromJson(value: unknown): InitialState {
  if (typeof value !== 'object' || value === null) {
    throw bad('init must be an object such as {"kind":"canonical"}');
  }
  const v = value as Record<string, unknown>;
  switch (v.kind) {
    case 'canonical':
      return CANONICAL;
    case 'balanced':
    case 'unbalanced': {
      const lattice = Array.isArray(v.lattice) ? (v.lattice as number[]) : undefined;
      return { kind: v.kind, M0: rationalList('init.M0', v.M0), ...(lattice ? { lattice } : {}) };
    }
    case 'per-type': {
      const X0 = (v.X0 ?? {}) as Record<string, unknown>;
      const lattice = Array.isArray(v.lattice) ? (v.lattice as number[]) : undefined;
      return {
        kind: 'per-type',
        X0: { A: rationalList('init.X0.A', X0.A), B: rationalList('init.X0.B', X0.B) },
        ...(lattice ? { lattice } : {}),
      };
    }
    default:
      throw bad(
        `init.kind must be one of "canonical", "balanced", "unbalanced", "per-type" (got ${JSON.stringify(v.kind)})`,
      );
  }
}

export function describeInitialState(init: InitialState): string {
  switch (init.kind) {
    case 'canonical':
      return 'canonical';
    case 'balanced':
    case 'unbalanced':
      return `${init.kind} M0=[${init.M0.join(', ')}]`;
    case 'per-type':
      return `per-type A=[${init.X0.A.join(', ')}] B=[${init.X0.B.join(', ')}]`;
  }
}

