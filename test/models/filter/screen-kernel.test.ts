import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exactArithmetic, intervalArithmetic as iv, Rational } from '../../../models/arithmetic/index.js';
import { CONJECTURES, Registry } from '../../../conjectures/registry.js';
import { isUndecided, KERNEL_UNDECIDED, kernelOutcome, type KernelCheck } from '../../../conjectures/support/kernel.js';
import type { StepConjecture } from '../../../conjectures/types.js';
import { DecidingPolicy } from '../../../harness/engine/deciding.js';
import { theorySimulation } from '../../../models/theory-simulation/family.js';
import type { KernelCellRun } from '../../../models/family.js';
import type { ParameterContext } from '../../../models/theory-simulation/context.js';
import type { InitialState } from '../../../models/theory-simulation/initial-state.js';
import type { ModelParams } from '../../../models/theory-simulation/params.js';
import { KernelRun, type KernelState } from '../../../models/theory-simulation/screen-kernel.js';
import { ImpulseBounds } from '../../../models/theory-simulation/screen-run.js';
import type { Interval } from '../../../models/arithmetic/interval.js';
import { StepView } from '../../../models/theory-simulation/step-view.js';
import { firstRecord } from '../../../models/theory-simulation/coupled.js';
import { mergedStartArb, paramsArb, SEED } from '../support/arbitraries.js';
import { exactOf } from '../support/exact-double.js';

/**
 * The screening kernel (models/theory-simulation/screen-kernel.ts) and the conjectures' kernels:
 * every state the kernel holds encloses the exact state, every class it claims is an exact
 * equality, and every outcome a conjecture's kernel decides is the exact outcome (status, case,
 * tie), its margin enclosing the exact margin. Checked against the Rational path on randomised
 * cells and on planted near-ties (equal entries, and entries 2⁻²⁰⁰ apart).
 */

const within = (value: Rational, centre: number, radius: number) => value.sub(exactOf(centre)).abs().compare(exactOf(radius)) <= 0;

/** The kernel's states beside the exact views of the same run (the kernel takes undecided steps from its exact run). */
function* beside(params: ModelParams, init: InitialState, steps: number, atEachState?: (run: KernelCellRun) => void): Generator<[KernelState, StepView<Rational>]> {
  const run = theorySimulation.kernel!.start(theorySimulation.context(iv, params), init, steps)!;
  expect(run).not.toBeNull();
  let t = 0;
  for (const view of theorySimulation.run(theorySimulation.context(exactArithmetic, params), init, steps) as Iterable<StepView<Rational>>) {
    if (t > 0) expect(run.step()).toBe(true);
    atEachState?.(run);
    const state = run.state as KernelState;
    expect(state.t).toBe(view.t);
    yield [state, view];
    t++;
  }
}

function expectEncloses(state: KernelState, view: StepView<Rational>): void {
  const Nstar = view.ctx.setup.Nstar;
  const valueOf = new Map<number, Rational>();
  const model = (m: KernelState['theory'], values: readonly Rational[]) =>
    values.forEach((v, s) => {
      const id = m.id[s];
      if (id === 0) expect(v.isZero()).toBe(true);
      else expect(within(v.sub(Nstar), m.x[s], m.r[s])).toBe(true);
      // A class is an exact equality, across stages and models.
      const seen = valueOf.get(id);
      if (seen) expect(seen.equals(v)).toBe(true);
      else valueOf.set(id, v);
    });
  model(state.theory, view.theory);
  model(state.simulation, view.simulation);
  const record = view.record;
  expect(state.evicted).toBe(record.evicted);
  record.cohortEviction.forEach((loss, s) => {
    expect(state.lossPositive[s] === 1).toBe(loss.sign() > 0);
    expect(exactOf(state.lossLo[s]).compare(loss) <= 0 && loss.compare(exactOf(state.lossHi[s])) <= 0).toBe(true);
  });
  if (record.evicted) {
    record.eviction.forEach((e, s) => expect(within(e, state.eC[s], state.eR[s])).toBe(true));
    expect(state.evictionDepth).toBe(record.eviction.reduce((depth, e, s) => (e.sign() > 0 ? s : depth), 0));
  }
  view.delta.forEach((d, s) => expect(exactOf(state.dLo[s]).compare(d) <= 0 && d.compare(exactOf(state.dHi[s])) <= 0).toBe(true));
  // Arg-sets the kernel claims are the exact ones.
  if (state.maxS.cls >= 0) expect(Array.from(state.argmaxS.subarray(0, state.argmaxCount))).toEqual(view.argmaxS);
  if (state.minS.cls >= 0) expect(Array.from(state.argminS.subarray(0, state.argminCount))).toEqual(view.argminS);
}

