import type { Rational } from './rational.js';

export type ArithmeticId = 'exact' | 'decimal' | 'float64' | 'interval';

/**
 * The one number interface the models and conjectures are generic over.
 *
 * Only a backend with `decidesVerdicts` may decide a verdict; the others screen.
 * A future filtering backend (float or interval with exact fallback) fits here:
 * its `compare`/`sign` may throw `UndecidedComparison` when it cannot decide, and
 * the harness then re-runs the same work on the exact backend.
 */
export interface Arithmetic<N> {
  readonly id: ArithmeticId;
  /** Human label, e.g. "exact rationals" or "decimal.js (precision 40)". */
  readonly label: string;
  readonly decidesVerdicts: boolean;
  readonly zero: N;
  readonly one: N;

  fromInteger(n: number | bigint): N;
  /** Converts an exact input (a parameter or initial state); inexact backends round. */
  fromRational(r: Rational): N;

  add(a: N, b: N): N;
  sub(a: N, b: N): N;
  mul(a: N, b: N): N;
  /** Throws a RangeError on a zero divisor. */
  div(a: N, b: N): N;
  neg(a: N): N;
  abs(a: N): N;
  /**
   * Σ a_i·b_i. Backends may return a value whose stored form is not compact
   * (the exact backend skips every gcd); it is exact either way.
   */
  dot(a: readonly N[], b: readonly N[]): N;
  /** The same value in its most compact stored form (lowest terms); models call it on state entries. */
  normalize(a: N): N;

  compare(a: N, b: N): -1 | 0 | 1;
  sign(a: N): -1 | 0 | 1;
  isZero(a: N): boolean;

  /** Nearest double, for plots, screening and labelled estimates. */
  toNumber(a: N): number;
  /** "p/q" for exact values; a decimal string otherwise. */
  format(a: N): string;
  /**
   * An equality key that does not depend on formatting or on the stored form: equal values
   * always give equal keys. Keys of unequal values may coincide on backends that hash
   * (the lean exact backend); a key match is confirmed with `compare`.
   */
  key(a: N): string;
}

/** Why a screening run could not decide something (reported in the sweep figures). */
export type UndecidedReason = 'tie' | 'branch' | 'bound';

/**
 * Thrown by a filtering backend that cannot decide a comparison; the engine catches it and
 * decides the same work on the exact path (nothing decided before it is counted twice).
 */
export class UndecidedComparison extends Error {
  constructor(readonly reason: UndecidedReason = 'bound') {
    // Thrown and caught by the harness at many states, never shown: a stack trace would cost more than the comparison.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(`comparison not decidable at this precision (${reason})`);
    Error.stackTraceLimit = limit;
    this.name = 'UndecidedComparison';
  }
}
