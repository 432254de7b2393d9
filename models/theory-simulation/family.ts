import { z } from 'zod';
import { UndecidedComparison, type Arithmetic } from '../arithmetic/arithmetic.js';
import { Rational } from '../arithmetic/rational.js';
import type { ConjectureInfo, Candidate, CoverageSpec, ModelFamily, ParameterSpec, StateFacts } from '../family.js';
import { fail, integers, positiveRationals, show } from '../support/zod-fields.js';
import {
  boundsFromJson,
  boundsToJson,
  DEFAULT_BOUNDS,
  parseInitKinds,
  parseIntRange,
  parseRationalRange,
  validateBounds,
  type InitKind,
  type SearchBounds,
} from './bounds.js';
import { parameterContext, type ParameterContext } from './context.js';
import { coupledRun, perTypeCoupledRun, type CoupledRecord } from './coupled.js';
import { exactContextOf, leanContext } from './lean-context.js';
import { leanCoupledRun, LeanRecord } from './lean-run.js';
import { LeanConstants, LeanStepView } from './lean-step-view.js';
import { exactArithmetic } from '../arithmetic/exact.js';
import { isLean } from '../arithmetic/lean.js';
import { isInterval } from '../arithmetic/interval.js';
import { intervalContext, screenParametersOf } from './interval-context.js';
import { exactAnchor, screenCoupledRun, type ExactAnchor } from './screen-run.js';
import { KernelRun } from './screen-kernel.js';
import type { Interval } from '../arithmetic/interval.js';
import { Grid, type InitSpec, type TheoryGrid } from './grid.js';
import {
  initialStateFromJson,
  initialStateToJson,
  materialize,
  materializePerType,
  mergedInitial,
  perTypeInitial,
  type InitialState,
} from './initial-state.js';
import { compareCandidates } from './order.js';
import { DEFAULT_SWEEP_CONFIG } from './default-sweep.js';
import { THEORY_SCAFFOLD } from './scaffold.js';
import { THEORY_FEATURES } from './features.js';
import { theoryPage } from './page.js';
import { paramsToJson, validateParams, type ModelParams } from './params.js';
import { SearchSpace } from './search-space.js';
import { THEORY_INVARIANCES } from './invariances.js';
import { PerTypeStepView, ScreenStepView, StepView } from './step-view.js';

/** SPEC §1. */
const PARAMETERS: readonly ParameterSpec[] = [
  { name: 'l0', kind: 'integer', rule: 'integer ≥ 1', defaultRange: '1..40', flag: '--l0 <range>', description: 'prefill length, e.g. 1..40' },
  { name: 'lA', kind: 'integer', rule: 'integer ≥ 1', defaultRange: '1..11', flag: '--lA <range>', description: 'decode steps of type A, e.g. 1..11' },
  { name: 'lB', kind: 'integer', rule: 'integer ≥ 2 and > lA', defaultRange: '2..12', flag: '--lB <range>', description: 'decode steps of type B, e.g. 2..12 (combinations with lA ≥ lB are skipped)' },
  { name: 'B', kind: 'rational', rule: 'rational > 0', defaultRange: '1..1000', flag: '--B <range>', description: 'token budget, rationals, e.g. 1..1000 or 60' },
  { name: 'lambdaA', kind: 'rational', rule: 'rational > 0', defaultRange: '1/4..4', flag: '--lambdaA <range>', description: 'arrival rate of A, rationals, e.g. 1/4..4' },
  { name: 'lambdaB', kind: 'rational', rule: 'rational > 0', defaultRange: '1/4..4', flag: '--lambdaB <range>', description: 'arrival rate of B, rationals, e.g. 1/4..4' },
];

