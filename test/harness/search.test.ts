import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rational } from '../../models/arithmetic/index.js';
import { DEFAULT_BOUNDS, type SearchBounds } from '../../models/theory-simulation/bounds.js';
import { runCheck, runCheckInWorkers, type CheckRequest } from '../../harness/search/check.js';
import { ClassWorkers } from '../../harness/search/class-workers.js';
import { PLANTED_CONFIG } from '../support/sweep-fixtures.js';
import { compareCandidates, latticeState } from '../../models/theory-simulation/order.js';
import { SearchSpace } from '../../models/theory-simulation/search-space.js';
import { planted, share } from '../support/planted.js';
import { PLANTED_LONE } from '../support/planted.config.js';
import type { Conjecture } from '../../conjectures/types.js';
import { registry } from '../../conjectures/registry.js';
import { SCALE_FREE } from '../../models/theory-simulation/invariances.js';

const base = (conjecture: Conjecture, extra: Partial<CheckRequest> = {}): CheckRequest => ({
  conjecture,
  family: registry.familyOf(conjecture),
  options: { tie: 'all' },
  bounds: DEFAULT_BOUNDS,
  steps: 12,
  runs: 300,
  seed: 7,
  arithmetic: { id: 'exact' },
  timeLimitMs: 60_000,
  // Certification is tested on its own below; these planted conjectures declare no invariance.
  certify: false,
  ...extra,
});

const withoutCorner = { cornerSize: { lB: 0, l0: 0, rates: 0 } };

/** The parts of a counterexample that define it (what replay needs). */
const essence = (r: ReturnType<typeof runCheck>) => {
  const c = r.counterexample!;
  return { params: c.params, init: c.init, t: c.t };
};

describe('the search finds and shrinks planted false conjectures to their known minimum', () => {
  it('a threshold on lB, l0 and t (found in the ordered corner)', () => {
    // Fails iff lB ≥ 4, l0 ≥ 3, t ≥ 2. Smallest: lB=4, lA=1, l0=3; rates of least height
    // with λA+λB of height 1 are 1/2+1/2; B=1; canonical start; first failing t=2.
    const r = runCheck(base(planted('threshold', (p, t) => p.lB >= 4 && p.l0 >= 3 && t >= 2)));
    expect(r.verdict).toBe('refuted');
    expect(essence(r)).toEqual({
      params: { l0: 3, lA: 1, lB: 4, B: '1', lambdaA: '1/2', lambdaB: '1/2' },
      init: { kind: 'canonical' },
      t: 2,
    });
    expect(r.counterexample!.locallyMinimal).toBe(true);
  });

  it('a minimum far outside the corner, found by random search and shrunk by local search', () => {
    // Fails iff lB ≥ 7, lA ≥ 2, l0 ≥ 13 (at every t): minimum lB=7, lA=2, l0=13, smallest rates/B, canonical, t=0.
    const r = runCheck(base(planted('far', (p) => p.lB >= 7 && p.lA >= 2 && p.l0 >= 13), withoutCorner));
    expect(r.minimality?.phase).toBe('random');
    expect(essence(r)).toEqual({
      params: { l0: 13, lA: 2, lB: 7, B: '1', lambdaA: '1/2', lambdaB: '1/2' },
      init: { kind: 'canonical' },
      t: 0,
    });
    expect(r.counterexample!.locallyMinimal).toBe(true);
  });

  it('a minimum that needs two coordinates to move together (the level descent finds it)', () => {
    // Fails iff l0 ≥ 10, or l0 ≥ 3 with p ≥ 3/4. Lowering l0 below 10 only fails with other
    // rates, so single-coordinate moves get stuck at l0=10. The minimum is l0=3 with the least
    // rates of share ≥ 3/4: λA+λB=1 (height 1) and λA=3/4 (1/2, 1/3, 2/3 have smaller shares).
    const c = planted('coupled', (p) => p.l0 >= 10 || (p.l0 >= 3 && share(p).compare(Rational.of(3, 4)) >= 0));
    const r = runCheck(base(c, { ...withoutCorner, steps: 2 }));
    expect(essence(r)).toEqual({
      params: { l0: 3, lA: 1, lB: 2, B: '1', lambdaA: '3/4', lambdaB: '1/4' },
      init: { kind: 'canonical' },
      t: 0,
    });
  });

  it('a condition on the budget B, which is not scale-invariant', () => {
    // Fails iff B ≥ 3: among integer budgets the least height that fails is 3.
    const r = runCheck(base(planted('budget', (p) => p.B.compare(Rational.fromInteger(3)) >= 0), withoutCorner));
    expect(r.counterexample!.params).toEqual({ l0: 1, lA: 1, lB: 2, B: '3', lambdaA: '1/2', lambdaB: '1/2' });
  });

  it('a condition on the initial state: the least lattice state with mass at stage 1', () => {
    // At t=0, Mˢ_1 > 0 needs mass at stage 1. Canonical has none; the least lattice point of
    // coordinate sum 1 with it is the balanced state u = (0, 1): M0 = (0, B/W_1) = (0, 4/3)
    // for l0=1, λ=1/2 each (W_1 = (l0+2)·q = 3/2).
    const r = runCheck(base(planted('mass-at-1', (_p, t, v) => t === 0 && v.ar.sign(v.simulation[1]) > 0), withoutCorner));
    expect(essence(r)).toEqual({
      params: { l0: 1, lA: 1, lB: 2, B: '1', lambdaA: '1/2', lambdaB: '1/2' },
      init: { kind: 'balanced', M0: ['0', '2/3'], lattice: [0, 1] },
      t: 0,
    });
  });

  it('the first failing t of the minimal candidate', () => {
    const r = runCheck(base(planted('late', (p, t) => p.lB >= 3 && t >= 5)));
    expect(essence(r).t).toBe(5);
    expect(r.counterexample!.params.lB).toBe(3);
  });
});

