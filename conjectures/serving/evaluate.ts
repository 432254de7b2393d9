import type { Rational } from '../../models/arithmetic/rational.js';
import type { EndEvent, SimEvent } from '../../models/serving/events.js';
import { simulateList } from '../../models/serving/simulator.js';
import type { ServingCandidate } from '../../models/serving/workload.js';
import { summarise, type RunContext, type ServingFold, type ServingOutcome, type ServingRunConjecture } from './types.js';

/** The verdict of one run-level conjecture on one run. */
export interface RunVerdict {
  readonly id: string;
  /** fails if any outcome failed; else undecided if any was; else holds if any held; else vacuous (nothing checked). */
  readonly status: ServingOutcome['status'];
  /** The first failing outcome, else the first undecided one, else the one with the least margin. */
  readonly outcome: ServingOutcome | null;
  readonly checked: number;
  readonly holds: number;
  readonly fails: number;
  readonly vacuous: number;
  readonly undecided: number;
}

/** Feeds one run's events to several folds at once; `result()` after the end event. */
export class RunChecker {
  private readonly folds: { c: ServingRunConjecture; fold: ServingFold; acc: Acc }[];

  constructor(conjectures: readonly ServingRunConjecture[], ctx: RunContext) {
    this.folds = conjectures.map((c) => ({ c, fold: c.start(ctx), acc: new Acc() }));
  }

  event(e: SimEvent): void {
    for (const f of this.folds) {
      if (e.kind === 'end') f.acc.add(f.fold.finish(e));
      else f.acc.add(f.fold.event(e));
    }
  }

  result(): RunVerdict[] {
    return this.folds.map((f) => f.acc.verdict(f.c.id));
  }
}

class Acc {
  checked = 0;
  holds = 0;
  fails = 0;
  vacuous = 0;
  undecided = 0;
  firstFail: ServingOutcome | null = null;
  firstUndecided: ServingOutcome | null = null;
  least: ServingOutcome | null = null;

  add(o: ServingOutcome | null): void {
    if (!o) return;
    this.checked++;
    if (o.status === 'fails') {
      this.fails++;
      this.firstFail ??= o;
    } else if (o.status === 'undecided') {
      this.undecided++;
      this.firstUndecided ??= o;
    } else if (o.status === 'vacuous') this.vacuous++;
    else {
      this.holds++;
      if (!this.least || (o.margin && this.least.margin && (o.margin as Rational).compare(this.least.margin as Rational) < 0)) this.least = o;
    }
  }

  verdict(id: string): RunVerdict {
    const status = this.fails ? 'fails' : this.undecided ? 'undecided' : this.holds ? 'holds' : 'vacuous';
    const outcome = this.firstFail ?? this.firstUndecided ?? this.least;
    return { id, status, outcome, checked: this.checked, holds: this.holds, fails: this.fails, vacuous: this.vacuous, undecided: this.undecided };
  }
}

/** Runs a candidate and decides the given conjectures on it (small workloads). */
export function checkCandidate(conjectures: readonly ServingRunConjecture[], c: ServingCandidate): RunVerdict[] {
  const checker = new RunChecker(conjectures, { params: c.params, workload: summarise(c.requests) });
  let end: EndEvent | null = null;
  for (const e of simulateList(c.params, c.requests)) {
    checker.event(e);
    if (e.kind === 'end') end = e;
  }
  if (!end) throw new Error('the simulator ended without an end event');
  return checker.result();
}
