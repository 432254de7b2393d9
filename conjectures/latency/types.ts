import type { Rational } from '../../models/arithmetic/rational.js';
import type { Point, Theta } from '../../models/latency/params.js';
import type { Outcome } from '../support/outcome.js';
import type { ContextPool } from '../../models/latency/certify.js';

/**
 * What a latency conjecture (seed 003, SPEC-serving §D) is. Kept local and
 * small on purpose; it will be adapted to the generic ModelFamily interface.
 *
 * scope:
 * - 'theta': a statement about θ alone (e.g. identifiability); `at` is ignored.
 * - 'real': a limit or shape claim on the real extension B, S > 0, decided from
 *   θ by a documented argument (A.3), never by evaluating a finite prefix; `at`
 *   may name a point used only to build a witness.
 * - 'grid': evaluated per cell (B, S) of a grid 1..Bmax × 1..Smax; `pair` says
 *   which neighbour the cell is compared with ((B+1, S) or (B, S+1)); the
 *   neighbour must lie in the grid too (see `gridCells`).
 * - 'sla': evaluated per query (B, T*).
 *
 * Margins are certified: an exact Rational, or an enclosure "[lo, hi]" of a
 * real number (outward-rounded decimals). `holds` iff the margin is certainly
 * > 0 (= 0 is never certified: such a state is `undecided`, with a note).
 */
export type LatencyScope = 'theta' | 'grid' | 'real' | 'sla';

export type LatencyMargin = string | Rational;

export interface LatencyOptions {
  /** Restrict the integer domain to S ≥ B. */
  readonly physical: boolean;
  /** Most S values an SLA inversion may examine. */
  readonly slaLimit?: number;
  /** Interval contexts to reuse (the family shares one per θ, so e^x values are computed once). */
  readonly pool?: ContextPool;
}
export const DEFAULT_LATENCY_OPTIONS: LatencyOptions = Object.freeze({ physical: false });

export interface SlaQuery {
  readonly B: number;
  readonly target: Rational;
}

export type LatencyAt = Point | SlaQuery | undefined;

export interface LatencyConjecture<A extends LatencyAt = LatencyAt> {
  readonly id: string;
  readonly statement: string;
  /** Seed file and section, e.g. "003 §4.1". */
  readonly source: string;
  readonly scope: LatencyScope;
  /** What the margin measures; its sign decides. */
  readonly margin: string;
  /** Grid conjectures: the neighbour compared with the cell. */
  readonly pair?: 'B' | 'S';
  readonly remark?: string;
  check(theta: Theta, at: A, options?: LatencyOptions): Outcome<LatencyMargin>;
}

export type GridConjecture = LatencyConjecture<Point> & { readonly scope: 'grid' };
export type SlaConjecture = LatencyConjecture<SlaQuery> & { readonly scope: 'sla' };
export type ThetaConjecture = LatencyConjecture<undefined> & { readonly scope: 'theta' };
export type RealConjecture = LatencyConjecture<Point | undefined> & { readonly scope: 'real' };
/** Any latency conjecture; narrow on `scope` to call `check` with the right `at`. */
export type AnyLatencyConjecture = ThetaConjecture | RealConjecture | GridConjecture | SlaConjecture;
