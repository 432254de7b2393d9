import fc from 'fast-check';
import { arithmeticFor, type ArithmeticChoice, type ArithmeticChoiceId } from '../../models/arithmetic/index.js';
import { addDecidingFigures, DecidingPolicy } from '../engine/deciding.js';
import type { DecidingFigures, DecidingPath } from '../schema.js';
import { exactArithmetic } from '../../models/arithmetic/exact.js';
import { leanExactArithmetic } from '../../models/arithmetic/lean.js';
import type { Rational } from '../../models/arithmetic/rational.js';
import type { Outcome, OutcomeStatus } from '../../conjectures/support/outcome.js';
import type { Conjecture, ConjectureOptions } from '../../conjectures/types.js';
import type { Candidate, CornerSize, FamilySpace, JsonValue, ModelFamily, Quotient, SearchLevel } from '../../models/family.js';
import { counterexampleJson, type CounterexampleJson } from './counterexample.js';
import { CandidateEvaluator } from './evaluate.js';

export interface CheckRequest {
  readonly conjecture: Conjecture;
  /** The conjecture's model family. */
  readonly family: ModelFamily;
  readonly options: ConjectureOptions;
  /** The family's search bounds (`family.search.defaults`, or from flags). */
  readonly bounds: unknown;
  /** Each trajectory runs t = 0..steps. */
  readonly steps: number;
  /** Random candidates (and as many again for the descent below a counterexample). */
  readonly runs: number;
  readonly seed: number;
  /** Screening arithmetic; every failure is confirmed and shrunk exactly. */
  readonly arithmetic: ArithmeticChoice;
  readonly timeLimitMs: number;
  /** Injected clock (ms); the harness owns time. */
  readonly clock?: () => number;
  /** Size of the corner enumerated in minimality order before random search (all zero disables it). */
  readonly cornerSize?: CornerSize;
  /**
   * After the search, decide every class of the space below the counterexample (or, none
   * found, every class of the bounds) in the minimality order, within the time limit
   * (default true). A space of at most `EXHAUSTIVE_LIMIT` classes is listed outright either way.
   */
  readonly certify?: boolean;
}

/**
 * A count of classes as reported: the families count in doubles, which hold a count exactly only
 * up to 2⁵³ − 1 (beyond it they round, or give ∞ for "too many"); null there, rather than a
 * figure that looks exact and is not.
 */
const exactCount = (n: number | null): number | null => (n !== null && Number.isSafeInteger(n) ? n : null);

/** How much of the space below the result (or of the whole space) was decided. */
export interface Certification {
  /** What certifying means here: every class below the counterexample, or every class of the bounds. */
  scope: 'below-counterexample' | 'bounds';
  /**
   * Every class in scope was decided exactly: the counterexample is minimal within the
   * bounds (refuted), or the conjecture holds on every candidate of the bounds (unrefuted).
   */
  certified: boolean;
  /** The invariances that merged candidates into classes (the conjecture declares them, the family's tests prove them). */
  invariances: { id: string; statement: string }[];
  /** Classes in the bounds: one candidate decides each (null: more than 2⁵³ − 1, too many to count exactly in a double). */
  classes: number | null;
  /** Classes in scope (null when the family cannot count them, or they are more than 2⁵³ − 1). */
  inScope: number | null;
  /** Classes decided, from the least up, in the minimality order. */
  decided: number;
  /** The last class decided when the time limit stopped the listing. */
  reached?: { params: JsonValue; init: JsonValue };
  /** Listed outright (a small space) or after the search. */
  when: 'listed' | 'after-search';
}

