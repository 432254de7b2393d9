import fc from 'fast-check';
import { arithmeticFor, type ArithmeticChoice, type ArithmeticId } from '../../models/arithmetic/index.js';
import { exactArithmetic } from '../../models/arithmetic/exact.js';
import type { Rational } from '../../models/arithmetic/rational.js';
import type { Outcome } from '../../conjectures/support/outcome.js';
import type { Conjecture, ConjectureOptions } from '../../conjectures/types.js';
import { boundsToJson, type SearchBounds } from '../../models/theory-simulation/bounds.js';
import { compareCandidates, type Candidate } from '../../models/theory-simulation/order.js';
import { counterexampleJson, type CounterexampleJson } from './counterexample.js';
import { CandidateEvaluator } from './evaluate.js';
import { LEVELS, SearchSpace } from '../../models/theory-simulation/search-space.js';

export interface CheckRequest {
  readonly conjecture: Conjecture;
  readonly options: ConjectureOptions;
  readonly bounds: SearchBounds;
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
  /** Size of the corner enumerated in minimality order before random search (0 disables it). */
  readonly cornerSize?: { lB: number; l0: number; rates: number };
}

export interface CheckReport {
  conjecture: string;
  verdict: 'refuted' | 'unrefuted';
  arithmetic: ArithmeticId;
  searched: { trajectories: number; states: number; vacuous: number; undecided: number };
  seed: number;
  options: ConjectureOptions;
  steps: number;
  runs: number;
  bounds: ReturnType<typeof boundsToJson>;
  /** False when the time limit cut the search short. */
  complete: boolean;
  /** Float failures that exact arithmetic did not confirm (screening backends only). */
  screeningFalseAlarms?: number;
  minimality?: { locallyMinimal: boolean; neighboursChecked: number; phase: 'corner' | 'random' };
  counterexample?: CounterexampleJson;
}

export interface Found {
  readonly candidate: Candidate;
  readonly t: number;
  readonly outcome: Outcome<Rational>;
}

/** What shrinking needs: the space, an exact failure test, a deadline, and a budget for the descent. */
export interface Shrinker {
  readonly space: SearchSpace;
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

export const DEFAULT_CORNER = { lB: 3, l0: 6, rates: 6 };

/**
 * Hunts a minimal counterexample: (1) a small corner enumerated exactly in the
 * minimality order, (2) seeded fast-check sampling with its shrinker, (3) a
 * local search over every smaller neighbour, (4) a descent that samples below
 * the best counterexample level by level and repeats (3) on what it finds.
 */
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
  const exact = new CandidateEvaluator(exactArithmetic, run, req.steps);
  const screenAr = arithmeticFor(req.arithmetic);
  const screen = screenAr.decidesVerdicts ? null : new CandidateEvaluator(screenAr, run, req.steps);
  let falseAlarms = 0;

  /** Decided exactly; a screening backend only skips candidates it sees holding. */
  const failure = (c: Candidate): Found | null => {
    if (screen && !screen.evaluate(c).failure) return null;
    const e = exact.evaluate(c).failure;
    if (!e) {
      if (screen) falseAlarms++;
      return null;
    }
    return { candidate: c, t: e.t, outcome: e.outcome };
  };

  const space = new SearchSpace(req.bounds, req.conjecture);
  let best: Found | null = null;
  let phase: 'corner' | 'random' = 'corner';

  for (const c of req.cornerSize?.lB === 0 ? [] : space.corner(req.cornerSize ?? DEFAULT_CORNER)) {
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
    const shrunk = minimize({ space, failure, outOfTime, runs: req.runs, seed: req.seed }, best);
    best = shrunk.best;
    minimality = { locallyMinimal: shrunk.locallyMinimal, neighboursChecked: shrunk.neighboursChecked, phase };
  }

  const evaluators = screen ? [exact, screen] : [exact];
  const total = (f: (e: CandidateEvaluator<unknown>) => number) =>
    evaluators.reduce((acc, e) => acc + f(e as CandidateEvaluator<unknown>), 0);
  return {
    conjecture: req.conjecture.id,
    verdict: best ? 'refuted' : 'unrefuted',
    arithmetic: req.arithmetic.id,
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
    bounds: boundsToJson(req.bounds),
    complete,
    ...(screen ? { screeningFalseAlarms: falseAlarms } : {}),
    ...(minimality ? { minimality } : {}),
    ...(best
      ? {
          counterexample: counterexampleJson(
            exactArithmetic,
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

function randomPhase(
  space: SearchSpace,
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
  space: SearchSpace,
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

/** Most candidates enumerated at one tail level (rates, B, initial state) per descent step. */
const TAIL_LIMIT = 3000;

/**
 * Searches strictly below the best counterexample level by level, in the
 * order of the minimality key (a failure with a smaller lB beats anything
 * with a larger one, so earlier levels come first): lB, lA and l0 by random
 * samples (equal before the level, smaller at it, free after it); the rates,
 * B and the initial state by enumerating, in minimality order, every
 * candidate of that level for the fixed prefix. Each failure found is locally
 * minimised and the level is searched again below it.
 */
function descend(s: Shrinker, start: Found): { best: Found; locallyMinimal: boolean; neighboursChecked: number } | null {
  let improved: { best: Found; locallyMinimal: boolean } | null = null;
  let neighboursChecked = 0;
  let level = 0;
  let round = 0;
  while (level < LEVELS.length && !s.outOfTime()) {
    const best = improved?.best ?? start;
    const found = searchLevel(s, best, LEVELS[level], round++);
    if (!found) {
      level++;
      continue;
    }
    const local = localSearch(s.space, found, s.failure, s.outOfTime);
    neighboursChecked += local.neighboursChecked;
    if (compareCandidates(local.best.candidate, best.candidate) < 0) improved = local;
  }
  return improved ? { ...improved, neighboursChecked } : null;
}

/** The least failure found strictly below `best` at one level, or null. */
function searchLevel(s: Shrinker, best: Found, level: (typeof LEVELS)[number], round: number): Found | null {
  if (level === 'rates' || level === 'B' || level === 'init') {
    let count = 0;
    for (const c of s.space.tailBelow(best.candidate, level)) {
      if (s.outOfTime() || ++count > TAIL_LIMIT) return null;
      const found = s.failure(c);
      if (found) return found;
    }
    return null;
  }
  const arbitrary = s.space.below(best.candidate, level as 'lB' | 'lA' | 'l0');
  if (!arbitrary) return null;
  for (const c of fc.sample(arbitrary, { seed: s.seed + 1 + round, numRuns: s.runs })) {
    if (s.outOfTime()) return null;
    const found = s.failure(c);
    if (found) return found;
  }
  return null;
}
