import { UndecidedComparison, type UndecidedReason } from '../../models/arithmetic/arithmetic.js';
import type { ModelFamily } from '../../models/family.js';
import { requireOutcome, type Outcome } from '../../conjectures/support/outcome.js';
import type { Conjecture } from '../../conjectures/types.js';
import type { DecidingFigures, DecidingPath } from '../schema.js';
import { emptyDecidingFigures } from './deciding-figures.js';
import { evaluateCell, isStateStatement, preconditionsHold, vacuousOutcome, type Cell, type ConjectureRun, type OutcomeSink, type StateFacts } from './cell.js';
import { Interval } from '../../models/arithmetic/interval.js';
import { isUndecided, kernelOutcome, undecidedReason, type KernelCheck } from '../../conjectures/support/kernel.js';
import type { StepConjecture } from '../../conjectures/types.js';

export type { DecidingFigures, DecidingPath };
export { addDecidingFigures, emptyDecidingFigures } from './deciding-figures.js';

/**
 * The deciding policy (the filtered kernels of robust geometry, applied to whole cells):
 * a cell's conjectures first run on the family's screening context, whose certified
 * enclosures decide every comparison they prove and throw `UndecidedComparison` for the
 * rest. A step or eviction-step statement is a function of one state, so each of its states
 * is decided where it stands: on the enclosures when they decide it, otherwise — or where the
 * consumer needs its exact values (a witness to print, a margin that may be the smallest) —
 * on the exact view of the same state, which the screening views offer (`exact()`); outcomes
 * reach the sink as they come, in state order, each once. A trajectory statement is delivered
 * only once its whole run went through on enclosures, and is decided again whole on the exact
 * path otherwise. Should the model's own step not be decided (the screening run takes such a
 * step from its exact run, so this is rare), the exact path continues every run from that
 * state. Identities (`exactOnly`), parameter statements and families without a screening
 * context always take the exact path, as does everything under `--arithmetic exact`.
 *
 * A family may also offer a screening kernel (`ModelFamily.kernel`): its run in plain doubles
 * with certified radii, which the conjectures' own kernels read and answer in small codes, so
 * a whole cell is screened with no object per value or outcome. State statements that have a
 * kernel (tie rule `all`) go there instead of the views; a state a kernel cannot decide, or
 * whose exact values the consumer needs, is decided on the kernel run's exact view of that
 * state (see runKernel).
 */

/** A trajectory statement's screened outcome, held until its run is through. */
interface HeldEvent {
  readonly t: number;
  readonly outcome: Outcome<unknown>;
  readonly facts: StateFacts;
}

/**
 * Why a screened state was decided again exactly: a comparison the enclosures could not
 * decide, another error its predicate raised on them (the exact path then decides whether it
 * errs, and its error is the one reported), or exact values the consumer needs.
 */
type FallbackReason = UndecidedReason | 'error' | 'exactValues';

const reasonOf = (error: unknown): FallbackReason => (error instanceof UndecidedComparison ? error.reason : 'error');

/** A screening view that offers the exact view of its state (see ModelFamily.screens). */
interface ExactBacked {
  exact(): unknown;
}
const exactViewOf = (view: unknown): unknown => {
  const backed = view as Partial<ExactBacked>;
  if (typeof backed.exact !== 'function') throw new TypeError('the views of a screening family must offer exact() (see ModelFamily.screens)');
  return backed.exact();
};

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
 * Below this many steps a cell's runs without a screening kernel are decided on the exact path
 * without screening: there the lean exact numbers are still short, and screening on views
 * costs more than it saves (measured with `npm run bench -- --part filter` before the kernels:
 * the views were 0.75× the exact path at 100 steps on the reference grid, about even at 400,
 * and 4.2× at 1,000 steps on the long runs). Results are the same either way; only the cost differs.
 */
export const SCREEN_FROM_STEPS = 400;

/**
 * The same threshold for runs a family's screening kernel decides: a kernel's setup costs about
 * as much as a few exact steps, so it pays from about 10 steps on (measured on the reference
 * grid's inequalities: the filtered path is 0.8× the exact path at 5 steps, 1.3× at 10, 1.8× at
 * 20 and 2.9× at 100).
 */
export const KERNEL_SCREEN_FROM_STEPS = 20;

export class DecidingPolicy {
  readonly figures: DecidingFigures;
  /** Trajectories shorter than this are not screened on a kernel either (the lower of the two thresholds). */
  readonly kernelFromSteps: number;