export interface CheckReport {
  conjecture: string;
  verdict: 'refuted' | 'unrefuted';
  arithmetic: ArithmeticChoiceId;
  /** How the exact verdicts were decided (screened by certified enclosures, or on the exact path, and why). */
  deciding: DecidingFigures;
  searched: { trajectories: number; states: number; vacuous: number; undecided: number };
  seed: number;
  options: ConjectureOptions;
  steps: number;
  runs: number;
  bounds: JsonValue;
  /** False when the time limit cut the search (or the certification after it) short. */
  complete: boolean;
  /** Float failures that exact arithmetic did not confirm (screening backends only). */
  screeningFalseAlarms?: number;
  /** Where the counterexample was found: the corner, random search, the listing of a small space, or the certification. */
  minimality?: { locallyMinimal: boolean; neighboursChecked: number; phase: 'corner' | 'random' | 'listed' | 'certification' };
  /** Present when the space could be listed up to its invariances (see `Certification`). */
  certification?: Certification;
  counterexample?: CounterexampleJson;
}

export interface Found {
  readonly candidate: Candidate;
  readonly t: number;
  readonly outcome: Outcome<Rational>;
}

/** What shrinking needs: the space, an exact failure test, a deadline, and a budget for the descent. */
export interface Shrinker {
  readonly space: FamilySpace<unknown, unknown>;
  /** The minimality order. */
  readonly compare: (a: Candidate, b: Candidate) => number;
  readonly failure: (c: Candidate) => Found | null;
  readonly outOfTime: () => boolean;
  readonly runs: number;
  readonly seed: number;
}

/** Local search, then the level-by-level descent below the result (phases 3 and 4). */
export function minimize(s: Shrinker, start: Found): { best: Found; locallyMinimal: boolean; neighboursChecked: number } {
  const local = localSearch(s.space, start, s.failure, s.outOfTime);
  const descended = descend(s, local.best);
  if (!descended) return local;
  return { ...descended, neighboursChecked: local.neighboursChecked + descended.neighboursChecked };
}

/** Most classes of a space listed outright, before any search. */
export const EXHAUSTIVE_LIMIT = 20_000;

/**
 * Hunts a minimal counterexample: (1) a small corner enumerated exactly in the
 * minimality order, (2) seeded fast-check sampling with its shrinker, (3) a
 * local search over every smaller neighbour, (4) a descent that samples below
 * the best counterexample level by level and repeats (3) on what it finds, then
 * (5) certifies: every class of the space below the result is decided in order.
 * A space of at most EXHAUSTIVE_LIMIT classes is listed outright instead.
 */
export function runCheck(req: CheckRequest): CheckReport {
  const run = new CheckRun(req);
  const listing = run.plan();
  return listing ? run.certified(run.listInThread(listing.bound), listing.when) : run.report();
}

/** `runCheck` with the listing of classes (the bulk of a certification) spread over worker threads. */
export async function runCheckInWorkers(req: CheckRequest, workers: ClassLister): Promise<CheckReport> {
  const run = new CheckRun(req);
  const listing = run.plan();
  return listing ? run.certified(await workers.list(run, listing.bound), listing.when) : run.report();
}

/** Lists classes in order somewhere else (worker threads), deciding each exactly like `CheckRun.failure`. */
export interface ClassLister {
  list(run: CheckRun, bound: Found | null): Promise<Listing>;
}

/** What the listing of classes did elsewhere (outcomes by status), added to the report's figures. */
export type ListedElsewhere = Record<OutcomeStatus, number> & { trajectories: number; deciding: DecidingFigures };

/** One check: its clock, evaluators and space, the search phases, and the report. */
export class CheckRun {
  readonly space: FamilySpace<unknown, unknown>;
  readonly quotient: Quotient<unknown, unknown> | null;
  readonly compare = (a: Candidate, b: Candidate) => this.req.family.compare(a, b);
  /** True while nothing cut the search short. */
  complete = true;
  private readonly clock: () => number;
  private readonly deadline: number;
  private readonly policy: DecidingPolicy;
  private readonly exact: CandidateEvaluator<Rational>;
  private readonly screen: CandidateEvaluator<unknown> | null;
  private falseAlarms = 0;
  private best: Found | null = null;
  private minimality: CheckReport['minimality'];
  private readonly elsewhere: ListedElsewhere[] = [];

