import { describe, expect, it } from 'vitest';
import {
  Frac,
  refEquilibrium,
  refForm,
  refLyapunovP,
  refMergedSimulation,
  refMergedTheory,
  refModel,
  refPerTypeSimulation,
  refPerTypeTheory,
  type RefParamsJson,
  type RefPerType,
} from '../../support/reference-model.js';
import { config, sweep } from '../../support/sweep-fixtures.js';

/**
 * The sweep's tallies of every step and eviction-step conjecture of the merged family, of the
 * trajectory statement g-time-average and of the per-type family's statements (states checked,
 * failed and vacuous, cells failed, the smallest and the smallest positive margin with where
 * they were first seen, and the minimal counterexample), recomputed by the independent reference
 * model (its own fractions, its own Lyapunov solve and stability test) with its own enumeration
 * of the grid in the minimality order. Over runs too short to screen (decided on the exact path
 * alone) and over runs the deciding policy screens on the screening kernel, where every margin
 * that can be the smallest must still come out exact.
 */
const grid = { l0: [1, 2, 3, 6], lA: [1, 2], lB: [2, 3, 4], B: '15/2', lambdaA: ['1', '3/2'], lambdaB: ['1', '2'] };

interface RefCell {
  params: RefParamsJson;
  /** canonical; balanced: u·B/ΣWu; per-type: X0.A = uA·N*, X0.B = uB·N* (u lists uA then uB). */
  kind: 'canonical' | 'balanced' | 'per-type';
  u: number[] | null;
}

/** Every u ∈ ℕ^dims with Σu = units. */
function compositions(dims: number, units: number): number[][] {
  if (dims === 1) return [[units]];
  const out: number[][] = [];
  for (let first = 0; first <= units; first++) for (const rest of compositions(dims - 1, units - first)) out.push([first, ...rest]);
  return out;
}

/** The grid's cells in the minimality order; per-type lattice starts with `perTypeUnits` units when given. */
function refCells(perTypeUnits?: number): RefCell[] {
  const cells: RefCell[] = [];
  for (const lB of grid.lB)
    for (const lA of grid.lA.filter((a) => a < lB))
      for (const l0 of grid.l0)
        for (const lambdaA of grid.lambdaA) for (const lambdaB of grid.lambdaB) {
          const params = { l0, lA, lB, B: grid.B, lambdaA, lambdaB };
          cells.push({ params, kind: 'canonical', u: null });
          for (const u of compositions(lB, 2)) cells.push({ params, kind: 'balanced', u });
          if (perTypeUnits !== undefined) for (const u of compositions(lA + lB, perTypeUnits)) cells.push({ params, kind: 'per-type', u });
        }
  // Minimality order: lB, lA, l0, λA+λB, λA (rationals by height max(|p|, q), then value), then
  // the start: canonical first, then lattice points by coordinate sum, then balanced before
  // per-type, then reversed-lexicographically.
  const byHeight = (x: Frac) => [Number(x.n < 0n ? -x.n : x.n > x.d ? x.n : x.d), Number(x.n) / Number(x.d)];
  const rates = (p: RefParamsJson) => {
    const [a, b] = [Frac.from(p.lambdaA), Frac.from(p.lambdaB)];
    return [...byHeight(a.plus(b)), ...byHeight(a)];
  };
  const kindRank = { canonical: 0, balanced: 0, 'per-type': 2 };
  const key = (c: RefCell) => [
    c.params.lB, c.params.lA, c.params.l0, ...rates(c.params),
    c.u === null ? 0 : 1, ...(c.u ? [c.u.reduce((x, y) => x + y, 0), kindRank[c.kind], ...[...c.u].reverse()] : []),
  ];
  return cells.sort((x, y) => {
    const a = key(x);
    const b = key(y);
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
    return 0;
  });
}