  constructor(
    readonly path: DecidingPath,
    /** Trajectories shorter than this are decided exactly without screening views (see SCREEN_FROM_STEPS). */
    readonly screenFromSteps = SCREEN_FROM_STEPS,
  ) {
    this.kernelFromSteps = Math.min(screenFromSteps, KERNEL_SCREEN_FROM_STEPS);
    this.figures = { ...emptyDecidingFigures(path), ...(path === 'filtered' ? { screenFromSteps, kernelFromSteps: this.kernelFromSteps } : {}) };
  }

  /** Whether a run may be screened at all. */
  screens(run: ConjectureRun, families: (c: Conjecture) => ModelFamily): boolean {
    const c = run.conjecture;
    return this.path === 'filtered' && c.scope !== 'parameters' && !c.exactOnly && families(c).screens === true;
  }

  /** Decides every run of a cell, each outcome delivered to the sink once; 'stopped' when `stop` cut it. */
  decide(req: DecideRequest): 'done' | 'stopped' {
    const stop = req.stop ?? (() => false);
    const steps = req.cell.steps;
    // Each run's kernel, where the policy may use one (see kernelOf).
    const kernels = req.runs.map((r) => kernelOf(r, req.families));
    const screened = req.runs
      .map((_, i) => i)
      .filter((i) => this.screens(req.runs[i], req.families))
      .filter((i) => steps >= (kernels[i] ? this.kernelFromSteps : this.screenFromSteps));
    // Per run: the first state the exact path decides (0: the whole run; NOT_EXACT: none).
    const exactFrom = req.runs.map((_, i) => (screened.includes(i) ? NOT_EXACT : 0));
    let ended: 'done' | 'stopped' = 'done';
    // Runs with a kernel are screened on the family's screening kernel, the others on its
    // screening views; what either leaves undecided goes to the exact path below.
    let viewed = screened;
    let reason: FallbackReason | null = null;
    const withKernel = screened.filter((i) => kernels[i] !== null);
    // One kernel runs per cell: that of the first such run's family.
    const kernelFamily = withKernel.length > 0 ? req.families(req.runs[withKernel[0]].conjecture) : null;
    const kernelled = withKernel.filter((i) => req.families(req.runs[i].conjecture) === kernelFamily);
    if (kernelled.length > 0) {
      // Where the exact path runs the cell's model anyway (for runs it decides whole), a run the
      // kernel cannot decide continues there; otherwise on the kernel run's own exact views.
      const exactPassAnyway = exactFrom.some((from) => from === 0);
      const kernel = this.runKernel(req, kernelled, kernelled.map((i) => kernels[i]!), stop, exactPassAnyway);
      kernelled.forEach((i, k) => (exactFrom[i] = kernel.exactFrom[k]));
      viewed = screened.filter((i) => !kernelled.includes(i));
      reason = kernel.reason;
      if (kernel.ended === 'stopped') ended = 'stopped';
    }
    if (viewed.length > 0 && ended === 'done') {
      const screening = this.screen(req, viewed, stop);
      viewed.forEach((i, k) => (exactFrom[i] = screening.exactFrom[k]));
      reason ??= screening.reason;
      if (screening.ended === 'stopped') ended = 'stopped';
    }
    if (screened.length > 0) {
      // A cell counts once, by the first reason any of its screened runs needed the exact path.
      this.figures.cells++;
      if (reason) this.figures.fallbacks[reason]++;
      else this.figures.cellsScreened++;
    }

    const indices = exactFrom.flatMap((from, i) => (from === NOT_EXACT ? [] : [i]));
    if (indices.length > 0) {
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
        { wanted: (k, t) => t >= exactFrom[indices[k]] },
      );
      if (ran === 'stopped') ended = 'stopped';
    }
    return ended;
  }

  /**
   * Screens runs `indices` of a cell on the family's kernel (`kernels`, one per run), delivering
   * each outcome as it comes, in state order. A state the kernel cannot decide, or whose exact
   * values the consumer needs, is decided on the kernel run's exact view of that state, and the
   * kernel goes on; but where the exact path runs the cell's model anyway (`exactPassAnyway`),
   * that run goes on there instead, so the exact model is not run twice. Where the kernel cannot
   * take a step (no exact run beside it), every open run goes to the exact path from there.
   * Returns, per run, the first state the exact path decides.
   */
  private runKernel(req: DecideRequest, indices: readonly number[], kernels: readonly KernelCheck<unknown>[], stop: () => boolean, exactPassAnyway: boolean) {
    const runs = indices.map((i) => req.runs[i]);
    const conjectures = runs.map((r) => r.conjecture as StepConjecture);
    const family = req.families(conjectures[0]);
    const context = req.screenContext();
    const applicable = conjectures.map((c) => preconditionsHold(c, context));
    const steps = req.cell.steps;
    const needs = req.needsExact;
    // Per run: the first state left to the exact path.
    const exactFrom = runs.map(() => NOT_EXACT);
    const open = runs.map(() => true);
    let openCount = runs.length;
    const close = (k: number) => {
      open[k] = false;
      openCount--;
    };
    let reason: FallbackReason | null = null;
    // Per run, read once (the conjectures are objects of many shapes; the loop below runs per state and run).
    const scoped = conjectures.map((c) => c.appliesAt !== undefined);
    const firstStep = conjectures.map((c) => c.firstStep ?? 0);
    const sink = req.sink;
    const verdicts = this.figures.verdicts;
    let screened = 0;
    const run = family.kernel!.start(context, req.cell.init, steps);
    // A cell the kernel cannot hold (values beyond doubles) is decided on the exact path whole.
    if (run === null) return { exactFrom: runs.map(() => 0), ended: 'done' as const, reason: 'bound' as FallbackReason };
    for (let t = 0; t <= steps && openCount > 0; t++) {
      if (stop()) {
        verdicts.screened += screened;
        return { exactFrom: runs.map(() => NOT_EXACT), ended: 'stopped' as const, reason };
      }
      if (t > 0 && !run.step()) {
        reason = 'branch';
        runs.forEach((_, k) => open[k] && (exactFrom[k] = t));
        break;
      }
      const state = run.state;
      const facts = run.facts;
      for (let k = 0; k < runs.length; k++) {
        if (!open[k]) continue;
        if (scoped[k] ? !kernels[k].appliesAt!(state) : t < firstStep[k]) continue;
        let outcome: Outcome<unknown> | null;
        if (!applicable[k]) {
          outcome = vacuousOutcome(conjectures[k]);
          screened++;
        } else {
          let code = kernels[k].check(state);
          if (isUndecided(code) && run.refine?.()) code = kernels[k].check(state);
          let again: FallbackReason | null = null;
          if (isUndecided(code)) again = undecidedReason(code);
          else {
            outcome = kernelOutcome(code);
            if (needs) {
              const margin = state as { marginLo: number; marginHi: number };
              if (needs(indices[k], t, { ...outcome, margin: new Interval(margin.marginLo, margin.marginHi) })) again = 'exactValues';
            }
          }
          if (again) {
            // The exact view of this state decides it (or, without one, the exact path from here).
            reason ??= again;
            const view = exactPassAnyway ? null : run.exact();
            if (view === null) {
              exactFrom[k] = t;
              close(k);
              continue;
            }
            try {
              outcome = requireOutcome(conjectures[k].check(view as never, runs[k].options), conjectures[k].id);
            } catch (error) {
              close(k);
              req.onError(indices[k], t, error);
              continue;
            }
            if (outcome === null) continue;
            verdicts.exact++;
          } else screened++;
        }
        if (sink(indices[k], t, outcome!, facts) === false) close(k); // the consumer has what it wants of this run
      }
    }
    verdicts.screened += screened;
    return { exactFrom, ended: 'done' as const, reason };
  }

  /**
   * Runs the screening of a cell (runs `screened` of the request), delivering what it decides
   * and returning, per screened run, the first state the exact path still has to decide.
   */
  private screen(req: DecideRequest, screened: readonly number[], stop: () => boolean) {
    const runs = screened.map((i) => req.runs[i]);
    const stateStatement = runs.map((r) => isStateStatement(r.conjecture));
    const goesOn = runs.map(() => true);
    const held = runs.map(() => [] as HeldEvent[]);
    const redo = runs.map(() => false);
    const reached = runs.map(() => -1);
    let reason: FallbackReason | null = null;
    /** The last outcome decided again on the exact view (delivered with its exact margin). */
    let again: Outcome<unknown> | null = null;
    const needs = req.needsExact;
    let branch = false;
    let ended: 'done' | 'stopped' = 'done';
    try {
      ended = evaluateCell(
        req.screenContext(),
        req.families,
        runs,
        req.cell,
        (k, t, outcome: Outcome<unknown>, facts) => {
          if (!stateStatement[k]) {
            held[k].push({ t, outcome, facts });
            return;
          }
          const exact = outcome === again;
          again = null;
          this.figures.verdicts[exact ? 'exact' : 'screened']++;
          if (req.sink(screened[k], t, exact ? outcome : withoutMargin(outcome), facts) === false) return (goesOn[k] = false);
        },
        (k, t, error) => {
          goesOn[k] = false;
          if (stateStatement[k]) return req.onError(screened[k], t, error); // the exact view's own error
          redo[k] = true;
          reason ??= reasonOf(error);
        },
        stop,
        {
          reached,
          decideAgain: (k, view, error) => {
            reason ??= error === undefined ? 'exactValues' : reasonOf(error);
            const c = runs[k].conjecture;
            // Only state statements are decided again (see CellProgress); the others never get here.
            if (c.scope !== 'step' && c.scope !== 'eviction-step') throw new TypeError(`${c.id} is not decided state by state`);
            again = c.check(exactViewOf(view) as never, runs[k].options) as Outcome<unknown> | null;
            return again;
          },
          needsAgain: needs ? (k, t, outcome) => needs(screened[k], t, outcome) : undefined,
        },
      );
    } catch (error) {
      // Raised by the model itself: what was decided before that state stands.
      if (!(error instanceof UndecidedComparison)) throw error;
      branch = true;
    }

    // A trajectory statement whose exact values the consumer needs is decided again whole.
    runs.forEach((_, k) => {
      if (stateStatement[k] || redo[k] || !needs || !held[k].some((e) => needs(screened[k], e.t, e.outcome))) return;
      redo[k] = true;
      reason ??= 'exactValues';
    });
    if (branch) reason = 'branch';
    const exactFrom = runs.map((_, k) => {
      if (!stateStatement[k]) {
        if (branch || redo[k]) return 0;
        this.deliverHeld(screened[k], held[k], req.sink);
        return NOT_EXACT;
      }
      return branch && goesOn[k] ? reached[k] + 1 : NOT_EXACT;
    });
    return { exactFrom, ended, reason: reason as FallbackReason | null };
  }

  /** A trajectory statement screened whole: its outcomes, in order, until the sink stops it. */
  private deliverHeld(run: number, events: readonly HeldEvent[], sink: OutcomeSink<unknown>): void {
    for (const e of events) {
      this.figures.verdicts.screened++;
      if (sink(run, e.t, withoutMargin(e.outcome), e.facts) === false) return;
    }
  }
}