const initSpec = z.unknown().transform((v, ctx): InitSpec => {
  // "canonical", or its JSON form { kind: "canonical" } (as summaries record grids).
  if (v === 'canonical' || (typeof v === 'object' && v !== null && Object.keys(v).length === 1 && (v as { kind?: unknown }).kind === 'canonical')) return { kind: 'canonical' };
  const expected = 'expected "canonical", { kind: "lattice", units, balanced? } or { kind: "per-type-lattice", units }';
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail(ctx, `${expected} (got ${show(v)})`);
  const { kind, units, balanced, ...rest } = v as Record<string, unknown>;
  const extra = Object.keys(rest);
  if (extra.length) return fail(ctx, `unknown key "${extra[0]}"`, [extra[0]]);
  if (kind !== 'lattice' && kind !== 'per-type-lattice') return fail(ctx, `${expected} (got kind ${show(kind)})`, ['kind']);
  if (typeof units !== 'number' || !Number.isSafeInteger(units) || units < 1 || units > 64) {
    return fail(ctx, `units must be an integer from 1 to 64 (got ${show(units)})`, ['units']);
  }
  if (balanced !== undefined && typeof balanced !== 'boolean') return fail(ctx, `balanced must be true or false`, ['balanced']);
  if (kind === 'per-type-lattice') {
    if (balanced !== undefined) return fail(ctx, 'balanced applies to "lattice" only', ['balanced']);
    return { kind, units };
  }
  return { kind, units, balanced: balanced ?? true };
});

const gridShape = {
  l0: integers(1),
  lA: integers(1),
  lB: integers(2),
  B: positiveRationals,
  lambdaA: positiveRationals,
  lambdaB: positiveRationals,
  init: z.array(initSpec).min(1).default([{ kind: 'canonical' }]),
};

const coverage: CoverageSpec<ModelParams> = {
  dimensions: [
    { id: 'pairs', label: '(lA, lB)', kind: 'pair', axes: ['lA', 'lB'] },
    { id: 'l0', label: 'l0 (prefill length, tokens)', kind: 'bands' },
  ],
  keys: (p) => ({ pairs: `${p.lA},${p.lB}`, l0: String(p.l0) }),
};

const span = (xs: number[]) => ({ min: Math.min(...xs), max: Math.max(...xs) });
/** The bounding box of grid values; denominators widen to the box's ends, so it always holds a value to sample. */
function rationalSpan(xs: Rational[], maxDenominator: number) {
  const min = xs.reduce((a, b) => (b.compare(a) < 0 ? b : a));
  const max = xs.reduce((a, b) => (b.compare(a) > 0 ? b : a));
  return { min, max, maxDenominator: Math.max(maxDenominator, Number(min.den), Number(max.den)) };
}

function randomInitKinds(grid: TheoryGrid): InitKind[] {
  const kinds = new Set<InitKind>();
  for (const s of grid.init) {
    if (s.kind === 'canonical') kinds.add('canonical');
    else if (s.kind === 'lattice') kinds.add(s.balanced ? 'balanced' : 'unbalanced');
    else kinds.add('per-type');
  }
  return (['canonical', 'balanced', 'unbalanced', 'per-type'] as const).filter((k) => kinds.has(k));
}

/** What a conjecture of these families evaluates in a grid cell (see `Grid.expectedCells`). */
const gridScope = (c: ConjectureInfo) => (c.scope === 'parameters' ? 'parameters' : c.family === 'theory-simulation' ? 'merged' : 'per-type');

function boundsFromFlags(f: Record<string, unknown>): SearchBounds {
  const d = DEFAULT_BOUNDS;
  const text = (k: string) => (typeof f[k] === 'string' ? (f[k] as string) : undefined);
  const int = (k: string) => (typeof f[k] === 'number' ? (f[k] as number) : undefined);
  const lambdaDen = int('lambdaMaxDenominator') ?? d.lambdaA.maxDenominator;
  const BDen = int('BMaxDenominator') ?? d.B.maxDenominator;
  const range = (k: 'l0' | 'lA' | 'lB', floor: number) => (text(k) ? parseIntRange(`--${k}`, text(k)!, floor) : d[k]);
  const rational = (k: 'B' | 'lambdaA' | 'lambdaB', den: number) =>
    text(k) ? parseRationalRange(`--${k}`, text(k)!, den) : { ...d[k], maxDenominator: den };
  return validateBounds({
    l0: range('l0', 1),
    lA: range('lA', 1),
    lB: range('lB', 2),
    B: rational('B', BDen),
    lambdaA: rational('lambdaA', lambdaDen),
    lambdaB: rational('lambdaB', lambdaDen),
    inits: text('init') ? parseInitKinds(text('init')!) : d.inits,
    latticeMax: int('lattice') ?? d.latticeMax,
  });
}