const KERNELLED = CONJECTURES.filter((c): c is StepConjecture => c.family === 'theory-simulation' && 'kernel' in c && c.kernel !== undefined);

/** Compares every conjecture's kernel with its exact check at one state; returns how many it decided. */
function expectKernelsAgree(state: KernelState, view: StepView<Rational>): { decided: number; asked: number } {
  let decided = 0;
  let asked = 0;
  for (const c of KERNELLED) {
    const kernel = c.kernel as KernelCheck<KernelState>;
    const inScope = c.appliesAt ? c.appliesAt(view) : view.t >= (c.firstStep ?? 0);
    expect(kernel.appliesAt ? kernel.appliesAt(state) : inScope).toBe(inScope);
    if (!inScope || !c.preconditions.every((p) => p.holds(view.ctx))) continue;
    asked++;
    const code = kernel.check(state);
    if (isUndecided(code)) continue;
    decided++;
    const exact = c.check(view, { tie: 'all' });
    const screened = kernelOutcome(code);
    expect({ id: c.id, t: view.t, status: screened.status, case: screened.case, tie: screened.tie }).toEqual({ id: c.id, t: view.t, status: exact.status, case: exact.case, tie: exact.tie });
    const margin = exact.margin as Rational;
    expect(exactOf(state.marginLo).compare(margin) <= 0 && margin.compare(exactOf(state.marginHi)) <= 0).toBe(true);
  }
  return { decided, asked };
}

