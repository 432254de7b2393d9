import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UndecidedComparison } from '../../../models/arithmetic/arithmetic.js';
import { exactArithmetic, Interval, intervalArithmetic as iv, Rational } from '../../../models/arithmetic/index.js';
import { encloseQuotient, intervalArithmeticWithInputs } from '../../../models/arithmetic/interval.js';
import { CONJECTURES, Registry } from '../../../conjectures/registry.js';
import { byMargin, type Outcome } from '../../../conjectures/support/outcome.js';
import { byEnclosure, isUndecided } from '../../../conjectures/support/kernel.js';
import type { Conjecture, StepConjecture, TrajectoryConjecture } from '../../../conjectures/types.js';
import type { ModelFamily } from '../../../models/family.js';
import { evaluateCell } from '../../../harness/engine/cell.js';
import { DecidingPolicy, KERNEL_SCREEN_FROM_STEPS } from '../../../harness/engine/deciding.js';
import { BatchEvaluator, type BatchResult } from '../../../harness/sweep/batch.js';
import { emptyTally, mergeInto, type TallyJson } from '../../../harness/sweep/tally.js';
import { theorySimulation } from '../../../models/theory-simulation/family.js';
import { materialize, mergedInitial } from '../../../models/theory-simulation/initial-state.js';
import { coupledRun } from '../../../models/theory-simulation/coupled.js';
import { parameterContext } from '../../../models/theory-simulation/context.js';
import { ScreenStepView, type StepView } from '../../../models/theory-simulation/step-view.js';
import type { ParameterContext } from '../../../models/theory-simulation/context.js';
import { screenCoupledRun } from '../../../models/theory-simulation/screen-run.js';
import { screenParametersOf } from '../../../models/theory-simulation/interval-context.js';
import { config } from '../../support/sweep-fixtures.js';
import { mergedStartArb, paramsArb, SEED } from '../support/arbitraries.js';
import { exactOf } from '../support/exact-double.js';

/**
 * The deciding policy: certified enclosures decide only what they prove, and everything
 * else falls back to the exact path, so every result is the exact one. Tested on the
 * enclosures themselves (they contain the exact value; a decided comparison is the exact
 * one), on the screening run (its states enclose the exact states), and end to end:
 * outcomes and sweep tallies are identical to `--arithmetic exact` on randomised cells
 * and grids, including planted near-ties (margins exactly 0 and 2⁻²⁰⁰ from it).
 */

const contains = (x: Interval, r: Rational) => exactOf(x.plain.lo).compare(r) <= 0 && r.compare(exactOf(x.plain.hi)) <= 0;

const rational = fc.oneof(
  fc.tuple(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.bigInt({ min: 1n, max: 10n ** 25n })),
  fc.tuple(fc.bigInt({ min: -50n, max: 50n }), fc.bigInt({ min: 1n, max: 12n })),
).map(([n, d]) => Rational.of(n, d));