const NO_EVICTION: StateFacts = Object.freeze({ evictionDepth: 0 });

function stateFacts(view: unknown): StateFacts {
  const v = view as StepView<unknown> | PerTypeStepView<unknown>;
  const record = v.record;
  if (!record.evicted) return NO_EVICTION;
  if (record instanceof LeanRecord) return { evictionDepth: record.evictionDepth };
  const e = record.eviction as readonly unknown[] | { A: readonly unknown[]; B: readonly unknown[] };
  const vectors = Array.isArray(e) ? [e] : [(e as { A: readonly unknown[] }).A, (e as { B: readonly unknown[] }).B];
  let depth = 0;
  try {
    for (const vec of vectors) vec.forEach((x, s) => {
      if (s > depth && v.ar.sign(x) > 0) depth = s;
    });
  } catch (error) {
    // An eviction of exactly 0 at a stage is not shown by its enclosure: the exact state says.
    if (error instanceof UndecidedComparison && v instanceof ScreenStepView) return stateFacts(v.exact());
    throw error;
  }
  return { evictionDepth: depth };
}

type TheoryFamily = ModelFamily<ModelParams, InitialState, SearchBounds, TheoryGrid>;

/**
 * The exact contexts of recently seen parameter sets: the lean and the screening contexts
 * are both built on one, so a parameter set's linear analysis (P, stability) is solved once.
 * Contexts are immutable (their analysis fills in lazily), so sharing them is safe.
 */
const paramsKey = (p: ModelParams) => `${p.l0},${p.lA},${p.lB},${p.B},${p.lambdaA},${p.lambdaB}`;
const exactContexts = new Map<string, ParameterContext<Rational>>();
const EXACT_CONTEXTS_KEPT = 256;

/** Forgets the kept contexts: a benchmark that times two paths side by side makes each solve its own setup. */
export function forgetExactContexts(): void {
  exactContexts.clear();
}

/** The lean and screening contexts of each kept exact context (they are immutable, so shared as it is). */
const leanContexts = new WeakMap<ParameterContext<Rational>, ParameterContext<Rational>>();
const screenContexts = new WeakMap<ParameterContext<Rational>, ParameterContext<Interval>>();
function derivedContext<N>(known: WeakMap<ParameterContext<Rational>, ParameterContext<N>>, exact: ParameterContext<Rational>, build: (exact: ParameterContext<Rational>) => ParameterContext<N>): ParameterContext<N> {
  let ctx = known.get(exact);
  if (!ctx) known.set(exact, (ctx = build(exact)));
  return ctx;
}

function exactContextFor(params: ModelParams): ParameterContext<Rational> {
  const key = paramsKey(params);
  let ctx = exactContexts.get(key);
  if (ctx) {
    exactContexts.delete(key);
  } else {
    ctx = parameterContext(exactArithmetic, params);
    if (exactContexts.size >= EXACT_CONTEXTS_KEPT) exactContexts.delete(exactContexts.keys().next().value!);
  }
  exactContexts.set(key, ctx);
  return ctx;
}

/**
 * The merged Theory and Simulation of SPEC §3, coupled from one state. Its
 * minimality order is documented at `compareCandidates` (order.ts).
 */