describe('the screening kernel', () => {
  it('encloses the exact Theory and Simulation states, and every class it claims is an exact equality', () => {
    fc.assert(
      fc.property(
        paramsArb({ maxL0: 20, maxLA: 3, maxGap: 3 }).chain((p) => fc.tuple(fc.constant(p), mergedStartArb(p))),
        ([params, init]) => {
          for (const [state, view] of beside(params, init, 60)) expectEncloses(state, view);
        },
      ),
      { seed: SEED, numRuns: 40 },
    );
  });

  it("decides each conjecture's kernel exactly as its exact check (status, case, tie), with the exact margin enclosed", () => {
    let decided = 0;
    let asked = 0;
    fc.assert(
      fc.property(
        paramsArb({ maxL0: 20, maxLA: 3, maxGap: 3 }).chain((p) => fc.tuple(fc.constant(p), mergedStartArb(p))),
        ([params, init]) => {
          for (const [state, view] of beside(params, init, 60)) {
            const counts = expectKernelsAgree(state, view);
            decided += counts.decided;
            asked += counts.asked;
          }
        },
      ),
      { seed: SEED, numRuns: 40 },
    );
    // Not a vacuous agreement: the kernels decide the great majority of what they are asked.
    expect(decided).toBeGreaterThan(0.9 * asked);
  });

  it('sees a tie in the initial state only where entries are exactly equal (planted: equal, and 2⁻²⁰⁰ apart)', () => {
    const params = theorySimulation.parseParams({ l0: 3, lA: 1, lB: 3, B: 60, lambdaA: 1, lambdaB: 2 });
    const tiny = Rational.of(1n, 1n << 200n);
    for (const [second, tied] of [
      [Rational.of(5), true],
      [Rational.of(5).add(tiny), false],
      [Rational.of(5).sub(tiny), false],
    ] as const) {
      const init = theorySimulation.parseInit({ kind: 'unbalanced', M0: ['5', String(second), '1'] });
      let first = true;
      for (const [state, view] of beside(params, init, 30)) {
        expectEncloses(state, view);
        expectKernelsAgree(state, view);
        if (first) {
          // Equal entries are one class: the tie is decided; 2⁻²⁰⁰ apart they are not claimed equal.
          expect(state.maxS.cls >= 0).toBe(tied);
          expect(view.argmaxS.length > 1).toBe(tied);
          first = false;
        }
      }
    }
  });

  it('decides on exact values the ties of a Simulation cycling on an unstable A (ã exactly 0, a stage total exactly B)', () => {
    // Integer parameters, A not stable: the Simulation falls into a cycle of evictions whose cut
    // stage keeps exactly B/W_j, and later comparisons with B are exact equalities (W_0 = W_2).
    const params = theorySimulation.parseParams({ l0: 1, lA: 1, lB: 4, B: 60, lambdaA: 1, lambdaB: 1 });
    const init = theorySimulation.parseInit({ kind: 'canonical' });
    const ctx = theorySimulation.context(iv, params) as ParameterContext<Interval>;
    expect(ctx.linear.stability.stable).toBe(false);
    // Without the exact run beside it, the kernel still takes every step.
    const alone = new KernelRun(ctx, init, 60);
    for (let t = 1; t <= 60; t++) expect(alone.step()).toBe(true);
    for (const [state, view] of beside(params, init, 60)) {
      expectEncloses(state, view);
      expectKernelsAgree(state, view);
    }
  });

  it('decides the sign of an ã that is exactly 0 on exact values where its bound cannot (planted: a start of sevenths)', () => {
    // W = (2, 3, 4q) with q = 1/2 and B = 1: advancing (1/7, 2/7, 1/3) occupies 3/7 + 4/7 = B, so
    // ã(1) = 0 exactly, while no entry is a double (the bound on ã is not 0).
    const params = theorySimulation.parseParams({ l0: 1, lA: 2, lB: 3, B: 1, lambdaA: 1, lambdaB: 1 });
    const init = theorySimulation.parseInit({ kind: 'unbalanced', M0: ['1/7', '2/7', '1/3'] });
    const ctx = theorySimulation.context(iv, params) as ParameterContext<Interval>;
    const alone = new KernelRun(ctx, init, 10);
    expect(alone.step()).toBe(true);
    expect(alone.state.desiredR).toBeGreaterThan(0);
    // ã = 0 is admitted (ã ≥ 0), and is exactly 0: class 0.
    expect(alone.state.evicted).toBe(false);
    expect(alone.state.simulation.id[0]).toBe(0);
    for (const [state, view] of beside(params, init, 10)) {
      expectEncloses(state, view);
      expectKernelsAgree(state, view);
    }
  });

  it('takes from the exact run a tie between values too long to keep (planted: ã exactly 0 from entries beyond 2²⁵⁶)', () => {
    // The same weights, and a start (1/p, (p − 3)/(2p), 1/3) with p > 2²⁵⁶: 3/p + (p − 3)/p = B.
    const p = (1n << 300n) + 7n;
    const params = theorySimulation.parseParams({ l0: 1, lA: 2, lB: 3, B: 1, lambdaA: 1, lambdaB: 1 });
    const init = theorySimulation.parseInit({ kind: 'unbalanced', M0: [`1/${p}`, `${p - 3n}/${2n * p}`, '1/3'] });
    const ctx = theorySimulation.context(iv, params) as ParameterContext<Interval>;
    expect(new KernelRun(ctx, init, 10).step()).toBe(false); // neither admission nor eviction is proved
    for (const [state, view] of beside(params, init, 10)) {
      expectEncloses(state, view);
      expectKernelsAgree(state, view);
    }
  });

  it('keeps every state enclosed and every class exact where refine() tightens and merges classes from exact values', () => {
    let merged = 0;
    fc.assert(
      fc.property(
        paramsArb({ maxL0: 12, maxLA: 3, maxGap: 3 }).chain((p) => fc.tuple(fc.constant(p), mergedStartArb(p))),
        ([params, init]) => {
          for (const [state, view] of beside(params, init, 40, (run) => (run.refine!() ? merged++ : 0))) {
            expectEncloses(state, view);
            expectKernelsAgree(state, view);
          }
        },
      ),
      { seed: SEED, numRuns: 40 },
    );
    // Not vacuous: refine() changed states.
    expect(merged).toBeGreaterThan(0);
  });
});

