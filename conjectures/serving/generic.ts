import type { Rational } from '../../models/arithmetic/rational.js';
import type { ServingView } from '../../models/serving/view.js';
import { undecided, vacuous, type Outcome } from '../support/outcome.js';
import type { TrajectoryChecker, TrajectoryConjecture } from '../types.js';
import type { ServingOutcome, ServingRunConjecture } from './types.js';

/** A seed-004 conjecture as the harness sees it, keeping its event fold for `serving simulate`. */
export interface ServingConjecture extends TrajectoryConjecture<'serving'> {
  readonly fold: ServingRunConjecture;
}

export interface ServingConjectureOptions {
  /** Decided only at the end of the run (a run cut by `steps` is then undecided, never a pass). */
  readonly atEnd?: boolean;
  /** What is in scope, for the vacuous note of a run where nothing was (e.g. "no swap-out"). */
  readonly inScope: string;
}

const rank = (o: ServingOutcome) => (o.status === 'fails' ? 0 : o.status === 'undecided' ? 1 : o.status === 'holds' ? 2 : 3);

/** Of several outcomes in one batch: the first failure, else the first undecided, else the least margin. */
function better(a: ServingOutcome | null, b: ServingOutcome): ServingOutcome {
  if (!a) return b;
  if (rank(b) !== rank(a)) return rank(b) < rank(a) ? b : a;
  if (b.status === 'holds' && a.margin && b.margin && (b.margin as Rational).compare(a.margin as Rational) < 0) return b;
  return a;
}

/**
 * The generic form of a run-level serving conjecture (scope `trajectory`): a
 * fold over the run's views, one per batch (see models/serving/view.ts). Each
 * view feeds its events to the conjecture's event fold; the outcome of view t
 * is the decisive one among that batch's events (a failure first, else the
 * least margin), so t names the batch. At the end view the fold's `finish`
 * is fed too. A run in which nothing was in scope is one vacuous outcome; a
 * run cut by `steps` before an end-of-run statement could be decided is
 * undecided.
 */
export function defineServingConjecture(fold: ServingRunConjecture, o: ServingConjectureOptions): ServingConjecture {
  return {
    id: fold.id,
    statement: fold.statement,
    source: fold.source,
    family: 'serving',
    scope: 'trajectory',
    preconditions: [],
    names: [],
    margin: fold.margin,
    remark: `${fold.scope === 'run' ? 'decided on the whole run' : `checked at every ${fold.scope === 'step' ? 'batch' : fold.scope === 'event' ? 'swap-out event' : 'cycle (§B.4)'}`}; t = batch index${fold.remark ? `; ${fold.remark}` : ''}`,
    fold,
    start<N>(first: ServingView): TrajectoryChecker<ServingView, N> {
      const f = fold.start({ params: first.params, workload: first.workload });
      let checked = 0;
      let ended = false;
      let lastT = first.t;
      return {
        step(view) {
          lastT = view.t;
          let pick: ServingOutcome | null = null;
          for (const e of view.events) {
            if (e.kind === 'end') {
              ended = true;
              const out = f.finish(e);
              if (out) pick = better(pick, out);
            } else {
              const out = f.event(e);
              if (out) pick = better(pick, out);
            }
          }
          if (pick) checked++;
          return pick as Outcome<N> | null;
        },
        finish() {
          if (!ended && o.atEnd) return undecided(`the run was cut after batch ${lastT} (steps) before it ended: raise --steps`) as Outcome<N>;
          if (checked === 0) return vacuous(`nothing in scope in this run (${o.inScope})`) as Outcome<N>;
          return null;
        },
      };
    },
  };
}