/** One coupled state of a cell, with what the conjectures read beside the two models. */
interface RefState {
  t: number;
  theory: Frac[];
  sim: Frac[];
  /** Per Simulation stage: what its cohort lost to eviction in its life. */
  lost: Frac[];
  /** This step's eviction (t ≥ 1): the Simulation advanced before it, ã, and e. */
  evicted: boolean;
  advanced: Frac[];
  desired: Frac;
  eviction: Frac[];
  /** Σ_{τ≤t} (Gᵀ(τ) − Gˢ(τ)). */
  gGapSum: Frac;
  /** Cell constants: W, B, N* and P (null: A not stable). */
  W: Frac[];
  B: Frac;
  Nstar: Frac;
  P: Frac[][] | null;
}

/** A conjecture's margin at a state (every one holds iff its margin ≥ 0; SPEC §5 and each file's `margin`). */
interface Judge {
  /** Out of scope: not counted at all. */
  inScope?: (st: RefState) => boolean;
  /** Precondition A stable: vacuous where it is not. */
  needsStableA?: boolean;
  margin: (st: RefState) => Frac;
}

const ZERO = Frac.int(0);
const minOf = (xs: Frac[]) => xs.reduce((a, b) => (b.cmp(a) < 0 ? b : a));
const maxOf = (xs: Frac[]) => xs.reduce((a, b) => (b.cmp(a) > 0 ? b : a));
const abs = (x: Frac) => (x.isNegative() ? ZERO.minus(x) : x);
const sum = (xs: Frac[]) => xs.reduce((a, b) => a.plus(b), ZERO);
const spread = (xs: Frac[]) => maxOf(xs).minus(minOf(xs));
/** Every position attaining the value: a conjecture naming m or n is judged at its worst tied position (tie rule `all`). */
const positionsOf = (xs: Frac[], value: Frac) => xs.flatMap((x, s) => (x.cmp(value) === 0 ? [s] : []));
const argmax = (xs: Frac[]) => positionsOf(xs, maxOf(xs));
const argmin = (xs: Frac[]) => positionsOf(xs, minOf(xs));
const delta = (st: RefState) => st.theory.map((x, s) => x.minus(st.sim[s]));
const overPairs = (st: RefState, margin: (dm: Frac, dn: Frac) => Frac) => {
  const d = delta(st);
  return minOf(argmax(st.sim).flatMap((m) => argmin(st.sim).map((n) => margin(d[m], d[n]))));
};
const deviation = (st: RefState, M: Frac[]) => M.map((x) => x.minus(st.Nstar));
const V = (st: RefState, M: Frac[]) => refForm(st.P!, deviation(st, M), deviation(st, M));
const tokens = (st: RefState, M: Frac[]) => sum(M.map((x, s) => st.W[s].times(x)));
const atEviction = (st: RefState) => st.evicted;

const judges: Record<string, Judge> = {
  'g-dominance': { margin: (st) => spread(st.theory).minus(spread(st.sim)) },
  'max-dominance': { margin: (st) => maxOf(st.theory).minus(maxOf(st.sim)) },
  'min-dominance': { margin: (st) => minOf(st.sim).minus(minOf(st.theory)) },
  'componentwise-dominance': { margin: (st) => minOf(delta(st)) },
  'delta-at-argmax': { margin: (st) => minOf(argmax(st.sim).map((m) => delta(st)[m])) },
  'delta-argmax-ge-argmin': { margin: (st) => overPairs(st, (dm, dn) => dm.minus(dn)) },
  'case-d-impossible': { margin: (st) => overPairs(st, (dm, dn) => maxOf([dm, ZERO.minus(dn)])) },
  'argmax-never-evicted': { margin: (st) => minOf(argmax(st.sim).map((m) => ZERO.minus(st.lost[m]))) },
  'token-balance': {
    inScope: (st) => st.t >= 1,
    margin: (st) =>
      ZERO.minus(maxOf([abs(tokens(st, st.theory).minus(st.B)), abs(tokens(st, st.sim).minus(st.B)), abs(tokens(st, delta(st)))])),
  },
  'inner-product-nonneg': { needsStableA: true, margin: (st) => refForm(st.P!, deviation(st, st.sim), delta(st)) },
  'v-dominance': { needsStableA: true, margin: (st) => V(st, st.theory).minus(V(st, st.sim)) },
  'energy-decomposition': {
    needsStableA: true,
    margin: (st) => {
      const x = deviation(st, st.sim);
      const d = delta(st);
      const rhs = refForm(st.P!, x, d).plus(refForm(st.P!, x, d)).plus(refForm(st.P!, d, d));
      return ZERO.minus(abs(V(st, st.theory).minus(V(st, st.sim)).minus(rhs)));
    },
  },
  'g-time-average': { margin: (st) => st.gGapSum },
  'eviction-p-nonexpansive': { inScope: atEviction, needsStableA: true, margin: (st) => V(st, st.advanced).minus(V(st, st.sim)) },
  'eviction-step-lemma': {
    inScope: atEviction,
    needsStableA: true,
    margin: (st) => {
      const x = deviation(st, st.sim);
      const e0 = st.sim.map((_, s) => (s === 0 ? Frac.int(1) : ZERO));
      return refForm(st.P!, x, st.eviction).minus(abs(st.desired).times(refForm(st.P!, x, e0)));
    },
  },
};