describe('certified enclosures', () => {
  it('contain the exact result of every operation, and decide comparisons only as exact arithmetic does', () => {
    fc.assert(
      fc.property(rational, rational, (a, b) => {
        const [x, y] = [iv.fromRational(a), iv.fromRational(b)];
        expect(contains(x, a)).toBe(true);
        expect(contains(iv.add(x, y), a.add(b))).toBe(true);
        expect(contains(iv.sub(x, y), a.sub(b))).toBe(true);
        expect(contains(iv.mul(x, y), a.mul(b))).toBe(true);
        if (!b.isZero()) {
          try {
            expect(contains(iv.div(x, y), a.div(b))).toBe(true);
          } catch (e) {
            expect(e).toBeInstanceOf(UndecidedComparison);
          }
        }
        for (const [p, q, u, v] of [[x, y, a, b], [iv.sub(x, y), iv.zero, a.sub(b), Rational.ZERO]] as const) {
          try {
            expect(iv.compare(p, q)).toBe(u.compare(v));
          } catch (e) {
            expect(e).toBeInstanceOf(UndecidedComparison);
          }
        }
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it('encloses big quotients (unreduced, thousands of bits) a few ulps wide, out to the ends of the doubles', () => {
    const ulp = (x: number) => 2 ** (Math.floor(Math.log2(Math.abs(x))) - 52);
    fc.assert(
      fc.property(fc.bigInt({ min: -(1n << 3000n), max: 1n << 3000n }), fc.bigInt({ min: 1n, max: 1n << 3000n }), fc.nat(64), (n, d, common) => {
        const scale = 3n ** BigInt(common); // an unreduced form of the same value
        const x = encloseQuotient(n * scale, d * scale);
        const exact = Rational.of(n, d);
        // At the end of the doubles an enclosure may be open on one side: its finite end still bounds the value.
        if (x.hi === Infinity || x.lo === -Infinity) {
          if (x.hi === Infinity) expect(exactOf(x.lo).compare(exact)).toBeLessThanOrEqual(0);
          else expect(exactOf(x.hi).compare(exact)).toBeGreaterThanOrEqual(0);
          return;
        }
        expect(contains(x, exact)).toBe(true);
        const mid = x.lo / 2 + x.hi / 2;
        if (Math.abs(mid) > 2 ** -1000) expect(x.hi - x.lo).toBeLessThanOrEqual(6 * ulp(mid));
      }),
      { seed: SEED, numRuns: 400 },
    );
  });

  it('keeps values held relative to a base (k·N* + offset) sound under every operation', () => {
    fc.assert(
      fc.property(rational.filter((r) => r.sign() > 0), rational, fc.integer({ min: -3, max: 3 }), fc.integer({ min: -3, max: 3 }), (base, r, k, j) => {
        const ar = intervalArithmeticWithInputs(base);
        // Multiples of the base are held relative to it; a plain value and a based sum mix both kinds.
        const values: [Interval, Rational][] = [
          [ar.fromRational(base.mul(Rational.of(k))), base.mul(Rational.of(k))],
          [ar.add(ar.fromRational(base.mul(Rational.of(j))), ar.fromRational(r)), base.mul(Rational.of(j)).add(r)],
          [ar.fromRational(r), r],
        ];
        for (const [x, a] of values) {
          expect(contains(x, a)).toBe(true);
          for (const [y, b] of values) {
            expect(contains(ar.add(x, y), a.add(b))).toBe(true);
            expect(contains(ar.sub(x, y), a.sub(b))).toBe(true);
            expect(contains(ar.mul(x, y), a.mul(b))).toBe(true);
            expect(contains(ar.neg(x), a.neg())).toBe(true);
            try {
              expect(ar.compare(x, y)).toBe(a.compare(b));
            } catch (e) {
              expect(e).toBeInstanceOf(UndecidedComparison);
            }
          }
        }
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('sees exact ties only where they are certain: one object, or equal points', () => {
    const third = iv.fromRational(Rational.of(1, 3));
    expect(iv.compare(third, third)).toBe(0);
    expect(iv.sub(third, third)).toBe(iv.zero);
    expect(iv.compare(iv.fromInteger(5), iv.add(iv.fromInteger(2), iv.fromInteger(3)))).toBe(0);
    // 1/3 + 1/3 − 2/3 is exactly 0, but the enclosures cannot show it.
    expect(() => iv.sign(iv.sub(iv.add(third, third), iv.fromRational(Rational.of(2, 3))))).toThrow(UndecidedComparison);
  });
});

describe('the screening run', () => {
  it('encloses the exact Theory and Simulation states until it gives up', () => {
    fc.assert(
      fc.property(
        paramsArb({ maxL0: 30, maxLA: 4, maxGap: 4 }).chain((p) => fc.tuple(fc.constant(p), mergedStartArb(p))),
        ([params, init]) => {
          const screen = theorySimulation.context(iv, params) as { ar: typeof iv };
          const exact = parameterContext(exactArithmetic, params);
          const views = theorySimulation.run(screen, init, 80)[Symbol.iterator]();
          for (const record of coupledRun(exact.setup, materialize(exactArithmetic, mergedInitial(params, init)), 80)) {
            let next: IteratorResult<unknown>;
            try {
              next = views.next();
            } catch (e) {
              expect(e).toBeInstanceOf(UndecidedComparison);
              return;
            }
            const v = next.value as StepView<Interval>;
            expect(v.t).toBe(record.t);
            expect(v.record.evicted).toBe(record.evicted);
            record.theory.forEach((x, s) => expect(contains(v.theory[s], x)).toBe(true));
            record.simulation.forEach((x, s) => expect(contains(v.simulation[s], x)).toBe(true));
          }
        },
      ),
      { seed: SEED, numRuns: 150 },
    );
  });
  it('keeps the bound of deviations too small for doubles (an underflowing product never claims an exact state)', () => {
    // Found by a differential hunt: deviations from N* near 10⁻³²¹ once made the error bound underflow to 0,
    // and two different states were enclosed as exactly N*.
    const params = theorySimulation.parseParams({ l0: 22, lA: 1, lB: 2, B: '247/4', lambdaA: 6, lambdaB: '1/5' });
    const init = theorySimulation.parseInit({ kind: 'unbalanced', M0: ['7657/1474', '191425/23584'] });
    const exact = parameterContext(exactArithmetic, params);
    const exactRecords = [...coupledRun(exact.setup, materialize(exactArithmetic, mergedInitial(params, init)), 240)];
    const screened = [...theorySimulation.run(theorySimulation.context(iv, params), init, 240)] as StepView<Interval>[];
    screened.forEach((v, t) => {
      exactRecords[t].theory.forEach((x, s) => expect(contains(v.theory[s], x)).toBe(true));
      exactRecords[t].simulation.forEach((x, s) => expect(contains(v.simulation[s], x)).toBe(true));
    });
    expect(outcomes('filtered', params, init, 240)).toEqual(outcomes('exact', params, init, 240));
  });
});

/** Near-ties planted at exactly 0 and 2⁻²⁰⁰ from it: their exact statuses are known by construction. */
const TINY = Rational.of(1n, 1n << 200n);
function nearTie(id: string, margin: <N>(v: StepView<N>) => N, strict: boolean): StepConjecture<'theory-simulation'> {
  return {
    id,
    statement: `planted near-tie: ${id}`,
    source: 'test',
    family: 'theory-simulation',
    scope: 'step',
    firstStep: 1,
    preconditions: [],
    names: [],
    margin: id,
    check: (v) => byMargin(v.ar, margin(v), {}, {}, strict),
  };
}
const tokensT = <N>(v: StepView<N>) => v.ar.sub(v.ar.dot(v.ctx.setup.W, v.theory), v.ctx.setup.B); // exactly 0 (the Theory's token balance)
const topDelta = <N>(v: StepView<N>) => v.delta[v.delta.length - 1]; // exactly 0 while the top cohort is shared
const PLANTED = [
  nearTie('tie-zero', tokensT, false), // holds, margin 0
  nearTie('tie-zero-strict', tokensT, true), // fails everywhere
  nearTie('tie-above', (v) => v.ar.add(tokensT(v), v.ar.fromRational(TINY)), true), // holds, margin 2⁻²⁰⁰
  nearTie('tie-below', (v) => v.ar.sub(tokensT(v), v.ar.fromRational(TINY)), false), // fails, margin −2⁻²⁰⁰
  nearTie('shared-zero-strict', topDelta, true), // fails while shared
  nearTie('shared-below', (v) => v.ar.sub(topDelta(v), v.ar.fromRational(TINY)), false),
];
/** User predicates that step outside comparisons: one reads a double of a value, one divides by a spread that may be exactly 0. */
const OFF_THE_PATH: StepConjecture[] = [
  {
    ...nearTie('reads-double', tokensT, false),
    // The Simulation's token balance: exactly 0, but an enclosure of it is not a point.
    check: <N>(v: StepView<N>) => byMargin(v.ar, v.ar.toNumber(v.ar.sub(v.ar.dot(v.ctx.setup.W, v.simulation), v.ctx.setup.B)) === 0 ? v.ar.one : v.ar.neg(v.ar.one), {}),
  },
  { ...nearTie('divides-by-spread', tokensT, false), check: <N>(v: StepView<N>) => byMargin(v.ar, v.ar.div(v.ar.fromRational(Rational.of(1, 3)), v.GS), {}) },
];
const registry = new Registry([...CONJECTURES, ...PLANTED, ...OFF_THE_PATH]);
const mergedIds = [...CONJECTURES, ...PLANTED, ...OFF_THE_PATH].filter((c) => registry.familyOf(c).domain === 'theory-simulation').map((c) => c.id);

function outcomes(path: 'filtered' | 'exact', params: unknown, init: unknown, steps: number) {
  const runs = mergedIds.map((id) => ({ conjecture: registry.get(id), options: { tie: 'all' as const } }));
  const out: string[] = [];
  // A screened outcome carries its status, case and tie flag; a failure (needed exactly here) also its exact margin and positions.
  const record = (i: number, t: number, o: Outcome<unknown>, depth: number) => {
    const fails = o.status === 'fails';
    out.push(JSON.stringify({ c: runs[i].conjecture.id, t, s: o.status, case: o.case, tie: o.tie, p: fails ? o.positions : undefined, d: depth, m: fails ? String(o.margin) : undefined }));
  };
  new DecidingPolicy(path, 0).decide({
    runs,
    cell: { params, init, steps },
    exactContext: () => theorySimulation.context(exactArithmetic, params as never),
    screenContext: () => theorySimulation.context(iv, params as never),
    families: (c) => registry.familyOf(c),
    sink: (i, t, o, facts) => {
      record(i, t, o, facts.evictionDepth);
    },
    onError: (i, t, e) => out.push(`error ${runs[i].conjecture.id} ${t} ${String(e)}`),
    needsExact: (_, _t, o) => o.status === 'fails',
  });
  return out.sort();
}

/** Decides one cell from the canonical start on a path; lists what reached the sink, in order. */
function decideCell(
  path: 'filtered' | 'exact',
  cell: { registry: Registry; ids: string[]; params: ReturnType<typeof theorySimulation.parseParams>; steps: number; families?: (c: Conjecture) => ModelFamily },
  line: (run: number, t: number, o: Outcome<unknown>) => string = (run, t, o) => `${run} ${t} ${o.status}`,
) {
  const policy = new DecidingPolicy(path, 0);
  const delivered: string[] = [];
  const { registry: reg, params } = cell;
  policy.decide({
    runs: cell.ids.map((id) => ({ conjecture: reg.get(id), options: { tie: 'all' as const } })),
    cell: { params, init: theorySimulation.parseInit({ kind: 'canonical' }), steps: cell.steps },
    exactContext: () => theorySimulation.context(exactArithmetic, params),
    screenContext: () => theorySimulation.context(iv, params),
    families: cell.families ?? ((c) => reg.familyOf(c)),
    sink: (i, t, o) => {
      delivered.push(line(i, t, o));
    },
    onError: (i, t, e) => delivered.push(`${i} ${t} error ${String(e)}`),
  });
  return { figures: policy.figures, delivered };
}

describe('the deciding policy', () => {
  it('gives the exact outcomes on randomised cells (every conjecture, every state, planted near-ties)', () => {
    let screened = 0;
    fc.assert(
      fc.property(
        paramsArb({ maxL0: 20, maxLA: 3, maxGap: 3 }).chain((p) => fc.tuple(fc.constant(p), mergedStartArb(p))),
        ([params, init]) => {
          expect(outcomes('filtered', params, init, 40)).toEqual(outcomes('exact', params, init, 40));
          screened++;
        },
      ),
      { seed: SEED, numRuns: 60 },
    );
    expect(screened).toBe(60);
  });

  it('gives the exact outcome, or the exact error, where a predicate reads a double or divides by an exact 0', () => {
    for (const init of [{ kind: 'canonical' }, { kind: 'unbalanced', M0: ['1', '0', '2'] }]) {
      const params = theorySimulation.parseParams({ l0: 3, lA: 1, lB: 3, B: '7/2', lambdaA: '2/3', lambdaB: 1 });
      const start = theorySimulation.parseInit(init);
      const filtered = outcomes('filtered', params, start, 30);
      expect(filtered).toEqual(outcomes('exact', params, start, 30));
      expect(filtered.some((line) => line.includes('reads-double'))).toBe(true);
    }
    // At equilibrium (W = (4, 5/2, 3), so N* = 60/(19/2)) both spreads are exactly 0: the exact error, at the first t checked.
    const params = theorySimulation.parseParams({ l0: 3, lA: 1, lB: 3, B: 60, lambdaA: 1, lambdaB: 1 });
    const start = theorySimulation.parseInit({ kind: 'unbalanced', M0: ['120/19', '120/19', '120/19'] });
    const equilibrium = outcomes('filtered', params, start, 5);
    expect(equilibrium).toEqual(outcomes('exact', params, start, 5));
    expect(equilibrium.filter((line) => line.startsWith('error divides-by-spread'))).toEqual(['error divides-by-spread 1 RangeError: division by zero (1/3 / 0)']);
  });

  it('screens most cells of a mid-sized grid and falls back where enclosures cannot decide', () => {
    const policy = new DecidingPolicy('filtered', 0);
    const exactOnly = new DecidingPolicy('exact');
    // Default thresholds: 60-step cells are screened on the kernel, not on the views (conjectures without a kernel).
    const byDefault = new DecidingPolicy('filtered');
    const viewsByDefault = new DecidingPolicy('filtered');
    const shortByDefault = new DecidingPolicy('filtered');
    const runs = mergedIds.map((id) => ({ conjecture: registry.get(id), options: { tie: 'all' as const } }));
    const withoutKernel = runs.filter((r) => !('kernel' in r.conjecture && r.conjecture.kernel));
    for (const l0 of [8, 16, 24]) {
      const params = theorySimulation.parseParams({ l0, lA: 2, lB: 4, B: 60, lambdaA: 1, lambdaB: 2 });
      const decide = (p: DecidingPolicy, which: typeof runs, steps: number) =>
        p.decide({
          runs: which,
          cell: { params, init: theorySimulation.parseInit({ kind: 'canonical' }), steps },
          exactContext: () => theorySimulation.context(exactArithmetic, params),
          screenContext: () => theorySimulation.context(iv, params),
          families: (c) => registry.familyOf(c),
          sink: () => {},
          onError: () => {},
        });
      for (const p of [policy, exactOnly, byDefault]) decide(p, runs, 60);
      decide(viewsByDefault, withoutKernel, 60);
      decide(shortByDefault, runs, KERNEL_SCREEN_FROM_STEPS - 1);
    }
    expect(policy.figures.cells).toBe(3);
    expect(policy.figures.verdicts.screened).toBeGreaterThan(0);
    // The planted ties at exactly 0 from a recomputed sum are never decided by enclosures.
    expect(policy.figures.fallbacks.tie + policy.figures.fallbacks.bound).toBeGreaterThan(0);
    expect(exactOnly.figures.verdicts.screened).toBe(0);
    expect(policy.figures.verdicts.screened + policy.figures.verdicts.exact).toBe(exactOnly.figures.verdicts.exact);
    expect(byDefault.figures.cells).toBe(3);
    expect(byDefault.figures.verdicts.screened + byDefault.figures.verdicts.exact).toBe(exactOnly.figures.verdicts.exact);
    expect(viewsByDefault.figures.cells).toBe(0);
    expect(viewsByDefault.figures.verdicts.screened).toBe(0);
    expect(shortByDefault.figures.cells).toBe(0);
    expect(shortByDefault.figures.verdicts.screened).toBe(0);
  });

  it('decides on the exact path only the states the screening could not decide, each once', () => {
    // Planted: undecidable on enclosures at t = 7 only (an exact 0 from a recomputed sum), plainly true elsewhere.
    const undecidableAt7 = <N>(v: StepView<N>) => (v.t === 7 ? tokensT(v) : v.ar.one);
    const step: StepConjecture<'theory-simulation'> = { ...nearTie('undecidable-at-7', undecidableAt7, false), firstStep: 0 };
    const trajectory: TrajectoryConjecture<'theory-simulation'> = {
      ...nearTie('trajectory-undecidable-at-7', undecidableAt7, false),
      scope: 'trajectory',
      start: () => ({ step: <N>(v: StepView<N>) => byMargin(v.ar, undecidableAt7(v), {}), finish: () => null }),
    };
    const planted = new Registry([...CONJECTURES, step, trajectory]);
    const params = theorySimulation.parseParams({ l0: 6, lA: 2, lB: 4, B: 60, lambdaA: 1, lambdaB: 2 });
    const decideWith = (path: 'filtered' | 'exact', ids: string[]) => decideCell(path, { registry: planted, ids, params, steps: 20 });
    // The step statement: t = 7 exact, every other state screened, each once and in order.
    const stepRun = decideWith('filtered', ['undecidable-at-7']);
    expect(stepRun.delivered).toEqual(decideWith('exact', ['undecidable-at-7']).delivered);
    expect(stepRun.delivered).toEqual(Array.from({ length: 21 }, (_, t) => `0 ${t} holds`));
    expect(stepRun.figures.verdicts).toEqual({ screened: 20, exact: 1 });
    expect(stepRun.figures.fallbacks.tie + stepRun.figures.fallbacks.bound).toBe(1);
    expect(stepRun.figures.fallbacks.branch).toBe(0);
    // A trajectory statement is decided again whole.
    const trajectoryRun = decideWith('filtered', ['trajectory-undecidable-at-7']);
    expect(trajectoryRun.delivered).toEqual(decideWith('exact', ['trajectory-undecidable-at-7']).delivered);
    expect(trajectoryRun.figures.verdicts).toEqual({ screened: 0, exact: 21 });
  });

  it('takes the exact step where the model itself cannot be decided on enclosures, and screens on from there', () => {
    // Integer parameters: ã is exactly 0 at an early step, which enclosures cannot tell from a small negative.
    const params = theorySimulation.parseParams({ l0: 1, lA: 1, lB: 4, B: 60, lambdaA: 1, lambdaB: 1 });
    const init = theorySimulation.parseInit({ kind: 'canonical' });
    const screen = theorySimulation.context(iv, params) as ParameterContext<Interval>;
    const initial = materialize(iv, mergedInitial(params, init));
    // Without the exact run beside it the screening gives up at that step…
    expect(() => [...screenCoupledRun(screen, screenParametersOf(screen), initial, 60)]).toThrow(UndecidedComparison);
    // …with it, every state comes through, and encloses the exact one.
    const exact = parameterContext(exactArithmetic, params);
    const exactRecords = [...coupledRun(exact.setup, materialize(exactArithmetic, mergedInitial(params, init)), 60)];
    const screened = [...theorySimulation.run(screen, init, 60)] as StepView<Interval>[];
    expect(screened.map((v) => v.t)).toEqual(exactRecords.map((r) => r.t));
    screened.forEach((v, t) => {
      expect(v.record.evicted).toBe(exactRecords[t].evicted);
      exactRecords[t].theory.forEach((x, s) => expect(contains(v.theory[s], x)).toBe(true));
      exactRecords[t].simulation.forEach((x, s) => expect(contains(v.simulation[s], x)).toBe(true));
      exactRecords[t].cohortEviction.forEach((x, s) => expect(contains(v.record.cohortEviction[s], x)).toBe(true));
    });
    const policy = new DecidingPolicy('filtered', 0);
    const exactOnly = new DecidingPolicy('exact');
    const runs = mergedIds.map((id) => ({ conjecture: registry.get(id), options: { tie: 'all' as const } }));
    for (const p of [policy, exactOnly]) {
      p.decide({
        runs,
        cell: { params, init, steps: 60 },
        exactContext: () => theorySimulation.context(exactArithmetic, params),
        screenContext: () => theorySimulation.context(iv, params),
        families: (c) => registry.familyOf(c),
        sink: () => {},
        onError: () => {},
      });
    }
    expect(outcomes('filtered', params, init, 60)).toEqual(outcomes('exact', params, init, 60));
    expect(policy.figures.fallbacks.branch).toBe(0);
    expect(policy.figures.verdicts.screened).toBeGreaterThan(policy.figures.verdicts.exact);
    expect(policy.figures.verdicts.screened + policy.figures.verdicts.exact).toBe(exactOnly.figures.verdicts.exact);
  });

  it('continues every run on the exact path from a state whose model step the screening could not take', () => {
    // A family whose screening run gives up at t = 5 (as a model without an exact run beside it would).
    const givesUp: typeof theorySimulation = {
      ...theorySimulation,
      kernel: undefined, // the screening views (a family's kernel is tested in screen-kernel.test.ts)
      *run<N>(context: unknown, init: Parameters<typeof theorySimulation.run>[1], steps: number) {
        for (const view of theorySimulation.run<N>(context, init, steps)) {
          if (view instanceof ScreenStepView && view.t === 5) throw new UndecidedComparison('tie');
          yield view;
        }
      },
    };
    const params = theorySimulation.parseParams({ l0: 6, lA: 2, lB: 4, B: 60, lambdaA: 1, lambdaB: 2 });
    const ids = ['g-dominance', 'max-dominance', 'delta-at-argmax'];
    const decideWith = (path: 'filtered' | 'exact') =>
      decideCell(path, { registry, ids, params, steps: 20, families: () => givesUp }, (i, t, o) => `${i} ${t} ${o.status} ${o.case ?? ''} ${o.tie ?? ''}`);
    const filtered = decideWith('filtered');
    expect(filtered.delivered.slice().sort()).toEqual(decideWith('exact').delivered.slice().sort());
    // Each run's states in order, once: t = 0..4 screened, t = 5..20 exact.
    ids.forEach((_, i) => expect(filtered.delivered.filter((line) => line.startsWith(`${i} `)).map((line) => Number(line.split(' ')[1]))).toEqual(Array.from({ length: 21 }, (_, t) => t)));
    expect(filtered.figures.fallbacks.branch).toBe(1);
    expect(filtered.figures.verdicts).toEqual({ screened: 3 * 5, exact: 3 * 16 });
  });

  it('never reads a kernel state beyond the range of doubles: a budget of 10⁴⁰⁰, and a Theory grown past 10³⁰⁸', () => {
    // Infinite centres made NaN deviations, which the kernels' extrema passed over: componentwise
    // dominance "held" where it fails (found by a sweep with B = 10⁴⁰⁰, and at t = 2,538 below).
    const huge = (10n ** 400n).toString();
    for (const [l0, lA, lB] of [[1, 1, 3], [3, 2, 5]]) {
      const params = theorySimulation.parseParams({ l0, lA, lB, B: huge, lambdaA: '1', lambdaB: '3/2' });
      const start = theorySimulation.parseInit({ kind: 'canonical' });
      expect(outcomes('filtered', params, start, 30)).toEqual(outcomes('exact', params, start, 30));
    }
    const params = theorySimulation.parseParams({ l0: 1, lA: 2, lB: 6, B: 60, lambdaA: 1, lambdaB: 3 });
    const run = theorySimulation.kernel!.start(theorySimulation.context(iv, params), theorySimulation.parseInit({ kind: 'canonical' }), 2600)!;
    let t = 0;
    while (t < 2600 && run.step()) t++;
    expect(t).toBeGreaterThan(2400); // the Theory's deviations pass 10³⁰⁸ there (A is unstable)
    expect(t).toBeLessThan(2600);
    const ids = ['componentwise-dominance', 'g-dominance', 'max-dominance', 'inner-product-nonneg'];
    const decided = (path: 'filtered' | 'exact') => decideCell(path, { registry, ids, params, steps: 2600 }).delivered.sort();
    expect(decided('filtered')).toEqual(decided('exact'));
  });

  it('decides nothing on an infinite bound on the deciding side (an overflow, not a bound)', () => {
    const slot = { marginLo: 0, marginHi: 0 };
    expect(isUndecided(byEnclosure(slot, Infinity, Infinity))).toBe(true);
    expect(isUndecided(byEnclosure(slot, -Infinity, -Infinity))).toBe(true);
    expect(isUndecided(byEnclosure(slot, 0, Infinity))).toBe(false);
    expect(isUndecided(byEnclosure(slot, -Infinity, -1))).toBe(false);
  });

  it('decides on the exact view a state whose predicate formats a value into its outcome', () => {
    const formats: StepConjecture<'theory-simulation'> = {
      ...nearTie('formats-spread', tokensT, false),
      check: <N>(v: StepView<N>) => ({ ...byMargin(v.ar, v.ar.one, {}), note: `Gˢ = ${v.ar.format(v.GS)}` }),
    };
    const planted = new Registry([...CONJECTURES, formats]);
    const params = theorySimulation.parseParams({ l0: 5, lA: 2, lB: 4, B: '7/2', lambdaA: 1, lambdaB: 3 });
    const notes = (path: 'filtered' | 'exact') =>
      decideCell(path, { registry: planted, ids: ['formats-spread'], params, steps: 12 }, (_, t, o) => `${t} ${o.note}`).delivered;
    const exact = notes('exact');
    expect(notes('filtered')).toEqual(exact);
    expect(exact.some((line) => line.includes('/'))).toBe(true); // exact rationals, never a decimal enclosure
  });

  // Every conjecture (the identities run the exact pass anyway, which takes over a screened run
  // at the first state the tally needs exactly), and the screened ones alone (the kernel goes on
  // after such a state, asking again at every state whether the tally or the cell's fold needs it).
  const screenedIds = mergedIds.filter((id) => {
    const c = registry.get(id);
    return (c.scope === 'step' || c.scope === 'eviction-step') && !c.exactOnly && 'kernel' in c;
  });
  it.each([
    ['every conjecture', mergedIds],
    ['the screened conjectures alone', screenedIds],
  ])('gives sweep tallies identical to the exact path on a grid with near-ties (%s)', (_, ids) => {
    expect(ids.length).toBeGreaterThan(3);
    const text = `{ name: "filter", conjectures: ${JSON.stringify(ids)},
      grid: { l0: [1, 2, 5, 12], lA: [1, 2], lB: [2, 3, 4], B: [7/2, 60], lambdaA: [1, 2/3], lambdaB: [1, 3],
              init: ["canonical", { kind: "lattice", units: 2, balanced: false }], steps: 30 },
      random: { runs: 24, seed: 5 } }`.replace('7/2', '"7/2"').replace('2/3', '"2/3"');
    const c = config(text, registry);
    const dimensions = c.family.coverage.dimensions.map((d) => d.id);
    const exact = new BatchEvaluator(c, registry, 'exact');
    const batches = [
      ...Array.from({ length: Math.ceil(exact.grid.size / 16) }, (_, k) => ({ id: k, kind: 'grid' as const, start: 16 * k, end: Math.min(exact.grid.size, 16 * (k + 1)) })),
      ...[0, 16].map((start, k) => ({ id: 100 + k, kind: 'random' as const, start, end: Math.min(24, start + 16) })),
    ];
    // What a sweep reports: each part's tallies merged over its batches.
    const sweepOf = (run: (batch: (typeof batches)[number]) => BatchResult, order = batches) => {
      const parts = { grid: new Map<string, TallyJson>(), random: new Map<string, TallyJson>() };
      let exactVerdicts = 0;
      let screened = 0;
      for (const batch of order) {
        const result = run(batch);
        exactVerdicts += result.deciding?.verdicts.exact ?? 0;
        screened += result.deciding?.verdicts.screened ?? 0;
        for (const [id, tally] of Object.entries(result.tallies)) {
          const into = parts[batch.kind].get(id) ?? emptyTally(dimensions);
          parts[batch.kind].set(id, mergeInto(into, tally));
        }
      }
      const sorted = (m: Map<string, TallyJson>) => Object.fromEntries([...m].sort(([a], [b]) => a.localeCompare(b)));
      return { tallies: { grid: sorted(parts.grid), random: sorted(parts.random) }, exactVerdicts, screened };
    };
    const expected = sweepOf((b) => exact.run(b));
    // Batch by batch: the same counts and statuses (the margins and first failure a batch records
    // may depend on what its evaluator learnt from earlier batches).
    const filtered = new BatchEvaluator(c, registry, 'filtered', 0);
    const counts = (t: TallyJson) => ({ ...t, smallestMargin: null, smallestPositiveMargin: null, firstFailure: null });
    const inOrder = sweepOf((b) => {
      const a = filtered.run(b);
      const e = exact.run(b);
      expect(a.outcomes).toEqual(e.outcomes);
      expect(Object.fromEntries(Object.entries(a.tallies).map(([id, t]) => [id, counts(t)]))).toEqual(
        Object.fromEntries(Object.entries(e.tallies).map(([id, t]) => [id, counts(t)])),
      );
      return a;
    });
    expect(inOrder.tallies).toEqual(expected.tallies);
    expect(inOrder.screened).toBeGreaterThan(0);
    // In reverse order an evaluator knows later cells' margins first: a margin equal to one of
    // them must still be recorded where it comes first. And with a fresh evaluator per batch
    // (nothing learnt), the same tallies, at the cost of more exact verdicts.
    const reversed = new BatchEvaluator(c, registry, 'filtered', 0);
    expect(sweepOf((b) => reversed.run(b), [...batches].reverse()).tallies).toEqual(expected.tallies);
    const alone = sweepOf((b) => new BatchEvaluator(c, registry, 'filtered', 0).run(b));
    expect(alone.tallies).toEqual(expected.tallies);
    expect(inOrder.exactVerdicts).toBeLessThan(alone.exactVerdicts);
  });
});