export const theorySimulation: TheoryFamily = {
  id: 'theory-simulation',
  description: 'merged Theory and Simulation models of SPEC §3, run from the same state',
  domain: 'theory-simulation',
  parameters: PARAMETERS,
  parseParams: (raw) => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw validateParams({});
    return validateParams(raw as Record<string, unknown>);
  },
  paramsToJson: (p) => ({ ...paramsToJson(p) }),
  paramsKey: (p) => paramsKey(p),
  parseInit: (raw) => initialStateFromJson(raw ?? { kind: 'canonical' }),
  initToJson: (init) => initialStateToJson(init) as never,
  describe(params, init) {
    const p = params as Record<string, string | number>;
    const base = `l0=${p.l0} lA=${p.lA} lB=${p.lB} B=${p.B} λA=${p.lambdaA} λB=${p.lambdaB}`;
    return init === undefined ? base : `${base}, ${describeInitJson(init as Record<string, unknown>)}`;
  },
  compare: compareCandidates as (a: Candidate<ModelParams, InitialState>, b: Candidate<ModelParams, InitialState>) => number,
  search: {
    defaults: DEFAULT_BOUNDS,
    flags: [
      ...PARAMETERS.map((p) => ({ flag: p.flag, description: p.description })),
      { flag: '--B-max-denominator <n>', description: `largest denominator of B (default ${DEFAULT_BOUNDS.B.maxDenominator})` },
      { flag: '--lambda-max-denominator <n>', description: `largest denominator of the rates (default ${DEFAULT_BOUNDS.lambdaA.maxDenominator})` },
      { flag: '--init <kinds>', description: 'initial states: canonical,balanced,unbalanced,per-type (comma-separated; the canonical start is also the balanced one of u = e₀)' },
      { flag: '--lattice <n>', description: `largest coordinate sum of lattice initial states (default ${DEFAULT_BOUNDS.latticeMax})` },
    ],
    fromFlags: boundsFromFlags,
    toJson: (b) => boundsToJson(b) as never,
    parseBounds: boundsFromJson,
    invariances: THEORY_INVARIANCES,
    space: (bounds, conjecture) => new SearchSpace(bounds, conjecture ?? bounds.inits),
  },
  grid: {
    shape: gridShape,
    problem(grid) {
      if (grid.lA.some((a) => grid.lB.some((b) => a < b))) return null;
      return { path: ['lA'], message: `no lA is below any lB, so the grid is empty (lB: ${grid.lB.join(', ')})` };
    },
    normalize: (grid) => ({ ...grid, init: [...new Map(grid.init.map((s) => [JSON.stringify(s), s])).values()] }),
    toJson: (g) => ({
      ...(g as unknown as Record<string, never>),
      B: g.B.map(String),
      lambdaA: g.lambdaA.map(String),
      lambdaB: g.lambdaB.map(String),
    }),
    fromJson: (json) => {
      const g = json as unknown as Record<string, unknown>;
      const parse = (xs: unknown) => (xs as string[]).map((x) => Rational.parse(x));
      return { ...(g as unknown as TheoryGrid), B: parse(g.B), lambdaA: parse(g.lambdaA), lambdaB: parse(g.lambdaB) };
    },
    enumerate(grid, cap) {
      const cells = new Grid(grid, cap);
      return { size: cells.size, cellAt: (i) => cells.cellAt(i), expectedCells: (c) => cells.expectedCells(gridScope(c)) };
    },
    randomBounds: (g, maxDenominator) => ({
      l0: span(g.l0),
      lA: span(g.lA),
      lB: span(g.lB),
      B: rationalSpan(g.B, maxDenominator),
      lambdaA: rationalSpan(g.lambdaA, maxDenominator),
      lambdaB: rationalSpan(g.lambdaB, maxDenominator),
      inits: randomInitKinds(g),
      latticeMax: Math.max(1, ...g.init.map((s) => ('units' in s ? s.units : 1))),
    }),
  },
  context: <N>(ar: Arithmetic<N>, params: ModelParams) => {
    const open = ar as Arithmetic<unknown>;
    if (isLean(open)) return derivedContext(leanContexts, exactContextFor(params), leanContext);
    if (isInterval(open)) return derivedContext(screenContexts, exactContextFor(params), intervalContext);
    if (open === (exactArithmetic as Arithmetic<unknown>)) return exactContextFor(params);
    return parameterContext(ar, params);
  },
  screens: true,
  kernel: { start: (ctx, init, steps) => kernelRun(ctx as ParameterContext<Interval>, init, steps) },
  accepts: (init) => init.kind !== 'per-type',
  *run<N>(context: unknown, init: InitialState, steps: number) {
    const ctx = context as ParameterContext<N>;
    const M0 = materialize(ctx.ar, mergedInitial(ctx.params, init));
    const open = ctx.ar as Arithmetic<unknown>;
    if (isLean(open)) {
      const lean = ctx as unknown as ParameterContext<Rational>;
      const constants = new LeanConstants(lean);
      for (const record of leanCoupledRun(lean, M0 as unknown as Rational[], steps)) yield new LeanStepView(lean, record, constants);
      return;
    }
    if (isInterval(open)) {
      yield* screenRun(ctx as unknown as ParameterContext<Interval>, M0 as unknown as Interval[], init, steps);
      return;
    }
    for (const record of coupledRun(ctx.setup, M0, steps)) yield new StepView(ctx, record);
  },
  stateFacts,
  coverage,
  features: THEORY_FEATURES,
  defaultSweep: DEFAULT_SWEEP_CONFIG,
  scaffold: THEORY_SCAFFOLD,
  record: (counterexample, conjecture, candidate) => theoryPage(counterexample, conjecture, candidate),
};

