import { UndecidedComparison, type UndecidedReason } from '../../models/arithmetic/arithmetic.js';
import { startScreening } from '../../models/arithmetic/interval.js';
import type { ModelFamily } from '../../models/family.js';
import type { Outcome } from '../../conjectures/support/outcome.js';
import type { Conjecture } from '../../conjectures/types.js';
import type { DecidingFigures, DecidingPath } from '../schema.js';
import { emptyDecidingFigures } from './deciding-figures.js';
import { evaluateCell, type Cell, type ConjectureRun, type OutcomeSink, type StateFacts } from './cell.js';

export type { DecidingFigures, DecidingPath };
export { addDecidingFigures, emptyDecidingFigures } from './deciding-figures.js';

/**
 * The deciding policy (the filtered kernels of robust geometry, applied to whole cells):
 * a cell's conjectures first run on the family's screening context, whose certified
 * enclosures decide every comparison they prove and throw `UndecidedComparison` for the
 * rest. What the screening decided is final — its outcomes are replayed to the sink; a
 * conjecture whose predicate met an undecidable comparison, or every conjecture of the cell
 * when the model's own step could not be decided, is decided on the exact path instead, so
 * no outcome is ever counted twice. Runs the consumer needs exact
 * values from (a witness to print, a margin that may be the smallest) are decided exactly
 * too. Identities (`exactOnly`), parameter statements and families without a screening
 * context always take the exact path, as does everything under `--arithmetic exact`.
 */

interface ScreenEvent {
  readonly run: number;
  readonly t: number;
  readonly outcome: Outcome<unknown>;
  readonly facts: StateFacts;
}

/**
 * Why a screened run is decided again exactly: a comparison the enclosures could not decide,
 * or any other error its predicate raised on them (the exact path then decides whether it
 * errs, and its error is the one reported, so both paths report alike).
 */
type FallbackReason = UndecidedReason | 'error';

type Screening =
  | {
      readonly decided: true;
      readonly events: ScreenEvent[];
      /** Runs whose predicate met a comparison the enclosures could not decide, or raised an error (the others went through). */
      readonly undecided: ReadonlyMap<number, FallbackReason>;
      readonly ended: 'done' | 'stopped';
    }
  | { readonly decided: false; readonly reason: UndecidedReason };

/** Runs the screening and records every outcome (none is final until the whole cell went through). */
function screenCell(
  context: unknown,
  families: (c: Conjecture) => ModelFamily,
  runs: readonly ConjectureRun[],
  cell: Cell,
  stop: () => boolean,
): Screening {
  const events: ScreenEvent[] = [];
  const undecided = new Map<number, FallbackReason>();
  startScreening();
  try {
    const ended = evaluateCell(
      context,
      families,
      runs,
      cell,
      (run, t, outcome: Outcome<unknown>, facts) => {
        events.push({ run, t, outcome, facts });
      },
      (run, _t, error) => {
        // The engine has already ended this run; only it falls back.
        undecided.set(run, error instanceof UndecidedComparison ? error.reason : 'error');
      },
      stop,
    );
    return { decided: true, events, undecided, ended };
  } catch (error) {
    // Raised by the model itself (a branch of its step): nothing of the screening stands.
    if (error instanceof UndecidedComparison) return { decided: false, reason: 'branch' };
    throw error;
  }
}

/** Whether the consumer needs this outcome's exact values (run index in the cell's runs). */
export type NeedsExact = (run: number, t: number, outcome: Outcome<unknown>) => boolean;

export interface DecideRequest {
  readonly runs: readonly ConjectureRun[];
  readonly cell: Cell;
  /** The parameter contexts, built only when needed. */
  readonly exactContext: () => unknown;
  readonly screenContext: () => unknown;
  readonly families: (c: Conjecture) => ModelFamily;
  readonly sink: OutcomeSink<unknown>;
  readonly onError: (run: number, t: number, error: unknown) => void;
  readonly stop?: () => boolean;
  readonly needsExact?: NeedsExact;
}

