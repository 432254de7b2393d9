import fc from 'fast-check';
import { Rational } from '../arithmetic/rational.js';
import { canonicalInitial, type InitialState } from './initial-state.js';
import type { ModelParams } from './params.js';
import { exactArithmetic } from '../arithmetic/exact.js';
import { setupModel, type ModelSetup } from './setup.js';
import type { ConjectureInfo, CornerSize, FamilySpace } from '../family.js';
import type { InitKind, SearchBounds } from './bounds.js';
import { compareByHeight, enumerateRange, listsItself, MOST_WALKED_DENOMINATORS, numeratorBounds, type RationalRange } from '../arithmetic/rational-range.js';
import { compareCandidates, comparePlacementKeys, compositionsReversed, latticeState, normalLatticePoint, projectInitial, type Candidate, type LatticePoint, type PlacedState, placementKey } from './order.js';
import { TheoryQuotient } from './quotient.js';

const ENUMERATION_LIMIT = 20_000;
/** `initialStatesBefore` gives up (null) beyond lattice points of this many entries in all. */
const MOST_COUNTED_ENTRIES = 20_000_000;
/** Random rationals are drawn with denominators up to this (fast-check draws safe integers). */
const MOST_SAMPLED_DENOMINATOR = Number.MAX_SAFE_INTEGER;

/**
 * The search space of one conjecture: the bounds, the initial-state kinds its
 * family accepts, and the finite value lists of the rational parameters
 * (ordered by height, so fast-check shrinks towards the minimality order).
 */
export class SearchSpace implements FamilySpace<ModelParams, InitialState> {
  readonly levels = LEVELS.map((id) => ({ id, mode: SAMPLED_LEVELS.includes(id) ? ('sample' as const) : ('enumerate' as const) }));

  readonly kinds: readonly InitKind[];
  /** The family invariances the conjecture declares. */
  readonly declared: readonly string[];
  readonly lambdaAValues: readonly Rational[] | null;
  readonly lambdaBValues: readonly Rational[] | null;
  readonly BValues: readonly Rational[] | null;

  constructor(
    readonly bounds: SearchBounds,
    /** A conjecture (its family decides the initial-state kinds), or the kinds themselves. */
    scope: ConjectureInfo | readonly InitKind[],
  ) {
    this.kinds = Array.isArray(scope) ? (scope as InitKind[]) : initKindsFor(scope as ConjectureInfo, bounds);
    this.declared = Array.isArray(scope) ? [] : ((scope as ConjectureInfo).invariantUnder ?? []);
    this.lambdaAValues = enumerateIfSmall(bounds.lambdaA);
    this.lambdaBValues = enumerateIfSmall(bounds.lambdaB);
    this.BValues = enumerateIfSmall(bounds.B);
  }

  /**
   * Whether the canonical start is in the space: it is a kind of its own, and the balanced
   * start of u = e₀, so it belongs to `canonical` and to `balanced` (`--init unbalanced`
   * alone searches unbalanced starts only).
   */
  get canonicalIncluded(): boolean {
    return this.kinds.includes('canonical') || this.kinds.includes('balanced');
  }

  /** Whether an initial state is one of the space's kinds. */
  admits(init: InitialState): boolean {
    return init.kind === 'canonical' ? this.canonicalIncluded : this.kinds.includes(init.kind as InitKind);
  }

  /** Smallest lB that admits an lA in range. */
  get lBMin(): number {
    return Math.max(this.bounds.lB.min, this.bounds.lA.min + 1);
  }

  lAMax(lB: number): number {
    return Math.min(this.bounds.lA.max, lB - 1);
  }