/**
 * A kernel state built directly: classes, centres and radii at random, and the exact values
 * chosen at the ends of the radii (the worst a sound radius must allow), so a bound that leaves
 * out a term is caught even where real rounding errors are far below the bounds.
 */
const syntheticState = fc.record({
  classes: fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 })), { minLength: 4, maxLength: 4 }),
  centres: fc.array(fc.double({ min: -8, max: 8, noNaN: true }), { minLength: 5, maxLength: 5 }),
  radii: fc.array(fc.oneof(fc.constant(0), fc.double({ min: 2 ** -40, max: 0.5, noNaN: true })), { minLength: 5, maxLength: 5 }),
  ends: fc.array(fc.constantFrom(-1, 1), { minLength: 5, maxLength: 5 }),
});

describe('the kernel state on adversarial exact values', () => {
  it("encloses Δ and the extrema, and each conjecture's kernel decides only the exact outcome", () => {
    // lB = 4 (n = 4 stages), A stable: every conjecture applies.
    const params = theorySimulation.parseParams({ l0: 8, lA: 1, lB: 4, B: 60, lambdaA: 1, lambdaB: 2 });
    const screen = theorySimulation.context(iv, params) as ParameterContext<Interval>;
    const exact = theorySimulation.context(exactArithmetic, params) as ParameterContext<Rational>;
    expect(exact.linear.stability.stable).toBe(true);
    const Nstar = exact.setup.Nstar;
    let decided = 0;
    fc.assert(
      fc.property(syntheticState, ({ classes, centres, radii, ends }) => {
        const state = new KernelRun(screen, theorySimulation.parseInit({ kind: 'canonical' }), 0).state;
        // Class c > 0: deviation centre, radius and exact value (at an end of the radius); class 0: exactly zero.
        const valueOf = (c: number) => (c === 0 ? Rational.ZERO : Nstar.add(exactOf(centres[c]).add(exactOf(radii[c]).mul(Rational.of(ends[c])))));
        const theory: Rational[] = [];
        const simulation: Rational[] = [];
        classes.forEach(([ct, cs], s) => {
          for (const [m, c, into] of [[state.theory, ct, theory], [state.simulation, cs, simulation]] as const) {
            m.id[s] = c;
            m.x[s] = c === 0 ? -state.k.Nc : centres[c];
            m.r[s] = c === 0 ? state.k.Nr : radii[c];
            into.push(valueOf(c));
          }
        });
        state.t = 1;
        state.derive();
        const record = { ...firstRecord(theory, exact.setup.zeros), t: 1, simulation: classes.every(([a, b]) => a === b) ? theory : simulation };
        const view = new StepView(exact, record);
        expectEncloses(state, view);
        decided += expectKernelsAgree(state, view).decided;
      }),
      { seed: SEED, numRuns: 400 },
    );
    expect(decided).toBeGreaterThan(400);
  });
});

