import { describe, expect, it } from 'vitest';
import { Frac, refMergedSimulation, refMergedTheory, refModel, type RefParamsJson } from '../../support/reference-model.js';
import { config, sweep } from '../../support/sweep-fixtures.js';

/**
 * The sweep's failing-state counts and minimal counterexample, recomputed by
 * the independent reference model with its own enumeration of the grid in the
 * minimality order: over runs too short to screen (decided on the exact path alone) and over
 * runs the deciding policy screens on the screening kernel (every verdict it leaves undecided
 * goes to the exact path).
 */
const grid = { l0: [1, 2, 3, 6], lA: [1, 2], lB: [2, 3, 4], lambdaA: [1, 2], lambdaB: [1, 2] };

interface RefCell {
  params: RefParamsJson;
  u: number[] | null; // null: canonical; else balanced lattice point
}

function refCells(): RefCell[] {
  const cells: RefCell[] = [];
  for (const lB of grid.lB)
    for (const lA of grid.lA.filter((a) => a < lB))
      for (const l0 of grid.l0)
        for (const a of grid.lambdaA) for (const b of grid.lambdaB) {
          const params = { l0, lA, lB, B: '60', lambdaA: String(a), lambdaB: String(b) };
          cells.push({ params, u: null });
          for (let i = 0; i < lB; i++) for (let j = i; j < lB; j++) {
            const u = new Array(lB).fill(0);
            u[i]++;
            u[j]++;
            cells.push({ params, u });
          }
        }
  // Minimality order: lB, lA, l0, rates (λA+λB by height, then λA by height), then the start:
  // canonical, then lattice points reversed-lexicographically.
  // Integer rates: the height of an integer is the integer itself.
  const rateKey = ([a, b]: readonly [string, string]) => [Number(a) + Number(b), Number(a)];
  const key = (c: RefCell) => [
    c.params.lB, c.params.lA, c.params.l0, ...rateKey([c.params.lambdaA, c.params.lambdaB]),
    c.u === null ? 0 : 1, ...(c.u ? [...c.u].reverse() : []),
  ];
  return cells.sort((x, y) => {
    const a = key(x);
    const b = key(y);
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
    return 0;
  });
}

/** One coupled state: both models, and per Simulation stage what its cohort lost to eviction in its life. */
interface RefState {
  theory: Frac[];
  sim: Frac[];
  lost: Frac[];
}
type Judge = (state: RefState) => boolean;
const max = (xs: Frac[]) => xs.reduce((a, b) => (b.cmp(a) > 0 ? b : a));
const min = (xs: Frac[]) => xs.reduce((a, b) => (b.cmp(a) < 0 ? b : a));
const spread = (xs: Frac[]) => max(xs).minus(min(xs));
/** Every position attaining the value (SPEC §5: a conjecture naming m or n holds at every tied position). */
const positionsOf = (xs: Frac[], value: Frac) => xs.flatMap((x, s) => (x.cmp(value) === 0 ? [s] : []));
const argmax = (xs: Frac[]) => positionsOf(xs, max(xs));
const argmin = (xs: Frac[]) => positionsOf(xs, min(xs));
const delta = ({ theory, sim }: RefState, s: number) => theory[s].minus(sim[s]);
const everyPair = (st: RefState, holds: (dm: Frac, dn: Frac) => boolean) =>
  argmax(st.sim).every((m) => argmin(st.sim).every((n) => holds(delta(st, m), delta(st, n))));
const ZERO = Frac.int(0);
const judges: Record<string, Judge> = {
  'g-dominance': ({ theory, sim }) => spread(theory).cmp(spread(sim)) >= 0,
  'max-dominance': ({ theory, sim }) => max(theory).cmp(max(sim)) >= 0,
  'min-dominance': ({ theory, sim }) => min(theory).cmp(min(sim)) <= 0,
  'componentwise-dominance': ({ theory, sim }) => theory.every((x, i) => x.cmp(sim[i]) >= 0),
  'delta-at-argmax': (st) => argmax(st.sim).every((m) => delta(st, m).cmp(ZERO) >= 0),
  'delta-argmax-ge-argmin': (st) => everyPair(st, (dm, dn) => dm.cmp(dn) >= 0),
  'case-d-impossible': (st) => everyPair(st, (dm, dn) => !(dm.cmp(ZERO) < 0 && dn.cmp(ZERO) > 0)),
  'argmax-never-evicted': (st) => argmax(st.sim).every((m) => st.lost[m].cmp(ZERO) === 0),
};