  /** fast-check arbitrary over the whole space, or over a constrained part of it. */
  arbitrary(constraint: SpaceConstraint = {}): fc.Arbitrary<Candidate> {
    const b = this.bounds;
    const lB = constraint.lB ?? { min: this.lBMin, max: b.lB.max };
    return fc.integer(lB).chain((lBValue) =>
      fc
        .record({
          lA: fc.integer(constraint.lA ?? { min: b.lA.min, max: this.lAMax(lBValue) }),
          l0: fc.integer(constraint.l0 ?? b.l0),
          rates: constraint.rates
            ? pick(constraint.rates)
            : fc.tuple(rationalArbitrary(b.lambdaA, this.lambdaAValues), rationalArbitrary(b.lambdaB, this.lambdaBValues)),
          B: constraint.B ? pick(constraint.B) : rationalArbitrary(b.B, this.BValues),
          kind: fc.integer({ min: 0, max: this.kinds.length - 1 }),
          units: fc.array(fc.record({ stage: fc.nat(lBValue - 1), typeB: fc.boolean() }), {
            minLength: 1,
            maxLength: b.latticeMax,
          }),
        })
        .map(({ lA, l0, rates: [lambdaA, lambdaB], B, kind, units }) => {
          const params: ModelParams = { l0, lA, lB: lBValue, B, lambdaA, lambdaB };
          return { params, init: this.initialFromUnits(params, this.kinds[kind], units) };
        }),
    );
  }

  /**
   * Random candidates strictly below `best` at one of the leading levels (lB,
   * lA, l0): equal before the level, smaller at it, free after it (null if
   * none exist). The tail levels are enumerated instead (`tailBelow`).
   */
  below(best: Candidate, level: 'lB' | 'lA' | 'l0'): fc.Arbitrary<Candidate> | null {
    const p = best.params;
    const b = this.bounds;
    const fixed = { lB: { min: p.lB, max: p.lB } };
    switch (level) {
      case 'lB':
        return p.lB > this.lBMin ? this.arbitrary({ lB: { min: this.lBMin, max: p.lB - 1 } }) : null;
      case 'lA':
        return p.lA > b.lA.min ? this.arbitrary({ ...fixed, lA: { min: b.lA.min, max: p.lA - 1 } }) : null;
      case 'l0':
        return p.l0 > b.l0.min
          ? this.arbitrary({ ...fixed, lA: { min: p.lA, max: p.lA }, l0: { min: b.l0.min, max: p.l0 - 1 } })
          : null;
    }
  }

  private initialFromUnits(
    params: ModelParams,
    kind: InitKind,
    units: readonly { stage: number; typeB: boolean }[],
  ): InitialState {
    if (kind === 'canonical') return canonicalInitial();
    if (kind === 'per-type') {
      const u = new Array<number>(params.lA + params.lB).fill(0);
      for (const { stage, typeB } of units) {
        if (typeB) u[params.lA + stage]++;
        else u[stage % params.lA]++;
      }
      return latticeState(params, 'per-type', u);
    }
    const u = new Array<number>(params.lB).fill(0);
    for (const { stage } of units) u[stage]++;
    return latticeState(params, kind, u);
  }

  sampleBelow(best: Candidate, level: string): fc.Arbitrary<Candidate> | null {
    return this.below(best, level as 'lB' | 'lA' | 'l0');
  }

  enumerateBelow(best: Candidate, level: string): Iterable<Candidate> {
    return this.tailBelow(best, level as Level);
  }

  /** Every candidate one move below c (single-coordinate decreases), ascending in the minimality order. */
  neighbours(c: Candidate): Candidate[] {
    const p = c.params;
    const b = this.bounds;
    const changed: ModelParams[] = [];
    for (let lB = this.lBMin; lB < p.lB; lB++) {
      const lA = Math.min(p.lA, lB - 1);
      if (lA >= b.lA.min) changed.push({ ...p, lB, lA });
    }
    for (let lA = b.lA.min; lA < p.lA; lA++) changed.push({ ...p, lA });
    for (let l0 = b.l0.min; l0 < p.l0; l0++) changed.push({ ...p, l0 });
    // Decreasing a coordinate frees every later one: also try them at their smallest.
    const reset = this.smallestTail();
    changed.push(...changed.map((q) => ({ ...q, ...reset })));
    for (const [lambdaA, lambdaB] of this.smallerRatePairs(p)) changed.push({ ...p, lambdaA, lambdaB });
    for (const B of this.BValues ?? []) {
      if (compareByHeight(B, p.B) >= 0) break;
      changed.push({ ...p, B });
    }
    // A lattice state is rebuilt for the new parameters (balance depends on them).
    const out: Candidate[] = changed.map((params) => ({ params, init: projectInitial(c.init, params, p) }));
    out.push(...this.smallerInitials(c));
    return out.filter((n) => this.admits(n.init) && compareCandidates(n, c) < 0).sort(compareCandidates);
  }

