import { UndecidedComparison, type UndecidedReason } from '../../models/arithmetic/arithmetic.js';
import type { ModelFamily } from '../../models/family.js';
import type { Outcome } from '../../conjectures/support/outcome.js';
import type { Conjecture } from '../../conjectures/types.js';
import type { DecidingFigures, DecidingPath } from '../schema.js';
import { emptyDecidingFigures } from './deciding-figures.js';
import { evaluateCell, isStateStatement, type Cell, type ConjectureRun, type OutcomeSink, type StateFacts } from './cell.js';

export type { DecidingFigures, DecidingPath };
export { addDecidingFigures, emptyDecidingFigures } from './deciding-figures.js';

/**
 * The deciding policy (the filtered kernels of robust geometry, applied to whole cells):
 * a cell's conjectures first run on the family's screening context, whose certified
 * enclosures decide every comparison they prove and throw `UndecidedComparison` for the
 * rest. What the screening decided is final — its outcomes are replayed to the sink. Where
 * a conjecture's predicate met an undecidable comparison, or the model's own step could not
 * be decided (then for every conjecture of the cell), the exact path continues from that
 * state: the exact model runs from t = 0, and the conjecture is checked from there on, so no
 * outcome is ever counted twice and none screened is decided again. So it does from the first
 * state whose exact values the consumer needs (a witness to print, a margin that may be the
 * smallest). Trajectory statements, and predicates that raised another error on enclosures,
 * are decided again whole. Identities (`exactOnly`), parameter statements and families without a screening
 * context always take the exact path, as does everything under `--arithmetic exact`.
 */

