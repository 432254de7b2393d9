import type { Arithmetic } from '../../models/arithmetic/arithmetic.js';

/** Cases of seed 000 §6.4 for a pair (m, n). */
export type Case = 'A' | 'B' | 'C' | 'D';
export const CASES: readonly Case[] = ['A', 'B', 'C', 'D'];

export type OutcomeStatus = 'holds' | 'fails' | 'vacuous' | 'undecided';

/** Exact values that decide an outcome: scalars, vectors or matrices of N. */
export type WitnessValue<N> = N | readonly N[] | readonly (readonly N[])[];

/**
 * What a predicate returns for one state (or parameter set, or trajectory):
 * a tagged result, never an exception.
 */
export interface Outcome<N> {
  readonly status: OutcomeStatus;
  /** Exact margin: ≥ 0 when it holds (> 0 for strict statements), see each conjecture. */
  readonly margin?: N;
  /** The values that decide it. */
  readonly values: Readonly<Record<string, WitnessValue<N>>>;
  /** Positions that decide it (stage indices m, n, times). */
  readonly positions?: Readonly<Record<string, number | readonly number[]>>;
  /** Case A–D of the deciding (m, n) pair, where the conjecture names m and n. */
  readonly case?: Case;
  /** Whether m or n was tied at this state. */
  readonly tie?: boolean;
  /** Why a state was vacuous or undecided. */
  readonly note?: string;
}

/** Holds iff margin ≥ 0 (or > 0 when strict). */
export function byMargin<N>(
  ar: Arithmetic<N>,
  margin: N,
  values: Outcome<N>['values'],
  extra: Omit<Outcome<N>, 'status' | 'margin' | 'values'> = {},
  strict = false,
): Outcome<N> {
  const s = ar.sign(margin);
  const holds = strict ? s > 0 : s >= 0;
  return { status: holds ? 'holds' : 'fails', margin, values, ...extra };
}

const STATUSES: ReadonlySet<unknown> = new Set<OutcomeStatus>(['holds', 'fails', 'vacuous', 'undecided']);

/**
 * What a predicate returned, checked to be an outcome (a status of the four and a `values`
 * object) or none (null, undefined: null): a user conjecture's `check` or `exactKernel` that
 * returns anything else would otherwise be tallied as a verdict it never gave. Throws a
 * TypeError naming the conjecture.
 */
export function requireOutcome<N>(returned: unknown, conjecture: string): Outcome<N> | null {
  if (returned === null || returned === undefined) return null;
  const o = returned as Partial<Outcome<N>>;
  if (typeof o === 'object' && STATUSES.has(o.status) && typeof o.values === 'object' && o.values !== null) return o as Outcome<N>;
  const shown = typeof returned === 'object' && returned !== null ? `an object without a valid status and values` : String(returned);
  throw new TypeError(`${conjecture} returned ${shown}, not an outcome ({ status: 'holds' | 'fails' | 'vacuous' | 'undecided', values, margin? })`);
}

const identityHoldsByArithmetic = new WeakMap<Arithmetic<unknown>, Outcome<unknown>>();

/**
 * An identity that holds: its margin is exactly 0, its witnesses are left out. What an exact
 * kernel answers for a state it decided in integers (see StepConjecture.exactKernel); one
 * frozen outcome per arithmetic.
 */
export function identityHolds<N>(ar: Arithmetic<N>): Outcome<N> {
  const open = ar as Arithmetic<unknown>;
  let outcome = identityHoldsByArithmetic.get(open);
  if (!outcome) identityHoldsByArithmetic.set(open, (outcome = Object.freeze({ status: 'holds', margin: open.zero, values: Object.freeze({}) })));
  return outcome as Outcome<N>;
}

export const vacuous = <N>(note: string): Outcome<N> => ({ status: 'vacuous', values: {}, note });
export const undecided = <N>(note: string, values: Outcome<N>['values'] = {}): Outcome<N> => ({
  status: 'undecided',
  values,
  note,
});

/** Case of seed 000 §6.4 from Δ_m and Δ_n. */
export function classifyCase<N>(ar: Arithmetic<N>, deltaM: N, deltaN: N): Case {
  const mNonNegative = ar.sign(deltaM) >= 0;
  const nPositive = ar.sign(deltaN) > 0;
  if (mNonNegative) return nPositive ? 'B' : 'A';
  return nPositive ? 'D' : 'C';
}