  /** The smallest rates and budget of the bounds. */
  private smallestTail(): Pick<ModelParams, 'lambdaA' | 'lambdaB' | 'B'> {
    const [lambdaA, lambdaB] = this.cornerRates(1)[0];
    return { lambdaA, lambdaB, B: this.BValues?.[0] ?? this.bounds.B.min };
  }

  private smallerRatePairs(p: ModelParams): [Rational, Rational][] {
    const VA = this.lambdaAValues;
    const VB = this.lambdaBValues;
    if (!VA || !VB) return [];
    const sum = p.lambdaA.add(p.lambdaB);
    const pairs: [Rational, Rational][] = [];
    for (const a of VA) {
      for (const bb of VB) {
        const s = a.add(bb);
        const c = compareByHeight(s, sum) || compareByHeight(a, p.lambdaA);
        if (c < 0) pairs.push([a, bb]);
      }
    }
    return pairs;
  }

  private smallerInitials(c: Candidate): Candidate[] {
    const { init, params } = c;
    const out: Candidate[] = [];
    if (init.kind !== 'canonical') out.push({ params, init: canonicalInitial() });
    if (init.kind === 'canonical' || !init.lattice) return out;
    const kind = init.kind;
    const u = init.lattice;
    const blockStart = (i: number) => (kind === 'per-type' && i >= params.lA ? params.lA : 0);
    const push = (k: typeof kind, v: number[]) => {
      if (this.kinds.includes(k) && v.some((x) => x > 0)) out.push({ params, init: latticeState(params, k, v) });
    };
    u.forEach((x, i) => {
      if (x === 0) return;
      const fewer = [...u];
      fewer[i]--;
      push(kind, fewer);
      if (i > blockStart(i)) {
        const lower = [...u];
        lower[i]--;
        lower[i - 1]++;
        push(kind, lower);
      }
    });
    if (kind === 'unbalanced') push('balanced', [...u]);
    return out;
  }

  /**
   * Every candidate strictly below `best` at a tail level (rates, B or the
   * initial state), in the minimality order: the same lB, lA, l0 (and rates,
   * B), a smaller value at the level, and every initial state after it. B takes
   * its `budgets` smallest values. Yields nothing for other levels.
   */
  *tailBelow(best: Candidate, level: Level, budgets = 2): Generator<Candidate> {
    const p = best.params;
    const smallB = (this.BValues ?? [p.B]).slice(0, budgets);
    if (level === 'rates') {
      for (const [lambdaA, lambdaB] of this.smallerRatePairs(p).sort(([a1, b1], [a2, b2]) => compareByHeight(a1.add(b1), a2.add(b2)) || compareByHeight(a1, a2))) {
        for (const B of smallB) {
          const params = { ...p, lambdaA, lambdaB, B };
          for (const init of this.initialStatesInOrder(params)) yield { params, init };
        }
      }
    } else if (level === 'B') {
      for (const B of (this.BValues ?? []).filter((x) => compareByHeight(x, p.B) < 0).slice(0, budgets)) {
        const params = { ...p, B };
        for (const init of this.initialStatesInOrder(params)) yield { params, init };
      }
    } else if (level === 'init') {
      for (const init of this.initialStatesInOrder(p)) {
        const c = { params: p, init };
        if (compareCandidates(c, best) >= 0) return;
        yield c;
      }
    }
  }

  /**
   * The initial states of the space for these parameters in the minimality
   * order: canonical (when its kinds include it), then lattice points by coordinate sum (up to the bound),
   * kind, and reversed-lexicographically (duplicates of one state skipped).
   */
  *initialStatesInOrder(params: ModelParams, skip = 0): Generator<InitialState> {
    let skipped = 0;
    if (this.canonicalIncluded && skipped++ >= skip) yield canonicalInitial();
    let setup: ModelSetup<Rational> | null = null;
    for (const { kind, u } of this.latticePoints(params.lA, params.lB)) {
      // Skipped states are never built (each is a few exact vectors of lB entries).
      if (skipped++ >= skip) yield latticeState(params, kind, u, (setup ??= setupModel(exactArithmetic, params)));
    }
  }