describe('the descent below a counterexample', () => {
  it('enumerates the tail levels strictly below the best, in ascending minimality order', () => {
    const space = new SearchSpace({ ...DEFAULT_BOUNDS, latticeMax: 3 }, planted('any', () => false));
    const params = { l0: 2, lA: 1, lB: 3, B: Rational.fromInteger(5), lambdaA: Rational.of(3, 4), lambdaB: Rational.of(1, 4) };
    const best = { params, init: latticeState(params, 'unbalanced', [1, 1, 0]) };
    for (const level of ['rates', 'B', 'init'] as const) {
      const below = [...space.tailBelow(best, level)];
      expect(below.length, level).toBeGreaterThan(0);
      below.forEach((c, i) => {
        expect(compareCandidates(c, best), level).toBeLessThan(0);
        if (i > 0) expect(compareCandidates(below[i - 1], c), level).toBeLessThan(0);
      });
    }
  });

  it('lists initial states canonical first, each state once', () => {
    const space = new SearchSpace({ ...DEFAULT_BOUNDS, latticeMax: 2 }, planted('any', () => false));
    const params = { l0: 1, lA: 1, lB: 2, B: Rational.ONE, lambdaA: Rational.ONE, lambdaB: Rational.ONE };
    const states = [...space.initialStatesInOrder(params)];
    expect(states[0]).toEqual({ kind: 'canonical' });
    // Balanced (1,0) and (2,0) are the canonical state and (2,2) ~ (1,1): each state appears once.
    expect(states.map((s) => ('lattice' in s ? `${s.kind}:${s.lattice}` : s.kind))).toEqual([
      'canonical', 'balanced:0,1', 'unbalanced:1,0', 'unbalanced:0,1', 'balanced:1,1', 'unbalanced:2,0', 'unbalanced:1,1', 'unbalanced:0,2',
    ]);
  });

  it('lists them in ascending minimality order, every lattice point of the bound once', () => {
    const kinds = ['canonical', 'balanced', 'unbalanced', 'per-type'] as const;
    const space = new SearchSpace({ ...DEFAULT_BOUNDS, latticeMax: 4 }, kinds);
    for (const [lA, lB] of [[1, 2], [2, 3], [1, 4], [3, 5]]) {
      const params = { l0: 1, lA, lB, B: Rational.ONE, lambdaA: Rational.ONE, lambdaB: Rational.ONE };
      const states = [...space.initialStatesInOrder(params)];
      states.slice(1).forEach((init, i) => expect(compareCandidates({ params, init: states[i] }, { params, init }), `${lA},${lB}: ${i}`).toBeLessThan(0));
      // Unbalanced and per-type points are never equal to another: C(size + parts − 1, parts − 1) of each size.
      const choose = (n: number, k: number): number => (k === 0 ? 1 : (choose(n - 1, k - 1) * n) / k);
      const count = (parts: number) => [1, 2, 3, 4].reduce((sum, size) => sum + choose(size + parts - 1, parts - 1), 0);
      expect(states.filter((x) => x.kind === 'unbalanced').length).toBe(count(lB));
      expect(states.filter((x) => x.kind === 'per-type').length).toBe(count(lA + lB));
    }
  });

  it('lists them one at a time: with 400 stages (about 10¹² points) the first come at once (this used to list them all first)', () => {
    const space = new SearchSpace({ ...DEFAULT_BOUNDS, latticeMax: 6 }, ['canonical', 'unbalanced']);
    const params = { l0: 1, lA: 1, lB: 400, B: Rational.ONE, lambdaA: Rational.ONE, lambdaB: Rational.ONE };
    const first: string[] = [];
    for (const init of space.initialStatesInOrder(params)) {
      first.push('lattice' in init ? String(init.lattice?.indexOf(1)) : init.kind);
      if (first.length === 4) break;
    }
    expect(first).toEqual(['canonical', '0', '1', '2']);
    // Counting the states before a deep one is refused (null: not counted) rather than walked for ever.
    const deep = { kind: 'unbalanced' as const, lattice: [0, ...Array.from({ length: 398 }, () => 0), 3] };
    expect(space.initialStatesBefore(params, deep)).toBeNull();
    expect(space.initialStatesBefore(params, { kind: 'unbalanced', lattice: [0, 0, 1, ...Array.from({ length: 397 }, () => 0)] })).toBe(3);
  });

  it('skips states without changing the ones after them', () => {
    const space = new SearchSpace({ ...DEFAULT_BOUNDS, latticeMax: 3 }, ['canonical', 'balanced', 'unbalanced']);
    const params = { l0: 1, lA: 1, lB: 3, B: Rational.ONE, lambdaA: Rational.ONE, lambdaB: Rational.ONE };
    const all = [...space.initialStatesInOrder(params)];
    for (const skip of [0, 1, 5, all.length - 1, all.length]) expect([...space.initialStatesInOrder(params, skip)]).toEqual(all.slice(skip));
    all.forEach((init, i) => expect(space.initialStatesBefore(params, init)).toBe(i));
  });
});