interface Seen {
  value: Frac;
  cell: RefCell;
  t: number;
}
interface RefTally {
  checked: number;
  failed: number;
  vacuous: number;
  cellsFailed: number;
  first: { cell: RefCell; t: number } | null;
  /** The least margin and the least margin > 0, where first seen (cells in order, then t). */
  smallest: Seen | null;
  smallestPositive: Seen | null;
}

const emptyTally = (): RefTally => ({ checked: 0, failed: 0, vacuous: 0, cellsFailed: 0, first: null, smallest: null, smallestPositive: null });

/** Folds one state's margin into a tally (cells in order, then t: the first of equal margins is kept); true where it fails. */
function fold(tally: RefTally, value: Frac, cell: RefCell, t: number): boolean {
  tally.checked++;
  if (!tally.smallest || value.cmp(tally.smallest.value) < 0) tally.smallest = { value, cell, t };
  if (value.cmp(ZERO) > 0 && (!tally.smallestPositive || value.cmp(tally.smallestPositive.value) < 0)) {
    tally.smallestPositive = { value, cell, t };
  }
  if (value.cmp(ZERO) >= 0) return false;
  tally.failed++;
  tally.first ??= { cell, t };
  return true;
}

/** M(0) of a merged start. */
function mergedStart(m: ReturnType<typeof refModel>, cell: RefCell): Frac[] {
  if (cell.u === null) return m.W.map((_, s) => (s === 0 ? m.B.over(m.W[0]) : ZERO));
  const held = cell.u.reduce((acc, x, s) => acc.plus(m.W[s].times(Frac.int(x))), ZERO);
  return cell.u.map((x) => Frac.int(x).times(m.B).over(held));
}

function reference(T: number, cells: readonly RefCell[]) {
  const out: Record<string, RefTally> = {};
  for (const id of Object.keys(judges)) out[id] = emptyTally();
  for (const cell of cells) {
    if (cell.kind === 'per-type') continue; // the merged models have no per-type start
    const m = refModel(cell.params);
    const M = mergedStart(m, cell);
    const constants = { W: m.W, B: m.B, Nstar: refEquilibrium(m), P: refLyapunovP(m) };
    const none = M.map(() => ZERO);
    let state: RefState = { t: 0, theory: M, sim: M, lost: none, evicted: false, advanced: M, desired: ZERO, eviction: none, gGapSum: ZERO, ...constants };
    const failedHere = new Set<string>();
    for (let t = 0; t <= T; t++) {
      if (t > 0) {
        const step = refMergedSimulation(m, state.sim);
        // A cohort's losses move up with it; the new cohort at stage 0 has lost nothing yet.
        const lost = [ZERO, ...state.lost.slice(0, -1)].map((x, s) => x.plus(step.eviction[s]));
        state = {
          ...state,
          t,
          theory: refMergedTheory(m, state.theory).state,
          sim: step.state,
          lost,
          evicted: step.eviction.some((e) => e.cmp(ZERO) !== 0),
          advanced: [ZERO, ...state.sim.slice(0, -1)],
          desired: step.desired,
          eviction: step.eviction,
        };
      }
      state = { ...state, gGapSum: state.gGapSum.plus(spread(state.theory)).minus(spread(state.sim)) };
      for (const [id, judge] of Object.entries(judges)) {
        if (judge.inScope && !judge.inScope(state)) continue;
        if (judge.needsStableA && state.P === null) out[id].vacuous++;
        else if (fold(out[id], judge.margin(state), cell, t)) failedHere.add(id);
      }
    }
    for (const id of failedHere) out[id].cellsFailed++;
  }
  return out;
}