  /**
   * How many of `initialStatesInOrder(params)` come before `init`, counted on lattice points
   * without building a state; null once the points walked hold more than `MOST_COUNTED_ENTRIES`
   * entries (about a second), as with many stages only a formula could count them in time.
   */
  initialStatesBefore(params: ModelParams, init: PlacedState): number | null {
    const target = placementKey(init);
    let before = 0;
    if (this.canonicalIncluded) {
      if (comparePlacementKeys(placementKey(canonicalInitial()), target) >= 0) return 0;
      before++;
    }
    for (const { kind, u } of this.latticePoints(params.lA, params.lB)) {
      if (comparePlacementKeys(placementKey({ kind, lattice: u }), target) >= 0) return before;
      if (++before * u.length > MOST_COUNTED_ENTRIES) return null;
    }
    return before;
  }

  private readonly pointsByShape = new Map<string, ReadOnce<LatticePoint>>();

  /**
   * The lattice points of `initialStatesInOrder` (they depend on the stage counts only), listed
   * once per shape and only as far as read: with many stages they are astronomically many.
   */
  private latticePoints(lA: number, lB: number): ReadOnce<LatticePoint> {
    const key = `${lA},${lB}`;
    let points = this.pointsByShape.get(key);
    if (!points) this.pointsByShape.set(key, (points = new ReadOnce(this.latticePointsInOrder(lA, lB))));
    return points;
  }

  private *latticePointsInOrder(lA: number, lB: number): Generator<LatticePoint> {
    const seen = new Set<string>();
    for (let size = 1; size <= this.bounds.latticeMax; size++) {
      for (const kind of this.kinds) {
        if (kind === 'canonical') continue;
        for (const u of compositionsReversed(size, kind === 'per-type' ? lA + lB : lB)) {
          const point = normalLatticePoint(kind, u);
          if (!point) continue;
          const k = `${point.kind}:${point.u.join(',')}`;
          if (seen.has(k)) continue;
          seen.add(k);
          yield point;
        }
      }
    }
  }

  /** The space up to the invariances its conjecture declares (see quotient.ts). */
  quotient(): TheoryQuotient | null {
    return TheoryQuotient.of(this, this.declared);
  }

  /** A small corner enumerated exactly in the minimality order before random search. */
  *corner(size: CornerSize = DEFAULT_CORNER): Generator<Candidate> {
    const b = this.bounds;
    const rates = this.cornerRates(size.rates);
    const B = this.BValues?.[0] ?? b.B.min;
    for (let lB = this.lBMin; lB <= Math.min(b.lB.max, this.lBMin + size.lB - 1); lB++) {
      for (let lA = b.lA.min; lA <= this.lAMax(lB); lA++) {
        for (let l0 = b.l0.min; l0 <= Math.min(b.l0.max, b.l0.min + size.l0 - 1); l0++) {
          for (const [lambdaA, lambdaB] of rates) {
            const params = { l0, lA, lB, B, lambdaA, lambdaB };
            // The least start of the space's kinds: the canonical one, unless the kinds leave it out.
            const least = this.initialStatesInOrder(params).next();
            if (!least.done) yield { params, init: least.value };
          }
        }
      }
    }
  }

  private cornerRates(count: number): [Rational, Rational][] {
    const VA = this.lambdaAValues ?? [this.bounds.lambdaA.min];
    const VB = this.lambdaBValues ?? [this.bounds.lambdaB.min];
    const pairs: [Rational, Rational][] = [];
    for (const a of VA.slice(0, 40)) for (const bb of VB.slice(0, 40)) pairs.push([a, bb]);
    return pairs
      .sort(([a1, b1], [a2, b2]) => compareByHeight(a1.add(b1), a2.add(b2)) || compareByHeight(a1, a2))
      .slice(0, count);
  }
}