describe('search contract', () => {
  const conjecture = planted('threshold', (p, t) => p.lB >= 5 && p.l0 >= 9 && t >= 1);

  it('is deterministic for a seed', () => {
    const strip = (r: ReturnType<typeof runCheck>) => ({ ...r, counterexample: r.counterexample && essence(r) });
    expect(strip(runCheck(base(conjecture, withoutCorner)))).toEqual(strip(runCheck(base(conjecture, withoutCorner))));
  });

  it('reports an unrefuted verdict, with what was searched, when nothing fails', () => {
    const r = runCheck(base(planted('never', () => false), { runs: 20 }));
    expect(r.verdict).toBe('unrefuted');
    expect(r.counterexample).toBeUndefined();
    expect(r.searched.trajectories).toBeGreaterThan(20);
    expect(r.searched.states).toBe(r.searched.trajectories * 13);
    expect(r.complete).toBe(true);
  });

  it('stops at the time limit and says the search is incomplete', () => {
    let now = 0;
    const clock = () => (now += 1000); // every reading advances one second
    const r = runCheck(base(planted('never', () => false), { timeLimitMs: 5_000, clock }));
    expect(r.complete).toBe(false);
    expect(r.verdict).toBe('unrefuted');
  });

  it('keeps the search inside the bounds it was given', () => {
    const bounds: SearchBounds = { ...DEFAULT_BOUNDS, l0: { min: 5, max: 9 }, lB: { min: 4, max: 6 } };
    const seen: number[][] = [];
    const spy = planted('spy', (p, t) => {
      if (t === 0) seen.push([p.l0, p.lB, p.lA]);
      return false;
    });
    runCheck(base(spy, { bounds, runs: 50 }));
    expect(seen.length).toBeGreaterThan(50);
    for (const [l0, lB, lA] of seen) {
      expect(l0).toBeGreaterThanOrEqual(5);
      expect(l0).toBeLessThanOrEqual(9);
      expect(lB).toBeGreaterThanOrEqual(4);
      expect(lB).toBeLessThanOrEqual(6);
      expect(lA).toBeLessThan(lB);
    }
  });

  it('screens with float64 but decides exactly', () => {
    // Holds exactly; float64 sees 0.1+0.2 ≠ 0.3 and would call it a failure.
    const subtle = planted('subtle', (_p, _t, v) => {
      const ar = v.ar as never as { add(a: unknown, b: unknown): unknown; compare(a: unknown, b: unknown): number; fromRational(r: Rational): unknown };
      const sum = ar.add(ar.fromRational(Rational.parse('0.1')), ar.fromRational(Rational.parse('0.2')));
      return ar.compare(sum, ar.fromRational(Rational.parse('0.3'))) !== 0;
    });
    const r = runCheck(base(subtle, { arithmetic: { id: 'float64' }, runs: 10 }));
    expect(r.verdict).toBe('unrefuted');
    expect(r.screeningFalseAlarms).toBeGreaterThan(0);
  });
});