interface ScreenEvent {
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

/** What the screening of a cell left undecided. */
interface Screening {
  /** Per run (in the screened runs' order), its outcomes in state order. */
  readonly events: ScreenEvent[][];
  /**
   * Per run, the states its predicate could not decide on enclosures (a step statement goes
   * on to the next state), and the first such reason; a run whose predicate raised another
   * error, or a trajectory statement that met one, stopped there (`whole`).
   */
  readonly undecided: readonly { states: number[]; reason: FallbackReason | null; whole: boolean }[];
  /** The model's own step could not be decided: every run ends where it had got to. */
  readonly branch: boolean;
  /** Per run: the last state it went through (−1 before any). */
  readonly reached: readonly number[];
  readonly ended: 'done' | 'stopped';
}

/** Runs the screening and records every outcome (none is final until the whole cell went through). */
function screenCell(
  context: unknown,
  families: (c: Conjecture) => ModelFamily,
  runs: readonly ConjectureRun[],
  cell: Cell,
  stop: () => boolean,
): Screening {
  const events = runs.map(() => [] as ScreenEvent[]);
  const undecided = runs.map(() => ({ states: [] as number[], reason: null as FallbackReason | null, whole: false }));
  const reached = runs.map(() => -1);
  try {
    const ended = evaluateCell(
      context,
      families,
      runs,
      cell,
      (run, t, outcome: Outcome<unknown>, facts) => {
        events[run].push({ t, outcome, facts });
      },
      (run, t, error) => {
        const u = undecided[run];
        u.reason ??= error instanceof UndecidedComparison ? error.reason : 'error';
        if (error instanceof UndecidedComparison && isStateStatement(runs[run].conjecture)) u.states.push(t);
        else u.whole = true;
      },
      stop,
      { reached, goesOnAfter: (error) => error instanceof UndecidedComparison },
    );
    return { events, undecided, branch: false, reached, ended };
  } catch (error) {
    // Raised by the model itself: what was screened before that state stands.
    if (error instanceof UndecidedComparison) return { events, undecided, branch: true, reached, ended: 'done' };
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
    // Per run: what the exact path decides (every state unless screened).
    const plans: ExactPlan[] = req.runs.map(() => EVERY_STATE);
    const replays = new Map<number, Replay>();
    let ended: 'done' | 'stopped' = 'done';

    if (screened.length > 0) {
      this.figures.cells++;
      const result = screenCell(req.screenContext(), req.families, screened.map((i) => req.runs[i]), req.cell, stop);
      screened.forEach((i, k) => {
        plans[i] = this.exactPlan(req, i, k, result);
        replays.set(i, new Replay(i, result.events[k], plans[i], req.sink, this.figures));
      });
      const reason = result.undecided.find((u) => u.reason !== null)?.reason;
      if (result.branch) this.figures.fallbacks.branch++;
      else if (reason) this.figures.fallbacks[reason]++;
      else if (screened.some((i) => !plans[i].isEmpty)) this.figures.fallbacks.exactValues++;
      else this.figures.cellsScreened++;
      if (result.ended === 'stopped') ended = 'stopped';
    }

    const indices = plans.flatMap((plan, i) => (plan.isEmpty ? [] : [i]));
    if (indices.length > 0) {
      const ran = evaluateCell(
        req.exactContext(),
        req.families,
        indices.map((i) => req.runs[i]),
        req.cell,
        (k, t, outcome, facts) => {
          const i = indices[k];
          const replay = replays.get(i);
          // The screened outcomes before t first: each run's outcomes reach the sink in state order.
          if (replay && !replay.until(t)) return false;
          this.figures.verdicts.exact++;
          const goesOn = req.sink(i, t, outcome, facts);
          if (goesOn === false) replay?.stop();
          return goesOn;
        },
        (k, t, error) => req.onError(indices[k], t, error),
        stop,
        { wanted: (k, t) => plans[indices[k]].wants(t) },
      );
      if (ran === 'stopped') ended = 'stopped';
    }
    for (const replay of replays.values()) replay.until(NOT_EXACT);
    return ended;
  }

  /**
   * The states of a screened run the exact path decides: those its predicate could not decide
   * on enclosures, those whose exact values the consumer needs (a witness, a margin that may
   * be the smallest), and every state from where the model's own step could not be decided.
   * A step statement is a function of its state alone, so every other state stays screened; a
   * trajectory statement that needs any, or a predicate that raised another error on
   * enclosures (the exact path then decides whether it errs), is decided again whole.
   */
  private exactPlan(req: DecideRequest, run: number, k: number, screening: Screening): ExactPlan {
    const undecided = screening.undecided[k];
    const states = new Set(undecided.states);
    const needs = req.needsExact;
    if (needs) for (const e of screening.events[k]) if (e.outcome !== null && needs(run, e.t, e.outcome)) states.add(e.t);
    const from = screening.branch ? screening.reached[k] + 1 : NOT_EXACT;
    if (undecided.whole || (!isStateStatement(req.runs[run].conjecture) && (states.size > 0 || from !== NOT_EXACT))) return EVERY_STATE;
    return new ExactPlan(from, states);
  }
}

/** No state is decided on the exact path. */
const NOT_EXACT = Number.POSITIVE_INFINITY;

/** The states of a run decided on the exact path: every state from `from` on, and `states`. */
class ExactPlan {
  constructor(
    readonly from: number,
    readonly states: ReadonlySet<number>,
  ) {}

  wants(t: number): boolean {
    return t >= this.from || this.states.has(t);
  }

  get isEmpty(): boolean {
    return this.from === NOT_EXACT && this.states.size === 0;
  }
}

const EVERY_STATE = new ExactPlan(0, new Set());

/**
 * Delivers a screened run's outcomes as the exact path would have: in state order, merged with
 * the states the exact path decides, until the sink stops the run. Margins are enclosures, not
 * exact values, so they are left out (a consumer that needs one asks through `needsExact`).
 */
class Replay {
  private next = 0;
  private stopped = false;

  constructor(
    private readonly run: number,
    private readonly events: readonly ScreenEvent[],
    private readonly plan: ExactPlan,
    private readonly sink: OutcomeSink<unknown>,
    private readonly figures: DecidingFigures,
  ) {}

  /** The sink stopped the run on an outcome of the exact path: nothing more is delivered. */
  stop(): void {
    this.stopped = true;
  }

  /** Delivers the screened outcomes before state t; false once the sink has stopped the run. */
  until(t: number): boolean {
    while (!this.stopped && this.next < this.events.length && this.events[this.next].t < t) {
      const e = this.events[this.next++];
      if (this.plan.wants(e.t)) continue; // decided on the exact path instead
      const { margin: _enclosure, ...outcome } = e.outcome;
      this.figures.verdicts.screened++;
      if (this.sink(this.run, e.t, outcome, e.facts) === false) this.stopped = true;
    }
    return !this.stopped;
  }
}