/** The levels of the minimality order, outermost first. */
export const LEVELS = ['lB', 'lA', 'l0', 'rates', 'B', 'init'] as const;
export type Level = (typeof LEVELS)[number];
/** Levels sampled at random below a counterexample; the others are enumerated. */
const SAMPLED_LEVELS: readonly string[] = ['lB', 'lA', 'l0'];
/** The corner `check` enumerates before random search. */
export const DEFAULT_CORNER = { lB: 3, l0: 6, rates: 6 };

/** Restrictions of the space used to sample below a counterexample. */
export interface SpaceConstraint {
  readonly lB?: { min: number; max: number };
  readonly lA?: { min: number; max: number };
  readonly l0?: { min: number; max: number };
  readonly rates?: readonly [Rational, Rational][];
  readonly B?: readonly Rational[];
}

/** A sequence drawn from its source only as far as it is read, and kept, so every reader reads the same items. */
class ReadOnce<T> implements Iterable<T> {
  private readonly items: T[] = [];
  private exhausted = false;
  constructor(private readonly source: Iterator<T>) {}

  *[Symbol.iterator](): Generator<T> {
    for (let i = 0; ; i++) {
      if (i === this.items.length) {
        if (this.exhausted) return;
        const next = this.source.next();
        if (next.done) {
          this.exhausted = true;
          return;
        }
        this.items.push(next.value);
      }
      yield this.items[i];
    }
  }
}

function pick<T>(values: readonly T[]): fc.Arbitrary<T> {
  return fc.integer({ min: 0, max: values.length - 1 }).map((i) => values[i]);
}

export function initKindsFor(conjecture: ConjectureInfo, bounds: SearchBounds): InitKind[] {
  if (conjecture.scope === 'parameters') return ['canonical'];
  const kinds = bounds.inits.filter((k) => conjecture.family === 'theory-simulation-per-type' || k !== 'per-type');
  const ordered = (['canonical', 'balanced', 'unbalanced', 'per-type'] as const).filter((k) => kinds.includes(k));
  return ordered.length ? ordered : ['canonical'];
}

function enumerateIfSmall(range: RationalRange): Rational[] | null {
  if (range.min.equals(range.max)) return listsItself(range) ? [range.min] : [];
  // Too many denominators to walk (an end such as 60 + 2⁻²⁰⁰ makes the walk endless): sampled instead.
  if (range.maxDenominator > MOST_WALKED_DENOMINATORS) return null;
  let count = 0n;
  for (let den = 1; den <= range.maxDenominator; den++) {
    const { lo, hi } = numeratorBounds(range, den);
    if (hi >= lo) count += hi - lo + 1n;
  }
  return count <= BigInt(ENUMERATION_LIMIT) ? enumerateRange(range) : null;
}

/** From the ordered value list when it is small (shrinks towards small height), else numerator/denominator. */
function rationalArbitrary(range: RationalRange, values: readonly Rational[] | null): fc.Arbitrary<Rational> {
  if (values && values.length > 0) return fc.integer({ min: 0, max: values.length - 1 }).map((i) => values[i]);
  const top = Math.min(range.maxDenominator, MOST_SAMPLED_DENOMINATOR);
  // Ends finer than every denominator drawn (such as 60 + 2⁻²⁰⁰): drawn as they are, and the lower
  // end stands in for a denominator with no value in between (else the filter could retry forever).
  const fine = Number(range.min.den) > top || Number(range.max.den) > top;
  const drawn = fc
    .integer({ min: 1, max: top })
    .chain((den) => {
      const { lo, hi } = numeratorBounds(range, den);
      if (hi < lo) return fc.constant(fine ? range.min : null);
      const span = Number(hi - lo);
      return fc.integer({ min: 0, max: Math.min(span, Number.MAX_SAFE_INTEGER) }).map((k) => Rational.of(lo + BigInt(k), den));
    })
    .filter((r): r is Rational => r !== null);
  return fine ? fc.oneof(fc.constantFrom(range.min, range.max), drawn) : drawn;
}