  constructor(readonly req: CheckRequest) {
    this.clock = req.clock ?? (() => performance.now());
    this.deadline = this.clock() + req.timeLimitMs;
    const run = { conjecture: req.conjecture, options: req.options };
    // The time limit is looked at before every step, so one long trajectory cannot overrun it.
    const outOfTime = () => this.outOfTime();
    this.policy = new DecidingPolicy(this.path);
    this.exact = new CandidateEvaluator(leanExactArithmetic, req.family, run, req.steps, outOfTime, this.policy);
    const screenAr = arithmeticFor(req.arithmetic);
    this.screen = screenAr.decidesVerdicts ? null : new CandidateEvaluator(screenAr, req.family, run, req.steps, outOfTime);
    this.space = req.family.search.space(req.bounds, req.conjecture);
    this.quotient = this.space.quotient?.() ?? null;
  }

  /** The exact deciding path (screened by certified enclosures unless `--arithmetic exact`). */
  get path(): DecidingPath {
    return this.req.arithmetic.id === 'exact' ? 'exact' : 'filtered';
  }

  /** Few enough classes to list outright. */
  get small(): boolean {
    return this.quotient !== null && this.quotient.size <= EXHAUSTIVE_LIMIT;
  }

  /** Whether the search is followed by a certification. */
  get certifies(): boolean {
    return this.quotient !== null && this.req.certify !== false;
  }

  /** Milliseconds left of the time limit (never negative). */
  get remainingMs(): number {
    return Math.max(0, this.deadline - this.clock());
  }

  outOfTime(): boolean {
    if (this.clock() <= this.deadline) return false;
    this.complete = false;
    return true;
  }

  /** Decided exactly; a screening backend only skips candidates it sees holding. */
  readonly failure = (c: Candidate): Found | null => {
    if (this.screen && !this.screen.evaluate(c).failure) return null;
    return this.exactFailure(c);
  };

  /** Decided exactly, without screening (certification lists every class this way). */
  readonly exactFailure = (c: Candidate): Found | null => {
    const decided = this.exact.evaluate(c);
    const e = decided.failure;
    if (!e) {
      if (this.screen && !decided.stopped) this.falseAlarms++;
      return null;
    }
    return { candidate: c, t: e.t, outcome: e.outcome };
  };

  /**
   * The exact witness of a failure another thread found and counted: decided again here,
   * without a deadline (it is one trajectory) and outside the report's figures.
   */
  witness(c: Candidate): Found | null {
    const evaluator = new CandidateEvaluator(leanExactArithmetic, this.req.family, this.exact.run, this.req.steps, () => false, new DecidingPolicy(this.path));
    const e = evaluator.evaluate(c).failure;
    return e ? { candidate: c, t: e.t, outcome: e.outcome } : null;
  }

  /**
   * What is left to list after phases (1) to (4): every class below `bound` (null: every
   * class of the bounds), or nothing (null) when the check does not certify. A small space
   * skips the search and is listed outright.
   */
  plan(): { bound: Found | null; when: Certification['when'] } | null {
    if (this.small) return { bound: null, when: 'listed' };
    this.search();
    return this.certifies ? { bound: this.leastOfClass(), when: 'after-search' } : null;
  }

  /** Phases (1) to (4). */
  search(): void {
    const { space, req } = this;
    const outOfTime = () => this.outOfTime();
    let phase: 'corner' | 'random' = 'corner';
    let best: Found | null = null;
    const noCorner = req.cornerSize !== undefined && Object.values(req.cornerSize).every((x) => x === 0);
    for (const c of noCorner ? [] : space.corner(req.cornerSize)) {
      if (outOfTime()) break;
      best = this.failure(c);
      if (best) break;
    }
    if (!best && !outOfTime()) {
      phase = 'random';
      best = randomPhase(space, req, this.failure, outOfTime);
    }
    if (best) {
      const shrunk = minimize({ space, compare: this.compare, failure: this.failure, outOfTime, runs: req.runs, seed: req.seed }, best);
      best = shrunk.best;
      this.minimality = { locallyMinimal: shrunk.locallyMinimal, neighboursChecked: shrunk.neighboursChecked, phase };
    }
    this.best = best;
  }

