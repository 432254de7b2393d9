import {
  canonicalInitial,
  latticeInitial,
  perTypeLatticeInitial,
  type InitialState,
} from './initial-state.js';
import type { ModelParams } from './params.js';
import type { ModelSetup } from './setup.js';
import type { Rational } from '../arithmetic/rational.js';
import { compareByHeight } from '../arithmetic/rational-range.js';

/** A point of the search space: parameters and an initial state (t is found by running it). */
export interface Candidate {
  readonly params: ModelParams;
  readonly init: InitialState;
}

/**
 * The minimality order of the foundation issue: lB, lA, l0, λA+λB, λA (rationals
 * by height, then value), B likewise, then the initial state (canonical first,
 * then by the coordinate sum of its lattice point, then balanced before
 * unbalanced before per-type, then reversed-lexicographically so mass at low
 * stages is smaller). The first failing t breaks remaining ties.
 */
export function compareCandidates(a: Candidate, b: Candidate): number {
  const pa = a.params;
  const pb = b.params;
  return (
    pa.lB - pb.lB ||
    pa.lA - pb.lA ||
    pa.l0 - pb.l0 ||
    compareByHeight(pa.lambdaA.add(pa.lambdaB), pb.lambdaA.add(pb.lambdaB)) ||
    compareByHeight(pa.lambdaA, pb.lambdaA) ||
    compareByHeight(pa.B, pb.B) ||
    compareInitialStates(a.init, b.init)
  );
}

export function compareWithTime(a: Candidate & { t: number }, b: Candidate & { t: number }): number {
  return compareCandidates(a, b) || a.t - b.t;
}

const KIND_RANK = { canonical: 0, balanced: 0, unbalanced: 1, 'per-type': 2 } as const;

/** What places an initial state in the order: its kind and lattice point (a LatticePoint's u as `lattice`). */
export type PlacedState = { readonly kind: InitialState['kind']; readonly lattice?: readonly number[] };

export function compareInitialStates(a: PlacedState, b: PlacedState): number {
  return comparePlacementKeys(placementKey(a), placementKey(b));
}

/** compareInitialStates on keys built once (for a walk that compares many states with one). */
export function comparePlacementKeys(ka: readonly number[], kb: readonly number[]): number {
  for (let i = 0; i < Math.max(ka.length, kb.length); i++) {
    const d = (ka[i] ?? -1) - (kb[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

/** An initial state's place in the order, as a key compared lexicographically. */
export function placementKey(init: PlacedState): number[] {
  if (init.kind === 'canonical') return [0];
  if (!init.lattice) return [2]; // given explicitly, not from the lattice: after every lattice state
  const u = init.lattice;
  return [1, u.reduce((x, y) => x + y, 0), KIND_RANK[init.kind], ...[...u].reverse()];
}

/** A lattice point of one kind of initial state. */
export interface LatticePoint {
  readonly kind: 'balanced' | 'unbalanced' | 'per-type';
  readonly u: readonly number[];
}

/**
 * A lattice point in normal form: a balanced state only depends on the direction of u
 * (divided by the gcd of its coordinates); null when it is the canonical state itself
 * (u = 0, or balanced u = k·e₀).
 */
export function normalLatticePoint(kind: LatticePoint['kind'], u: readonly number[]): LatticePoint | null {
  if (kind === 'per-type') return { kind, u };
  if (u.every((x) => x === 0)) return null;
  if (kind === 'unbalanced') return { kind, u };
  const g = u.reduce((acc, x) => gcd(acc, x), 0);
  const reduced = u.map((x) => x / g);
  return reduced[0] === 1 && reduced.slice(1).every((x) => x === 0) ? null : { kind, u: reduced };
}

/** The initial state of a lattice point, in normal form (see `normalLatticePoint`). */
export function latticeState(
  params: ModelParams,
  kind: LatticePoint['kind'],
  u: readonly number[],
  /** The exact setup of `params`, when the caller builds many states of one parameter set. */
  setup?: ModelSetup<Rational>,
): InitialState {
  const point = normalLatticePoint(kind, u);
  if (!point) return canonicalInitial();
  if (point.kind === 'per-type') return perTypeLatticeInitial(params, point.u.slice(0, params.lA), point.u.slice(params.lA), setup);
  return latticeInitial(params, point.kind, point.u, setup);
}

/**
 * The same lattice point under other parameters: stages that vanish with a
 * smaller lA/lB are dropped and the state is rebuilt (a balanced state is
 * re-scaled to the new token balance).
 */
export function projectInitial(init: InitialState, to: ModelParams, from: ModelParams): InitialState {
  if (init.kind === 'canonical' || !init.lattice) return init.kind === 'canonical' ? init : canonicalInitial();
  if (init.kind === 'per-type') {
    const uA = init.lattice.slice(0, from.lA).slice(0, to.lA);
    const uB = init.lattice.slice(from.lA).slice(0, to.lB);
    if ([...uA, ...uB].every((x) => x === 0)) return canonicalInitial();
    return latticeState(to, 'per-type', [...uA, ...uB]);
  }
  const u = init.lattice.slice(0, to.lB);
  return u.every((x) => x === 0) ? canonicalInitial() : latticeState(to, init.kind, u);
}

/**
 * Every u ∈ ℕ^parts with Σu = total, lexicographically on the reversed vectors (mass at low
 * stages first), one at a time: the minimality order's order of the lattice points of one size.
 */
export function* compositionsReversed(total: number, parts: number): Generator<number[]> {
  if (parts === 1) {
    yield [total];
    return;
  }
  for (let last = 0; last <= total; last++) {
    for (const head of compositionsReversed(total - last, parts - 1)) {
      head.push(last);
      yield head;
    }
  }
}

/** Every u ∈ ℕ^parts with Σu = total (lattice points of one size), the first coordinate descending. */
export function* compositions(total: number, parts: number): Generator<number[]> {
  if (parts === 1) {
    yield [total];
    return;
  }
  for (let first = total; first >= 0; first--) for (const rest of compositions(total - first, parts - 1)) yield [first, ...rest];
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