/**
 * Below this many steps a cell is decided on the exact path without screening: there the
 * lean exact numbers are still short, and screening plus the fallbacks cost more than they
 * save (measured with `npm run bench -- --part filter`: the filtered path is about 2× slower
 * at 100 steps, breaks even near 400, and is about 2.5× faster at 1,000). Results are the same
 * either way; only the cost differs.
 */
export const SCREEN_FROM_STEPS = 400;

export class DecidingPolicy {
  readonly figures: DecidingFigures;

  constructor(
    readonly path: DecidingPath,
    /** Trajectories shorter than this are decided exactly without screening (see SCREEN_FROM_STEPS). */
    readonly screenFromSteps = SCREEN_FROM_STEPS,
  ) {
    this.figures = { ...emptyDecidingFigures(path), ...(path === 'filtered' ? { screenFromSteps } : {}) };
  }

  /** Whether a run may be screened at all. */
  screens(run: ConjectureRun, families: (c: Conjecture) => ModelFamily): boolean {
    const c = run.conjecture;
    return this.path === 'filtered' && c.scope !== 'parameters' && !c.exactOnly && families(c).screens === true;
  }

  /** Decides every run of a cell, each outcome delivered to the sink once; 'stopped' when `stop` cut it. */
  decide(req: DecideRequest): 'done' | 'stopped' {
    const stop = req.stop ?? (() => false);
    const worthIt = req.cell.steps >= this.screenFromSteps;
    const screened = worthIt ? req.runs.map((_, i) => i).filter((i) => this.screens(req.runs[i], req.families)) : [];
    const exact = new Set(req.runs.map((_, i) => i).filter((i) => !screened.includes(i)));
    let ended: 'done' | 'stopped' = 'done';

    if (screened.length > 0) {
      this.figures.cells++;
      const result = screenCell(req.screenContext(), req.families, screened.map((i) => req.runs[i]), req.cell, stop);
      if (!result.decided) {
        this.figures.fallbacks[result.reason]++;
        for (const i of screened) exact.add(i);
      } else {
        const byRun = screened.map(() => [] as ScreenEvent[]);
        for (const e of result.events) byRun[e.run].push(e);
        screened.forEach((i, k) => {
          const needs = req.needsExact;
          if (result.undecided.has(k) || (needs && byRun[k].some((e) => e.outcome !== null && needs(i, e.t, e.outcome)))) {
            exact.add(i);
            return;
          }
          this.replay(i, byRun[k], req);
        });
        const [reason] = result.undecided.values();
        if (reason) this.figures.fallbacks[reason]++;
        else if (exact.size > req.runs.length - screened.length) this.figures.fallbacks.exactValues++;
        else this.figures.cellsScreened++;
        if (result.ended === 'stopped') ended = 'stopped';
      }
    }

    if (exact.size > 0) {
      const indices = [...exact].sort((a, b) => a - b);
      const ran = evaluateCell(
        req.exactContext(),
        req.families,
        indices.map((i) => req.runs[i]),
        req.cell,
        (k, t, outcome, facts) => {
          this.figures.verdicts.exact++;
          return req.sink(indices[k], t, outcome, facts);
        },
        (k, t, error) => req.onError(indices[k], t, error),
        stop,
      );
      if (ran === 'stopped') ended = 'stopped';
    }
    return ended;
  }

  /**
   * Delivers a screened run's outcomes as the exact path would have: in order, until the sink
   * stops the run. Margins are enclosures, not exact values, so they are left out (a consumer
   * that needs one asks through `needsExact`).
   */
  private replay(run: number, events: readonly ScreenEvent[], req: DecideRequest): void {
    for (const e of events) {
      const { margin: _enclosure, ...outcome } = e.outcome;
      this.figures.verdicts.screened++;
      if (req.sink(run, e.t, outcome, e.facts) === false) return;
    }
  }
}