function reference(T: number) {
  const out: Record<string, { failed: number; cellsFailed: number; first: { cell: RefCell; t: number } | null }> = {};
  for (const id of Object.keys(judges)) out[id] = { failed: 0, cellsFailed: 0, first: null };
  const cells = refCells();
  for (const cell of cells) {
    const m = refModel(cell.params);
    let M: Frac[];
    if (cell.u === null) M = m.W.map((_, s) => (s === 0 ? m.B.over(m.W[0]) : Frac.int(0)));
    else {
      const tokens = cell.u.reduce((acc, x, s) => acc.plus(m.W[s].times(Frac.int(x))), Frac.int(0));
      M = cell.u.map((x) => Frac.int(x).times(m.B).over(tokens));
    }
    let state: RefState = { theory: M, sim: M, lost: M.map(() => ZERO) };
    const failedHere = new Set<string>();
    for (let t = 0; t <= T; t++) {
      if (t > 0) {
        const step = refMergedSimulation(m, state.sim);
        // A cohort's losses move up with it; the new cohort at stage 0 has lost nothing yet.
        const lost = [ZERO, ...state.lost.slice(0, -1)].map((x, s) => x.plus(step.eviction[s]));
        state = { theory: refMergedTheory(m, state.theory).state, sim: step.state, lost };
      }
      for (const [id, holds] of Object.entries(judges)) {
        if (holds(state)) continue;
        out[id].failed++;
        failedHere.add(id);
        out[id].first ??= { cell, t };
      }
    }
    for (const id of failedHere) out[id].cellsFailed++;
  }
  return { out, cells: cells.length };
}

describe('sweep counts agree with an independent exact implementation', () => {
  it.each([
    { T: 10, screens: false },
    { T: 30, screens: true },
  ])('to the state, with the same minimal counterexample ($T steps; screened on the kernel: $screens)', async ({ T, screens }) => {
    const { summary } = await sweep({
      config: config(`{
        name: "independent",
        conjectures: ${JSON.stringify(Object.keys(judges))},
        grid: { l0: ${JSON.stringify(grid.l0)}, lA: ${JSON.stringify(grid.lA)}, lB: ${JSON.stringify(grid.lB)}, B: [60],
          lambdaA: ${JSON.stringify(grid.lambdaA)}, lambdaB: ${JSON.stringify(grid.lambdaB)},
          init: ["canonical", { kind: "lattice", units: 2 }], steps: ${T} },
      }`),
      executor: 2,
    });
    // The longer runs are decided by the screening, not by the exact path behind it.
    const verdicts = summary.deciding!.verdicts;
    if (screens) expect(verdicts.screened).toBeGreaterThan(verdicts.exact);
    else expect(verdicts.screened).toBe(0);
    const { out, cells } = reference(T);
    expect(summary.grid.cells).toBe(cells);
    for (const [id, ref] of Object.entries(out)) {
      const c = summary.conjectures[id];
      expect({ id, statesChecked: c.statesChecked, statesFailed: c.statesFailed, cellsFailed: c.cellsFailed }).toEqual({
        id,
        statesChecked: cells * (T + 1),
        statesFailed: ref.failed,
        cellsFailed: ref.cellsFailed,
      });
      expect(ref.first).not.toBeNull();
      expect(c.gridMinimal).toEqual(c.minimal); // no random part here
      const m = c.gridMinimal!;
      expect({ params: m.params, t: m.t, lattice: (m.init as { lattice?: number[] }).lattice ?? null }).toEqual({
        params: ref.first!.cell.params,
        t: ref.first!.t,
        lattice: ref.first!.cell.u,
      });
      expect(c.certifiedMinimal).toBe(true);
    }
  });
});