/** No state is decided on the exact path. */
const NOT_EXACT = Number.POSITIVE_INFINITY;

/**
 * A run's kernel, where the policy may use one: a state statement under tie rule `all` whose
 * family has a screening kernel, with the conjecture's `appliesAt` matched by the kernel's.
 */
function kernelOf(run: ConjectureRun, families: (c: Conjecture) => ModelFamily): KernelCheck<unknown> | null {
  const c = run.conjecture;
  if (!isStateStatement(c) || run.options.tie !== 'all' || !families(c).kernel) return null;
  const step = c as StepConjecture;
  const kernel = step.kernel as KernelCheck<unknown> | undefined;
  if (!kernel || (step.appliesAt !== undefined) !== (kernel.appliesAt !== undefined)) return null;
  return kernel;
}

/** Every field of an outcome (a new field fails to compile here until withoutMargin copies it). */
const OUTCOME_FIELDS: Record<keyof Outcome<unknown>, true> = { status: true, margin: true, values: true, positions: true, case: true, tie: true, note: true };
void OUTCOME_FIELDS;

/** A screened outcome as delivered: its margin is an enclosure, not the exact value, so it is left out. */
function withoutMargin(o: Outcome<unknown>): Outcome<unknown> {
  if (o.margin === undefined) return o;
  // Spelled out: an object rest over an outcome's keys costs more than the rest of the replay.
  const outcome: { -readonly [K in keyof Outcome<unknown>]: Outcome<unknown>[K] } = { status: o.status, values: o.values };
  if (o.positions !== undefined) outcome.positions = o.positions;
  if (o.case !== undefined) outcome.case = o.case;
  if (o.tie !== undefined) outcome.tie = o.tie;
  if (o.note !== undefined) outcome.note = o.note;
  return outcome;
}