describe('a space small enough to list is listed', () => {
  const pinned = { l0: { min: 1, max: 1 }, lA: { min: 1, max: 1 }, lB: { min: 3, max: 3 }, inits: ['canonical' as const], latticeMax: 1 };

  it('decides a pinned cell once, and certifies the minimum of a small box', () => {
    const lB3 = planted('planted-lb3', (p, t) => p.lB === 3 && t === 2);
    const one = Rational.ONE;
    const single = runCheck(base(lB3, { bounds: { ...DEFAULT_BOUNDS, ...pinned, B: { min: one, max: one, maxDenominator: 1 }, lambdaA: { min: one, max: one, maxDenominator: 1 }, lambdaB: { min: one, max: one, maxDenominator: 1 } } }));
    expect(single.searched.trajectories).toBe(1);
    expect(single.certification).toMatchObject({ when: 'listed', certified: true, classes: 1, inScope: 0, decided: 0, invariances: [] });

    // lB 2..3, l0 1..3, rates in {1, 2}: the least failing candidate in the minimality order is lB = 3, lA = 1, l0 = 1, λ = (1, 1).
    const box = { ...DEFAULT_BOUNDS, l0: { min: 1, max: 3 }, lA: { min: 1, max: 2 }, lB: { min: 2, max: 3 }, B: { min: one, max: one, maxDenominator: 1 }, lambdaA: { min: one, max: Rational.fromInteger(2), maxDenominator: 1 }, lambdaB: { min: one, max: Rational.fromInteger(2), maxDenominator: 1 }, inits: ['canonical' as const], latticeMax: 1 };
    const r = runCheck(base(lB3, { bounds: box }));
    expect(r.counterexample).toMatchObject({ params: { lB: 3, lA: 1, l0: 1, lambdaA: '1', lambdaB: '1' }, t: 2, locallyMinimal: true, certifiedMinimal: true });
    // Every candidate with lB = 2 (3 l0 × 4 rate pairs) was decided before it, and held.
    expect(r.certification).toMatchObject({ certified: true, scope: 'below-counterexample', inScope: 3 * 4, decided: 3 * 4 });
    expect(r.searched.trajectories).toBe(3 * 4 + 1);
  });

  it('lists every candidate when none fails, and says so', () => {
    const never = planted('planted-never-small', () => false);
    const one = Rational.ONE;
    const r = runCheck(base(never, { bounds: { ...DEFAULT_BOUNDS, ...pinned, l0: { min: 1, max: 5 }, B: { min: one, max: one, maxDenominator: 1 }, lambdaA: { min: one, max: one, maxDenominator: 1 }, lambdaB: { min: one, max: one, maxDenominator: 1 } } }));
    expect(r).toMatchObject({ verdict: 'unrefuted', complete: true, certification: { scope: 'bounds', certified: true, decided: 5, inScope: 5 } });
  });
});