  /** The least candidate of the counterexample's class fails with it (decided again, not assumed). */
  leastOfClass(): Found | null {
    const found = this.best;
    if (!found || !this.quotient) return found;
    const least = this.quotient.representative(found.candidate);
    if (this.compare(least, found.candidate) === 0) return found;
    const again = this.exactFailure(least);
    if (!again) {
      const ids = this.quotient.invariances.map((i) => i.id).join(', ');
      throw new Error(`${this.req.conjecture.id} declares invariances (${ids}) that do not hold: an equivalent candidate of its counterexample holds`);
    }
    this.best = again;
    return again;
  }

  /**
   * Decides the classes from the least up, in this thread, until a failure (then the least
   * one), the bound (every class below it holds) or the time limit.
   */
  listInThread(bound: Found | null): Listing {
    let decided = 0;
    let last: Candidate | null = null;
    for (const c of this.quotient!.candidates()) {
      if (bound && this.compare(c, bound.candidate) >= 0) break;
      if (this.outOfTime()) return { found: bound, bound, decided, last, finished: false };
      decided++;
      last = c;
      const found = this.exactFailure(c);
      if (found) return { found, bound, decided, last, finished: true };
    }
    return { found: bound, bound, decided, last, finished: true };
  }

  /** Figures of classes decided elsewhere (worker threads), for the report. */
  addListedElsewhere(figures: ListedElsewhere): void {
    this.elsewhere.push(figures);
  }

  /** The report after a listing of classes. */
  certified(l: Listing, when: Certification['when']): CheckReport {
    const q = this.quotient!;
    const target = l.found;
    if (target && target !== l.bound) {
      this.best = target;
      this.minimality = { locallyMinimal: l.finished, neighboursChecked: this.minimality?.neighboursChecked ?? 0, phase: when === 'listed' ? 'listed' : 'certification' };
    }
    return this.report({
      scope: target ? 'below-counterexample' : 'bounds',
      // Every class is decided exactly (never by a screening backend): a finished listing certifies.
      certified: l.finished,
      invariances: q.invariances.map((i) => ({ id: i.id, statement: i.statement })),
      classes: exactCount(q.size),
      inScope: exactCount(target ? q.countBelow(target.candidate) : q.size),
      decided: target && target !== l.bound ? l.decided - 1 : l.decided,
      ...(!l.finished && l.last
        ? { reached: { params: this.req.family.paramsToJson(l.last.params), init: this.req.family.initToJson(l.last.init) } }
        : {}),
      when,
    });
  }

  report(certification?: Certification): CheckReport {
    const { req, best, minimality } = this;
    const evaluators = (this.screen ? [this.exact, this.screen] : [this.exact]) as CandidateEvaluator<unknown>[];
    const total = (f: (e: CandidateEvaluator<unknown>) => number, g: (e: ListedElsewhere) => number) =>
      evaluators.reduce((acc, e) => acc + f(e), 0) + this.elsewhere.reduce((acc, e) => acc + g(e), 0);
    const deciding = structuredClone(this.policy.figures);
    for (const e of this.elsewhere) addDecidingFigures(deciding, e.deciding);
    return {
      conjecture: req.conjecture.id,
      verdict: best ? 'refuted' : 'unrefuted',
      arithmetic: req.arithmetic.id,
      deciding,
      searched: {
        trajectories: total((e) => e.trajectories, (e) => e.trajectories),
        states: total((e) => e.states, (e) => e.holds + e.fails + e.vacuous + e.undecided),
        vacuous: total((e) => e.totals.vacuous, (e) => e.vacuous),
        undecided: total((e) => e.totals.undecided, (e) => e.undecided),
      },
      seed: req.seed,
      options: req.options,
      steps: req.steps,
      runs: req.runs,
      bounds: req.family.search.toJson(req.bounds),
      complete: this.complete,
      ...(this.screen ? { screeningFalseAlarms: this.falseAlarms } : {}),
      ...(minimality ? { minimality } : {}),
      ...(certification ? { certification } : {}),
      ...(best
        ? {
            counterexample: counterexampleJson(
              exactArithmetic,
              req.family,
              req.conjecture.id,
              req.options,
              best.candidate,
              best.t,
              best.outcome,
              minimality!.locallyMinimal,
              certification?.certified ?? false,
            ),
          }
        : {}),
    };
  }
}

