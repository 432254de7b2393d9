import fc from 'fast-check';
import { arithmeticFor, type ArithmeticChoice, type ArithmeticChoiceId } from '../../models/arithmetic/index.js';
import { DecidingPolicy } from '../engine/deciding.js';
import type { DecidingFigures } from '../schema.js';
import { exactArithmetic } from '../../models/arithmetic/exact.js';
import { leanExactArithmetic } from '../../models/arithmetic/lean.js';
import type { Rational } from '../../models/arithmetic/rational.js';
import type { Outcome } from '../../conjectures/support/outcome.js';
import type { Conjecture, ConjectureOptions } from '../../conjectures/types.js';
import type { Candidate, CornerSize, FamilySpace, JsonValue, ModelFamily, SearchLevel } from '../../models/family.js';
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
  /** False when the time limit cut the search short. */
  complete: boolean;
  /** Float failures that exact arithmetic did not confirm (screening backends only). */
  screeningFalseAlarms?: number;
  minimality?: { locallyMinimal: boolean; neighboursChecked: number; phase: 'corner' | 'random' | 'exhaustive' };
  /**
   * Present when the space was small enough to enumerate outright: how many
   * candidates were decided, and whether every candidate below the result (or,
   * unrefuted, every candidate of the bounds) was decided exactly, so that the
   * counterexample is certified minimal within the bounds.
   */
  exhaustive?: { candidatesDecided: number; certifiedMinimal: boolean };
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

/**
 * Hunts a minimal counterexample: (1) a small corner enumerated exactly in the
 * minimality order, (2) seeded fast-check sampling with its shrinker, (3) a
 * local search over every smaller neighbour, (4) a descent that samples below
 * the best counterexample level by level and repeats (3) on what it finds.
 */
/** Most candidates of a space listed outright (see FamilySpace.everyCandidate). */
const EXHAUSTIVE_LIMIT = 20_000;

export function runCheck(req: CheckRequest): CheckReport {
  const clock = req.clock ?? (() => performance.now());
  const deadline = clock() + req.timeLimitMs;
  let complete = true;
  const outOfTime = () => {
    if (clock() <= deadline) return false;
    complete = false;
    return true;
  };

  const run = { conjecture: req.conjecture, options: req.options };
  // The time limit is looked at before every step, so one long trajectory cannot overrun it.
  const policy = new DecidingPolicy(req.arithmetic.id === 'exact' ? 'exact' : 'filtered');
  const exact = new CandidateEvaluator(leanExactArithmetic, req.family, run, req.steps, outOfTime, policy);
  const screenAr = arithmeticFor(req.arithmetic);
  const screen = screenAr.decidesVerdicts ? null : new CandidateEvaluator(screenAr, req.family, run, req.steps, outOfTime);
  let falseAlarms = 0;

  /** Decided exactly; a screening backend only skips candidates it sees holding. */
  const failure = (c: Candidate): Found | null => {
    if (screen && !screen.evaluate(c).failure) return null;
    const decided = exact.evaluate(c);
    const e = decided.failure;
    if (!e) {
      if (screen && !decided.stopped) falseAlarms++;
      return null;
    }
    return { candidate: c, t: e.t, outcome: e.outcome };
  };

  const space = req.family.search.space(req.bounds, req.conjecture);
  const compare = (a: Candidate, b: Candidate) => req.family.compare(a, b);
  let best: Found | null = null;
  let phase: 'corner' | 'random' | 'exhaustive' = 'corner';

  // A space small enough to list is listed in the minimality order: its first failure is the minimum.
  const every = space.everyCandidate?.(EXHAUSTIVE_LIMIT) ?? null;
  if (every) {
    let decided = 0;
    let listedAll = true;
    for (const c of every) {
      if (outOfTime()) {
        listedAll = false;
        break;
      }
      decided++;
      best = failure(c);
      if (best) break;
    }
    // A screening backend may let a failing candidate pass as holding: only exact screening certifies.
    const certifiedMinimal = listedAll && !screen;
    const minimality = best ? { locallyMinimal: certifiedMinimal, neighboursChecked: 0, phase: 'exhaustive' as const } : undefined;
    return report(best, minimality, { candidatesDecided: decided, certifiedMinimal });
  }

  const noCorner = req.cornerSize !== undefined && Object.values(req.cornerSize).every((x) => x === 0);
  for (const c of noCorner ? [] : space.corner(req.cornerSize)) {
    if (outOfTime()) break;
    best = failure(c);
    if (best) break;
  }

  if (!best && !outOfTime()) {
    phase = 'random';
    best = randomPhase(space, req, failure, outOfTime);
  }

  let minimality: CheckReport['minimality'];
  if (best) {
    const shrunk = minimize({ space, compare, failure, outOfTime, runs: req.runs, seed: req.seed }, best);
    best = shrunk.best;
    minimality = { locallyMinimal: shrunk.locallyMinimal, neighboursChecked: shrunk.neighboursChecked, phase };
  }
  return report(best, minimality);

  /** The report of this search (its counters and clock are the enclosing ones). */
  function report(best: Found | null, minimality: CheckReport['minimality'], exhaustive?: CheckReport['exhaustive']): CheckReport {
    const evaluators = screen ? [exact, screen] : [exact];
    const total = (f: (e: CandidateEvaluator<unknown>) => number) =>
      evaluators.reduce((acc, e) => acc + f(e as CandidateEvaluator<unknown>), 0);
    return {
      conjecture: req.conjecture.id,
      verdict: best ? 'refuted' : 'unrefuted',
      arithmetic: req.arithmetic.id,
      deciding: policy.figures,
      searched: {
        trajectories: total((e) => e.trajectories),
        states: total((e) => e.states),
        vacuous: total((e) => e.totals.vacuous),
        undecided: total((e) => e.totals.undecided),
      },
      seed: req.seed,
      options: req.options,
      steps: req.steps,
      runs: req.runs,
      bounds: req.family.search.toJson(req.bounds),
      complete,
      ...(screen ? { screeningFalseAlarms: falseAlarms } : {}),
      ...(minimality ? { minimality } : {}),
      ...(exhaustive ? { exhaustive } : {}),
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
            ),
          }
        : {}),
    };
  }
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