describe('rationals finer than any denominator walked (60 + 2⁻²⁰⁰)', () => {
  const fine = Rational.of((60n << 200n) + 1n, 1n << 200n);
  const pinnedB = (B: { min: Rational; max: Rational; maxDenominator: number }) => ({ ...DEFAULT_BOUNDS, l0: { min: 1, max: 1 }, lA: { min: 1, max: 1 }, lB: { min: 2, max: 2 }, B, inits: ['canonical' as const], latticeMax: 1 });

  it('a pinned value is the one value listed, whatever its denominator (this used to walk 2²⁰⁰ denominators)', () => {
    const space = new SearchSpace(pinnedB({ min: fine, max: fine, maxDenominator: Number(fine.den) }), ['canonical']);
    expect(space.BValues?.map(String)).toEqual([fine.toString()]);
  });

  it('a range with such an end is sampled within it, its ends included, never walked', () => {
    const space = new SearchSpace(pinnedB({ min: Rational.fromInteger(60), max: fine, maxDenominator: Number(fine.den) }), ['canonical']);
    expect(space.BValues).toBeNull();
    const drawn = fc.sample(space.arbitrary(), { seed: 5, numRuns: 200 }).map((c) => c.params.B);
    drawn.forEach((B) => expect(B.compare(Rational.fromInteger(60)) >= 0 && B.compare(fine) <= 0).toBe(true));
    expect(drawn.some((B) => B.equals(fine))).toBe(true);
    expect(drawn.some((B) => B.equals(Rational.fromInteger(60)))).toBe(true);
  });

  it('check decides a cell pinned there, and certifies it', () => {
    const lB2 = planted('planted-fine-B', (_p, t) => t === 2);
    const one = Rational.ONE;
    const r = runCheck(base(lB2, { bounds: { ...pinnedB({ min: fine, max: fine, maxDenominator: Number(fine.den) }), lambdaA: { min: one, max: one, maxDenominator: 1 }, lambdaB: { min: one, max: one, maxDenominator: 1 } } }));
    expect(r.counterexample).toMatchObject({ params: { B: fine.toString() }, t: 2 });
    expect(r.searched.trajectories).toBe(1);
  });
});