describe('the impulse response bound', () => {
  it('bounds |h(k)| of the exact recurrence from above (random weights)', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 1n, max: 1000n }), { minLength: 2, maxLength: 6 }), (Wn) => {
        const steps = 60;
        const bounds = new ImpulseBounds(Wn).absTo(steps);
        const c = Wn.map((w) => Rational.of(w, Wn[0]));
        const h: Rational[] = [Rational.ONE];
        for (let k = 1; k <= steps; k++) {
          let acc = Rational.ZERO;
          for (let s = 1; s < c.length && s <= k; s++) acc = acc.sub(c[s].mul(h[k - s]));
          h.push(acc.normalized()); // sums stay unreduced otherwise, and their denominators multiply
        }
        // An infinite bound (an unstable recurrence outgrowing the doubles) bounds anything.
        h.forEach((x, k) => expect(bounds[k] === Infinity || x.abs().compare(exactOf(bounds[k])) <= 0).toBe(true));
      }),
      { seed: SEED, numRuns: 40 },
    );
  });

  it('is ∞, never NaN, where an unstable recurrence outgrows the doubles', () => {
    const bounds = new ImpulseBounds([1n, 1000n, 999n, 1000n, 997n]).absTo(300);
    expect(Array.from({ length: 301 }, (_, k) => bounds[k]).some((b) => b === Infinity)).toBe(true);
    for (let k = 0; k <= 300; k++) expect(Number.isNaN(bounds[k])).toBe(false);
  });

  it('decays with h: on h(k) = (−c)^k it stays within a few ulps far below the doubles of the start', () => {
    // Two stages, c = W1/W0 < 1: |h(k)| = c^k exactly. A bound that stops decaying (as one that
    // took late local errors by their largest did, at about 10⁻³⁰) fails here by dozens of orders.
    fc.assert(
      fc.property(fc.bigInt({ min: 2n, max: 1000n }), fc.bigInt({ min: 1n, max: 999n }), (W0, w1) => {
        fc.pre(w1 < W0);
        const steps = 200;
        const bounds = new ImpulseBounds([W0, w1]).absTo(steps);
        const c = Rational.of(w1, W0);
        let h = Rational.ONE;
        for (let k = 0; k <= steps; k++, h = h.mul(c)) {
          const exact = h.toNumber();
          if (exact < 1e-300) break; // near the subnormals the bound's absolute underflow slack shows
          expect(bounds[k]).toBeGreaterThanOrEqual(exact);
          expect(bounds[k]).toBeLessThanOrEqual(exact * (1 + 1e-12));
        }
      }),
      { seed: SEED, numRuns: 60 },
    );
  });
});