/**
 * The per-type family's trajectory statements (SPEC §5, seed 002 §3.1) on the per-type models
 * of the reference: a merged start split p : q below lA (q above), or a per-type lattice start.
 */
const perTypeIds = ['proportional-after-warmup', 'merged-equals-per-type'];

function referencePerType(T: number, cells: readonly RefCell[]) {
  const out: Record<string, RefTally> = Object.fromEntries(perTypeIds.map((id) => [id, emptyTally()]));
  for (const cell of cells) {
    const m = refModel(cell.params);
    let X: RefPerType;
    if (cell.kind === 'per-type') {
      const Nstar = refEquilibrium(m);
      const scaled = (xs: number[]) => xs.map((x) => Frac.int(x).times(Nstar));
      X = { A: scaled(cell.u!.slice(0, m.lA)), B: scaled(cell.u!.slice(m.lA)) };
    } else {
      const M = mergedStart(m, cell);
      X = { A: M.slice(0, m.lA).map((x) => x.times(m.p)), B: M.map((x) => x.times(m.q)) };
    }
    const defects = (Y: RefPerType) => Y.A.map((a, s) => abs(a.times(m.q).minus(Y.B[s].times(m.p))));
    /** X_A + X_B below lA, X_B/q from lA on. */
    const mergedView = (Y: RefPerType) => Y.B.map((b, s) => (s < m.lA ? Y.A[s].plus(b) : b.over(m.q)));
    const proportional = defects(X).every((d) => d.cmp(ZERO) === 0);
    let theory = X;
    let sim = X;
    let mergedTheory = mergedView(X);
    let mergedSim = mergedTheory;
    const failedHere = new Set<string>();
    const judge = (id: string, t: number, value: Frac) => fold(out[id], value, cell, t) && failedHere.add(id);
    for (let t = 0; t <= T; t++) {
      if (t > 0) {
        theory = refPerTypeTheory(m, theory).state;
        sim = refPerTypeSimulation(m, sim).state;
        mergedTheory = refMergedTheory(m, mergedTheory).state;
        mergedSim = refMergedSimulation(m, mergedSim).state;
      }
      // Proportional from t = max(lA, lB) on, in both models.
      if (t >= Math.max(m.lA, m.lB)) judge('proportional-after-warmup', t, ZERO.minus(maxOf([...defects(theory), ...defects(sim)])));
      // From a proportional start only (else vacuous, once): the merged models against the merged view.
      if (!proportional) {
        if (t === 0) out['merged-equals-per-type'].vacuous++;
      } else {
        const apart = (a: Frac[], b: Frac[]) => maxOf(a.map((x, s) => abs(x.minus(b[s]))));
        judge('merged-equals-per-type', t, ZERO.minus(maxOf([apart(mergedTheory, mergedView(theory)), apart(mergedSim, mergedView(sim))])));
      }
    }
    for (const id of failedHere) out[id].cellsFailed++;
  }
  return out;
}

/** Where a margin was seen, as the summary names it. */
const place = (where: { params: unknown; init: unknown; t: number }) => ({
  params: where.params,
  t: where.t,
  lattice: (where.init as { lattice?: number[] }).lattice ?? null,
});
const refPlace = (seen: { cell: RefCell; t: number }) => ({ params: seen.cell.params, t: seen.t, lattice: seen.cell.u });

type Summary = Awaited<ReturnType<typeof sweep>>['summary'];