/** The per-type Theory and Simulation (seed 002 scheme B): the same domain, any initial state. */
export const theorySimulationPerType: TheoryFamily = {
  ...theorySimulation,
  id: 'theory-simulation-per-type',
  description: 'per-type Theory and Simulation models (seed 002 scheme B), with merged views',
  // Its conjectures compare the merged and per-type runs for equality: decided exactly.
  screens: false,
  kernel: undefined,
  accepts: () => true,
  *run<N>(context: unknown, init: InitialState, steps: number) {
    // The per-type models run on the Rational path (the lean run covers the merged models).
    const ctx = exactContextOf(context as ParameterContext<N>);
    const X0 = materializePerType(ctx.ar, perTypeInitial(ctx.params, init));
    for (const record of perTypeCoupledRun(ctx.setup, X0, steps)) yield new PerTypeStepView(ctx, record);
  },
};

function describeInitJson(init: Record<string, unknown>): string {
  if (init.kind === 'canonical') return 'canonical start';
  if ('M0' in init) return `${String(init.kind)} M0=[${(init.M0 as string[]).join(', ')}]`;
  const X0 = init.X0 as { A: string[]; B: string[] };
  return `per-type X0.A=[${X0.A.join(', ')}] X0.B=[${X0.B.join(', ')}]`;
}

/** The screening kernel's run of the merged models (screen-kernel.ts), with the lean exact run beside it. */
function kernelRun(ctx: ParameterContext<Interval>, init: InitialState, steps: number): KernelRun | null {
  const run = new KernelRun(ctx, init, steps, leanBeside(ctx, init, steps));
  return run.state.finite ? run : null;
}

/**
 * The certified screening run of the merged models (see screen-run.ts) with the lean exact run
 * beside it, stepped only as far as asked: it gives the screening a step the enclosures cannot
 * decide, and each state's exact view to the deciding policy where a predicate needs one.
 */
function* screenRun(ctx: ParameterContext<Interval>, initial: Interval[], init: InitialState, steps: number): Generator<ScreenStepView> {
  const beside = leanBeside(ctx, init, steps);
  for (const record of screenCoupledRun(ctx, screenParametersOf(ctx), initial, steps, beside.anchor())) {
    yield new ScreenStepView(ctx, record, () => beside.view(record.t));
  }
}

/**
 * The lean exact run beside a screening run of the same cell, built when first asked and stepped
 * only as far as asked (t never goes back), and the exact view of a state: one per state, however
 * many predicates ask for it.
 */
function leanBeside(ctx: ParameterContext<Interval>, init: InitialState, steps: number): { anchor(): ExactAnchor; view(t: number): LeanStepView } {
  let leanCtx: ParameterContext<Rational> | null = null;
  const lean = () => (leanCtx ??= derivedContext(leanContexts, exactContextOf(ctx) as unknown as ParameterContext<Rational>, leanContext));
  let anchor: ExactAnchor | null = null;
  let constants: LeanConstants | null = null;
  let view: LeanStepView | null = null;
  const anchorOf = () => (anchor ??= exactAnchor(leanCoupledRun(lean(), materialize(lean().ar, mergedInitial(lean().params, init)), steps)));
  return {
    anchor: anchorOf,
    view(t) {
      if (view?.t !== t) view = new LeanStepView(lean(), anchorOf().at(t) as LeanRecord, (constants ??= new LeanConstants(lean())));
      return view;
    },
  };
}