/** Classes decided in order: the least failure (or the bound it started below), and how far it got. */
export interface Listing {
  readonly found: Found | null;
  readonly bound: Found | null;
  /** Classes decided, the failing one included. */
  readonly decided: number;
  readonly last: Candidate | null;
  /** Reached a failure, the bound or the end (not cut by the time limit). */
  readonly finished: boolean;
}

function randomPhase(
  space: FamilySpace<unknown, unknown>,
  req: CheckRequest,
  failure: (c: Candidate) => Found | null,
  outOfTime: () => boolean,
): Found | null {
  let thrown: unknown = null;
  const result = fc.check(
    fc.property(space.arbitrary(), (c) => {
      // Past the deadline every candidate "holds", which also ends shrinking.
      if (thrown !== null || outOfTime()) return true;
      try {
        return failure(c) === null;
      } catch (error) {
        thrown = error;
        return true;
      }
    }),
    { seed: req.seed, numRuns: req.runs },
  );
  if (thrown !== null) throw thrown;
  if (!result.failed || !result.counterexample) return null;
  return failure(result.counterexample[0]);
}

function localSearch(
  space: FamilySpace<unknown, unknown>,
  start: Found,
  failure: (c: Candidate) => Found | null,
  outOfTime: () => boolean,
): { best: Found; locallyMinimal: boolean; neighboursChecked: number } {
  let best = start;
  let neighboursChecked = 0;
  for (;;) {
    let moved = false;
    for (const n of space.neighbours(best.candidate)) {
      if (outOfTime()) return { best, locallyMinimal: false, neighboursChecked };
      neighboursChecked++;
      const found = failure(n);
      if (found) {
        best = found;
        moved = true;
        break;
      }
    }
    if (!moved) return { best, locallyMinimal: true, neighboursChecked };
  }
}

/** Most candidates enumerated at one level per descent step. */
const TAIL_LIMIT = 3000;

/**
 * Searches strictly below the best counterexample level by level, in the
 * order of the minimality key (a failure smaller at an outer level beats
 * anything larger there, so earlier levels come first): sampled levels by random
 * samples (equal before the level, smaller at it, free after it); the
 * enumerated levels by listing, in minimality order, every
 * candidate of that level for the fixed prefix. Each failure found is locally
 * minimised and the level is searched again below it.
 */
function descend(s: Shrinker, start: Found): { best: Found; locallyMinimal: boolean; neighboursChecked: number } | null {
  let improved: { best: Found; locallyMinimal: boolean } | null = null;
  let neighboursChecked = 0;
  let level = 0;
  let round = 0;
  while (level < s.space.levels.length && !s.outOfTime()) {
    const best = improved?.best ?? start;
    const found = searchLevel(s, best, s.space.levels[level], round++);
    if (!found) {
      level++;
      continue;
    }
    const local = localSearch(s.space, found, s.failure, s.outOfTime);
    neighboursChecked += local.neighboursChecked;
    if (s.compare(local.best.candidate, best.candidate) < 0) improved = local;
  }
  return improved ? { ...improved, neighboursChecked } : null;
}

/** The least failure found strictly below `best` at one level, or null. */
function searchLevel(s: Shrinker, best: Found, level: SearchLevel, round: number): Found | null {
  if (level.mode === 'enumerate') {
    let count = 0;
    for (const c of s.space.enumerateBelow(best.candidate, level.id)) {
      if (s.outOfTime() || ++count > TAIL_LIMIT) return null;
      const found = s.failure(c);
      if (found) return found;
    }
    return null;
  }
  const arbitrary = s.space.sampleBelow(best.candidate, level.id);
  if (!arbitrary) return null;
  for (const c of fc.sample(arbitrary, { seed: s.seed + 1 + round, numRuns: s.runs })) {
    if (s.outOfTime()) return null;
    const found = s.failure(c);
    if (found) return found;
  }
  return null;
}