describe('certified minimality: every class below the result is decided', () => {
  const invariant = <C extends Conjecture>(c: C): C => ({ ...c, invariantUnder: SCALE_FREE });
  const lone = PLANTED_LONE;
  const bounds: SearchBounds = { ...DEFAULT_BOUNDS, l0: { min: 1, max: 3 }, lB: { min: 2, max: 5 }, inits: ['canonical', 'balanced', 'unbalanced'] };

  it('finds, below the searched counterexample, the least one that search missed, and certifies it', () => {
    const r = runCheck(base(lone, { bounds, steps: 2, certify: true }));
    expect(r.counterexample).toMatchObject({
      params: { lB: 3, lA: 1, l0: 1, B: '1', lambdaA: '7/3', lambdaB: '2/3' },
      init: { kind: 'unbalanced', lattice: [4, 0, 0] },
      t: 0,
      certifiedMinimal: true,
    });
    expect(r.minimality?.phase).toBe('certification');
    expect(r.complete).toBe(true);
    const c = r.certification!;
    expect(c).toMatchObject({ certified: true, scope: 'below-counterexample', when: 'after-search' });
    expect(c.invariances.map((i) => i.id).sort()).toEqual(['scale-B', 'scale-rates']);
    expect(c.decided).toBe(c.inScope);
    // Every class with lB = 2 (3 l0 × 269 shares × 40 initial states) lies below it.
    expect(c.decided).toBeGreaterThan(3 * 269 * 40);
  });

  it('searches and certifies only the initial-state kinds asked for (no canonical start with --init unbalanced)', () => {
    const everywhere = { ...planted('everywhere', () => true), invariantUnder: SCALE_FREE };
    const r = runCheck(base(everywhere, { bounds: { ...bounds, inits: ['unbalanced'] }, steps: 2, certify: true }));
    // The least candidate of the space: the least parameters, and the least unbalanced start u = (1, 0).
    expect(r.counterexample).toMatchObject({ params: { lB: 2, lA: 1, l0: 1 }, init: { kind: 'unbalanced', lattice: [1, 0] }, t: 0, certifiedMinimal: true });
    expect(r.certification).toMatchObject({ certified: true, inScope: 0 });
  });

  it('lists on worker threads exactly as in this thread', async () => {
    const workers = new ClassWorkers(2, { modules: [PLANTED_CONFIG] });
    try {
      const request = base(lone, { bounds, steps: 2, certify: true });
      const threaded = await runCheckInWorkers(request, workers);
      const inThread = runCheck(request);
      expect(threaded.counterexample).toEqual(inThread.counterexample);
      expect(threaded.certification).toEqual(inThread.certification);
      // The failing class is decided again in this thread for its witness, but counted once.
      expect(threaded.searched).toEqual(inThread.searched);
    } finally {
      await workers.close();
    }
  });

  it('says how far it got when the time limit stops it', () => {
    let now = 0;
    const clock = () => (now += 1); // one millisecond per reading
    const r = runCheck(base(lone, { bounds, steps: 2, certify: true, timeLimitMs: 20_000, clock }));
    expect(r.complete).toBe(false);
    const c = r.certification!;
    expect(c.certified).toBe(false);
    expect(c.decided).toBeLessThan(c.inScope!);
    expect(c.reached).toBeDefined();
    expect(r.counterexample?.certifiedMinimal).toBe(false);
  });

  it('certifies an unrefuted verdict only when every class of the bounds was decided', () => {
    const never = invariant(planted('planted-never-invariant', () => false));
    const small = { ...bounds, l0: { min: 1, max: 1 }, lB: { min: 2, max: 2 }, latticeMax: 2 };
    const r = runCheck(base(never, { bounds: small, steps: 2, certify: true }));
    // 269 shares × (canonical, 2 balanced, 5 unbalanced): few enough to list outright.
    expect(r).toMatchObject({ verdict: 'unrefuted', complete: true, certification: { scope: 'bounds', certified: true, when: 'listed', classes: 269 * 8, decided: 269 * 8 } });
  });

  it('refuses a declared invariance the conjecture does not have', () => {
    // Fails iff B ≥ 3, declared invariant under scaling B: the least of its class (B = 1) holds.
    const liar = invariant(planted('planted-liar', (p) => p.B.compare(Rational.fromInteger(3)) >= 0));
    expect(() => runCheck(base(liar, { bounds, steps: 1, certify: true }))).toThrow(/declares invariances \(.*scale-B.*\) that do not hold/);
  });
});