describe('the deciding policy on the kernel', () => {
  const registry = new Registry(CONJECTURES);
  const decideCell = (
    path: 'filtered' | 'exact',
    conjectures: readonly StepConjecture<'theory-simulation'>[],
    params: ModelParams,
    needsExact?: (run: number, t: number, outcome: { status: string }) => boolean,
  ) => {
    const policy = new DecidingPolicy(path, 0);
    const delivered: string[] = [];
    policy.decide({
      runs: conjectures.map((conjecture) => ({ conjecture, options: { tie: 'all' as const } })),
      cell: { params, init: theorySimulation.parseInit({ kind: 'canonical' }), steps: 30 },
      exactContext: () => theorySimulation.context(exactArithmetic, params),
      screenContext: () => theorySimulation.context(iv, params),
      families: () => theorySimulation,
      sink: (i, t, o) => {
        delivered.push(`${i} ${t} ${o.status} ${o.case ?? ''} ${o.tie ?? ''} ${o.margin === undefined ? '-' : String(o.margin)} ${JSON.stringify(o.positions ?? null)}`);
      },
      onError: (i, t, e) => delivered.push(`${i} ${t} error ${String(e)}`),
      needsExact,
    });
    return { delivered, figures: policy.figures };
  };
  /** Outcome lines without their margins and positions (a screened outcome carries neither). */
  const withoutValues = (lines: readonly string[]) => lines.map((line) => line.split(' ').slice(0, 5).join(' '));

  it('decides a state its kernel cannot decide on the exact view of that state, and screens the states after it', () => {
    // Planted: g-dominance's kernel cannot decide t = 3 and t = 7 (the states are ordinary ones).
    const g = registry.get('g-dominance') as StepConjecture<'theory-simulation'>;
    const planted: StepConjecture<'theory-simulation'> = {
      ...g,
      kernel: { check: (s) => (s.t === 3 || s.t === 7 ? KERNEL_UNDECIDED : g.kernel!.check(s)) },
    };
    const others = ['max-dominance', 'delta-at-argmax'].map((id) => registry.get(id) as StepConjecture<'theory-simulation'>);
    const params = theorySimulation.parseParams({ l0: 6, lA: 2, lB: 4, B: 60, lambdaA: 1, lambdaB: 2 });
    const filtered = decideCell('filtered', [planted, ...others], params);
    const exact = decideCell('exact', [planted, ...others], params);
    expect(withoutValues(filtered.delivered)).toEqual(withoutValues(exact.delivered));
    // Only the two planted states were decided exactly, each with its exact margin.
    expect(filtered.figures.verdicts).toEqual({ screened: 3 * 31 - 2, exact: 2 });
    expect(filtered.figures.fallbacks.bound).toBe(1);
    const exactLines = new Set(exact.delivered);
    const decidedExactly = filtered.delivered.filter((line) => !line.includes(' - '));
    expect(decidedExactly.map((line) => line.split(' ').slice(0, 2).join(' '))).toEqual(['0 3', '0 7']);
    decidedExactly.forEach((line) => expect(exactLines.has(line)).toBe(true));
  });

  it('gives a consumer that needs exact values the exact outcome of exactly those states', () => {
    // Every failure is wanted exactly (as check does); the others stay screened.
    const ids = ['componentwise-dominance', 'argmax-never-evicted', 'delta-argmax-ge-argmin'];
    const conjectures = ids.map((id) => registry.get(id) as StepConjecture<'theory-simulation'>);
    const params = theorySimulation.parseParams({ l0: 3, lA: 1, lB: 5, B: 60, lambdaA: 3, lambdaB: 1 });
    const needs = (_: number, _t: number, o: { status: string }) => o.status === 'fails';
    const filtered = decideCell('filtered', conjectures, params, needs);
    const exact = decideCell('exact', conjectures, params, needs);
    const failures = (lines: readonly string[]) => lines.filter((line) => line.split(' ')[2] === 'fails');
    expect(failures(exact.delivered).length).toBeGreaterThan(0);
    expect(failures(filtered.delivered)).toEqual(failures(exact.delivered));
    expect(withoutValues(filtered.delivered)).toEqual(withoutValues(exact.delivered));
    expect(filtered.figures.verdicts.exact).toBe(failures(exact.delivered).length);
  });

  it('continues a run on the exact path from the state its kernel cannot decide, each state once', () => {
    // A family whose kernel cannot take step 5 and has no exact run beside it.
    const stopsAt5: typeof theorySimulation = {
      ...theorySimulation,
      kernel: {
        start(ctx, init, steps) {
          const run = new KernelRun(ctx as ParameterContext<Interval>, init, steps);
          return { state: run.state, get facts() { return run.facts; }, step: () => run.state.t < 4 && run.step(), exact: () => null };
        },
      },
    };
    const registry = new Registry(CONJECTURES);
    const params = theorySimulation.parseParams({ l0: 6, lA: 2, lB: 4, B: 60, lambdaA: 1, lambdaB: 2 });
    const ids = ['g-dominance', 'max-dominance', 'delta-at-argmax'];
    const decide = (path: 'filtered' | 'exact') => {
      const policy = new DecidingPolicy(path, 0);
      const delivered: string[] = [];
      policy.decide({
        runs: ids.map((id) => ({ conjecture: registry.get(id), options: { tie: 'all' as const } })),
        cell: { params, init: theorySimulation.parseInit({ kind: 'canonical' }), steps: 20 },
        exactContext: () => theorySimulation.context(exactArithmetic, params),
        screenContext: () => theorySimulation.context(iv, params),
        families: () => stopsAt5,
        sink: (i, t, o) => {
          delivered.push(`${i} ${t} ${o.status} ${o.case ?? ''} ${o.tie ?? ''}`);
        },
        onError: (i, t, e) => delivered.push(`${i} ${t} error ${String(e)}`),
      });
      return { delivered, figures: policy.figures };
    };
    const filtered = decide('filtered');
    expect(filtered.delivered.slice().sort()).toEqual(decide('exact').delivered.slice().sort());
    ids.forEach((_, i) =>
      expect(filtered.delivered.filter((line) => line.startsWith(`${i} `)).map((line) => Number(line.split(' ')[1]))).toEqual(Array.from({ length: 21 }, (_, t) => t)),
    );
    expect(filtered.figures.fallbacks.branch).toBe(1);
    expect(filtered.figures.verdicts).toEqual({ screened: 3 * 5, exact: 3 * 16 });
  });
});
