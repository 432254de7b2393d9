import type { Arithmetic } from '../../models/arithmetic/arithmetic.js';
import { leanExactArithmetic } from '../../models/arithmetic/lean.js';
import { registry } from '../../conjectures/registry.js';
import type { OutcomeStatus } from '../../conjectures/support/outcome.js';
import { evaluateCell, type ConjectureRun } from '../engine/cell.js';
import type { DecidingPolicy } from '../engine/deciding.js';
import { intervalArithmetic } from '../../models/arithmetic/interval.js';
import type { Conjecture } from '../../conjectures/types.js';
import type { GridCell } from '../../models/theory-simulation/bench/reference-grid.js';

/** Every conjecture of the benchmarked (merged Theory/Simulation) family checked at each state, tie rule `all`. */
export function stepConjectureRuns(): ConjectureRun[] {
  return registry
    .list()
    .filter((c) => c.family === 'theory-simulation' && (c.scope === 'step' || c.scope === 'eviction-step'))
    .map((conjecture) => ({ conjecture, options: { tie: 'all' } }));
}

/** The identities: a float can never decide them; they stay on the exact path. */
export const IDENTITY_IDS: readonly string[] = ['token-balance', 'energy-decomposition'];

/** The statuses, in the order of their codes (1, 2, …). */
const STATUSES: readonly OutcomeStatus[] = ['holds', 'fails', 'vacuous', 'undecided'];
/** Status codes stored per (cell, conjecture, t); NOT_CHECKED where no outcome was delivered. */
export const STATUS_CODE = Object.fromEntries(STATUSES.map((status, k) => [status, k + 1])) as Readonly<Record<OutcomeStatus, number>>;
export const NOT_CHECKED = 0;
/** STATUS_CODE[status] by position in STATUSES (interned strings compared), not a keyed lookup: the sink runs once per outcome. */
const statusCode = (status: OutcomeStatus): number => STATUSES.indexOf(status) + 1;

/**
 * Every outcome's status of a run, for the agreement check after timing:
 * one byte per (cell, conjecture, t), so recording costs nothing next to the
 * exact work.
 */
export class StatusTable {
  readonly codes: Uint8Array;

  constructor(
    readonly cells: number,
    readonly conjectures: number,
    readonly steps: number,
  ) {
    this.codes = new Uint8Array(cells * conjectures * (steps + 1));
  }

  slot(cell: number, conjecture: number, t: number): number {
    return (cell * this.conjectures + conjecture) * (this.steps + 1) + t;
  }
}

export interface PredicateErrorRecord {
  readonly conjecture: string;
  readonly cell: number;
  readonly t: number;
  readonly message: string;
}

/**
 * The exact run, one cell at a time (so that the benchmark can interleave it
 * with the float64 loop): a fresh parameter context per cell, every outcome
 * counted and its status recorded.
 */
export class ExactRun {
  cells = 0;
  /** Coupled states that received at least one outcome (one per t of a cell). */
  states = 0;
  /** Per run and status (its code − 1), flat: keyed counts per outcome were about 4% of the filtered pass (measured). */
  private readonly counts: Float64Array;
  /** Predicates that threw (a harness bug; reported, never expected). */
  readonly errors: PredicateErrorRecord[] = [];

  constructor(
    readonly runs: readonly ConjectureRun[],
    readonly steps: number,
    /** Filled in the order cells are run. */
    readonly statuses?: StatusTable,
    /** The exact path: the lean one (common denominators) unless the Rational path is measured. */
    readonly arithmetic: Arithmetic<unknown> = leanExactArithmetic as Arithmetic<unknown>,
    /** Decide through this policy (certified screening, exact fallback on `arithmetic`) instead. */
    readonly policy: DecidingPolicy | null = null,
  ) {
    this.counts = new Float64Array(runs.length * STATUSES.length);
  }

  /** Per conjecture, in the order of the runs. */
  get outcomes(): Record<OutcomeStatus, number>[] {
    return this.runs.map((_, run) => Object.fromEntries(STATUSES.map((status, k) => [status, this.counts[run * STATUSES.length + k]])) as Record<OutcomeStatus, number>);
  }

  runCells(cells: readonly GridCell[]): this {
    for (const cell of cells) this.runCell(cell);
    return this;
  }

  runCell(cell: GridCell): void {
    const { runs, steps, statuses, counts } = this;
    const position = this.cells++;
    const family = registry.familyOf(runs[0].conjecture);
    const seen = new Uint8Array(steps + 1);
    const cellSpec = { params: cell.params, init: family.parseInit({ kind: 'canonical' }), steps };
    const sink = (run: number, t: number, outcome: { status: OutcomeStatus }) => {
      if (!seen[t]) {
        this.states++;
        seen[t] = 1;
      }
      const code = statusCode(outcome.status);
      counts[run * STATUSES.length + code - 1]++;
      if (statuses) statuses.codes[statuses.slot(position, run, t)] = code;
    };
    const onError = (run: number, t: number, error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      this.errors.push({ conjecture: runs[run].conjecture.id, cell: cell.index, t, message });
    };
    const families = (c: Conjecture) => registry.familyOf(c);
    if (this.policy) {
      this.policy.decide({
        runs,
        cell: cellSpec,
        exactContext: () => family.context(this.arithmetic, cell.params),
        screenContext: () => family.context(intervalArithmetic, cell.params),
        families,
        sink,
        onError,
      });
    } else {
      evaluateCell(family.context(this.arithmetic, cell.params), families, runs, cellSpec, sink, onError);
    }
  }
}