/** Every figure of the reference's tallies, conjecture by conjecture, in the sweep's summary. */
function expectTallies(summary: Summary, out: Record<string, RefTally>, ids: readonly string[]): void {
  expect(Object.keys(summary.conjectures).sort()).toEqual(ids.slice().sort());
  for (const id of ids) {
    const ref = out[id];
    const c = summary.conjectures[id];
    const counts = { statesChecked: c.statesChecked, statesFailed: c.statesFailed, statesVacuous: c.statesVacuous, cellsFailed: c.cellsFailed };
    expect({ id, ...counts }).toEqual({ id, statesChecked: ref.checked, statesFailed: ref.failed, statesVacuous: ref.vacuous, cellsFailed: ref.cellsFailed });
    expect({ id, value: c.smallestMargin?.value, where: c.smallestMargin && place(c.smallestMargin.where) }).toEqual({
      id,
      value: ref.smallest?.value.toString(),
      where: ref.smallest && refPlace(ref.smallest),
    });
    expect({ id, value: c.smallestPositiveMargin?.value, where: c.smallestPositiveMargin && place(c.smallestPositiveMargin.where) }).toEqual({
      id,
      value: ref.smallestPositive?.value.toString(),
      where: ref.smallestPositive && refPlace(ref.smallestPositive),
    });
    expect(c.gridMinimal).toEqual(c.minimal); // no random part here
    if (ref.first === null) {
      expect({ id, minimal: c.gridMinimal }).toEqual({ id, minimal: null });
      continue;
    }
    expect({ id, ...place(c.gridMinimal!) }).toEqual({ id, ...refPlace(ref.first) });
    expect(c.certifiedMinimal).toBe(true);
  }
}

const sweepText = (ids: readonly string[], T: number, init: string) => `{
  name: "independent",
  conjectures: ${JSON.stringify(ids)},
  grid: { l0: ${JSON.stringify(grid.l0)}, lA: ${JSON.stringify(grid.lA)}, lB: ${JSON.stringify(grid.lB)}, B: [${JSON.stringify(grid.B)}],
    lambdaA: ${JSON.stringify(grid.lambdaA)}, lambdaB: ${JSON.stringify(grid.lambdaB)}, init: ${init}, steps: ${T} },
}`;

describe('sweep tallies agree with an independent exact implementation', () => {
  // Without the identities no exact pass runs beside the kernel: a screened state whose margin may
  // be the smallest is then decided on the kernel run's own exact view, and the kernel goes on.
  const IDENTITIES = ['token-balance', 'energy-decomposition'];
  it.each([
    { T: 10, screens: false, identities: true },
    { T: 30, screens: true, identities: true },
    { T: 30, screens: true, identities: false },
  ])('to the state and the margin, with the same minimal counterexample ($T steps; screened on the kernel: $screens; with the identities: $identities)', async ({ T, screens, identities }) => {
    const ids = Object.keys(judges).filter((id) => identities || !IDENTITIES.includes(id));
    const { summary } = await sweep({ config: config(sweepText(ids, T, '["canonical", { kind: "lattice", units: 2 }]')), executor: 2 });
    // The longer runs are decided by the screening, not by the exact path behind it.
    const verdicts = summary.deciding!.verdicts;
    if (screens) expect(verdicts.screened).toBeGreaterThan(verdicts.exact);
    else expect(verdicts.screened).toBe(0);
    const cells = refCells();
    expect(summary.grid.cells).toBe(cells.length);
    const out = reference(T, cells);
    expectTallies(summary, out, ids);
    // The grid refutes most of them: the minimal counterexamples compared above are not vacuous.
    expect(ids.filter((id) => out[id].first !== null).length).toBeGreaterThanOrEqual(8);
  });

  it('for the per-type family too, from merged and per-type lattice starts', async () => {
    const T = 12;
    const ids = [...perTypeIds, 'g-dominance'];
    const init = '["canonical", { kind: "lattice", units: 2 }, { kind: "per-type-lattice", units: 1 }]';
    const { summary } = await sweep({ config: config(sweepText(ids, T, init)), executor: 2 });
    const cells = refCells(1);
    expect(summary.grid.cells).toBe(cells.length);
    // The merged conjecture beside them sees the merged starts only.
    const out = { ...reference(T, cells), ...referencePerType(T, cells) };
    expectTallies(summary, out, ids);
    // Per-type lattice starts are rarely proportional: merged-equals-per-type is vacuous there, and checked elsewhere.
    expect(out['merged-equals-per-type'].vacuous).toBeGreaterThan(0);
    expect(out['merged-equals-per-type'].checked).toBeGreaterThan(0);
  });
});
