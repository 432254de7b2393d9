import { describe, expect, it } from 'vitest';
import { exactArithmetic, Rational } from '../../models/arithmetic/index.js';
import { parameterContext } from '../../models/theory-simulation/context.js';
import type { CoupledRecord } from '../../models/theory-simulation/coupled.js';
import { validateParams } from '../../models/theory-simulation/params.js';
import { registry } from '../../conjectures/registry.js';
import type { Outcome } from '../../conjectures/support/outcome.js';
import { PerTypeStepView, StepView } from '../../models/theory-simulation/step-view.js';
import type { TieRule } from '../../conjectures/support/tie-rule.js';
import type { StepConjecture, TrajectoryConjecture } from '../../conjectures/types.js';
import { evaluateCell } from '../../harness/engine/cell.js';

const R = (xs: string[]) => xs.map((x) => Rational.parse(x));
const params = validateParams({ l0: 10, lA: 2, lB: 3, B: 60, lambdaA: 1, lambdaB: 1 });
const ctx = parameterContext(exactArithmetic, params);

/** A hand-made coupled state (values need not come from a run: predicates are pure functions of it). */
function view(theory: string[], simulation: string[], extra: Partial<CoupledRecord<Rational>> = {}): StepView<Rational> {
  const zeros = R(['0', '0', '0']);
  return new StepView(ctx, {
    t: 5,
    theory: R(theory),
    simulation: R(simulation),
    theoryAdmission: Rational.ZERO,
    desired: Rational.ZERO,
    simAdmission: Rational.ZERO,
    simAdvanced: zeros,
    eviction: zeros,
    evicted: false,
    cohortEviction: zeros,
    ...extra,
  });
}

function step(id: string, v: StepView<Rational>, tie: TieRule = 'all'): Outcome<Rational> {
  return (registry.get(id) as StepConjecture<'theory-simulation'>).check(v, { tie });
}

describe('tie rules on m = argmax Mˢ and n = argmin Mˢ', () => {
  // Mˢ = (1, 0, 1): m ∈ {0, 2}, n = 1. Mᵀ = (2, 0, 0): Δ = (1, 0, −1).
  const tied = view(['2', '0', '0'], ['1', '0', '1']);

  it('delta-at-argmax: all fails on the worst tied m, any holds on the best, first looks at m = 0', () => {
    expect(step('delta-at-argmax', tied, 'all')).toMatchObject({ status: 'fails', positions: { m: 2 }, tie: true });
    expect(step('delta-at-argmax', tied, 'all').margin!.toString()).toBe('-1');
    expect(step('delta-at-argmax', tied, 'any')).toMatchObject({ status: 'holds', positions: { m: 0 } });
    expect(step('delta-at-argmax', tied, 'first')).toMatchObject({ status: 'holds', positions: { m: 0 } });
  });

  it('delta-argmax-ge-argmin reports the case of the deciding pair', () => {
    // Pairs: (0,1): Δ0 − Δ1 = 1, case A (Δm ≥ 0, Δn ≤ 0); (2,1): −1, case C (Δm < 0, Δn ≤ 0).
    expect(step('delta-argmax-ge-argmin', tied, 'all')).toMatchObject({ status: 'fails', case: 'C', positions: { m: 2, n: 1 } });
    expect(step('delta-argmax-ge-argmin', tied, 'any')).toMatchObject({ status: 'holds', case: 'A', positions: { m: 0, n: 1 } });
    expect(step('delta-argmax-ge-argmin', tied, 'first')).toMatchObject({ status: 'holds', case: 'A' });
  });

  it('case-d-impossible fails exactly in case D', () => {
    // Mˢ = (3, 1, 2): m = 0, n = 1; Mᵀ = (2, 2, 2): Δ = (−1, 1, 0) → Δm < 0 and Δn > 0.
    const d = step('case-d-impossible', view(['2', '2', '2'], ['3', '1', '2']));
    expect(d).toMatchObject({ status: 'fails', case: 'D' });
    expect(d.margin!.toString()).toBe('-1'); // max(Δm, −Δn) = max(−1, −1)
    // Δ = (−1, 0, 1): case C, which case-d-impossible allows.
    expect(step('case-d-impossible', view(['2', '1', '3'], ['3', '1', '2']))).toMatchObject({ status: 'holds', case: 'C' });
  });

  it('argmax-never-evicted reads the cohort eviction at every tied m', () => {
    const lost = view(['1', '0', '1'], ['1', '0', '1'], { cohortEviction: R(['0', '0', '1/3']) });
    expect(step('argmax-never-evicted', lost, 'all')).toMatchObject({ status: 'fails', positions: { m: 2 } });
    expect(step('argmax-never-evicted', lost, 'first').status).toBe('holds');
  });
});

describe('margins of the spread and extremum conjectures (hand values)', () => {
  // Mᵀ = (3, −1, 2), Mˢ = (2, 0, 2): Gᵀ = 4, Gˢ = 2; Δ = (1, −1, 0).
  const v = view(['3', '-1', '2'], ['2', '0', '2']);
  it.each([
    ['g-dominance', '2', 'holds'],
    ['max-dominance', '1', 'holds'],
    ['min-dominance', '1', 'holds'],
    ['componentwise-dominance', '-1', 'fails'],
  ])('%s: margin %s, %s', (id, margin, status) => {
    const o = step(id, v);
    expect(o.margin!.toString()).toBe(margin);
    expect(o.status).toBe(status);
  });
});

/** Outcomes of one conjecture on a real run. */
function run(id: string, raw: Record<string, unknown>, steps: number, init: { kind: 'canonical' } | { kind: 'per-type'; X0: { A: Rational[]; B: Rational[] } } = { kind: 'canonical' }) {
  const p = validateParams(raw);
  const out: { t: number; o: Outcome<Rational> }[] = [];
  evaluateCell(parameterContext(exactArithmetic, p), (c) => registry.familyOf(c), [{ conjecture: registry.get(id), options: { tie: 'all' } }], { params: p, init, steps }, (_, t, o: Outcome<Rational>) => {
    out.push({ t, o });
  }, (_, t, e) => {
    throw new Error(`t=${t}: ${String(e)}`);
  });
  return out;
}

describe('conjectures on real runs', () => {
  const stable = { l0: 10, lA: 2, lB: 5, B: 60, lambdaA: 1, lambdaB: 1 };
  const unstable = { l0: 1, lA: 1, lB: 3, B: 1, lambdaA: 1, lambdaB: 1 }; // F = 2λ² + 3λ/2 + 2: |roots| = 1

  it('token-balance starts at t = 1 and holds with margin exactly 0', () => {
    const out = run('token-balance', stable, 20);
    expect(out.map(({ t }) => t)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(out.every(({ o }) => o.status === 'holds' && o.margin!.isZero())).toBe(true);
  });

  it('energy-decomposition is an exact identity (margin 0) when A is stable', () => {
    const out = run('energy-decomposition', stable, 30);
    expect(out).toHaveLength(31);
    expect(out.every(({ o }) => o.margin!.isZero())).toBe(true);
  });

  it('P-based conjectures are vacuous, not passing, when A is not stable', () => {
    for (const id of ['inner-product-nonneg', 'v-dominance', 'energy-decomposition', 'convergence']) {
      const out = run(id, unstable, 10);
      expect(out.length).toBeGreaterThan(0);
      expect(out.every(({ o }) => o.status === 'vacuous')).toBe(true);
    }
  });

  it('eviction-step conjectures are evaluated only at eviction steps', () => {
    // Dataset 1 from the canonical start: the first step evicts (seed 002 §3.3).
    const out = run('eviction-step-lemma', stable, 30);
    expect(out.length).toBeGreaterThan(0);
    expect(out[0].t).toBe(1);
    const all = run('g-dominance', stable, 30).length;
    expect(out.length).toBeLessThan(all);
  });

  it('the eviction-step lemma is ⟨xˢ, Δ⟩_P when Δ was 0 before the step (seed 001 §6.4)', () => {
    // At t = 1 both runs left the same state, so Δ = ã·e₀ + e and the two margins coincide.
    const lemma = run('eviction-step-lemma', stable, 1)[0].o;
    const inner = run('inner-product-nonneg', stable, 1).find(({ t }) => t === 1)!.o;
    expect(lemma.margin!.equals(inner.margin!)).toBe(true);
  });

  it('coprime-stable: vacuous when gcd(lA, lB) > 1; refuted where F has a root on the unit circle', () => {
    expect(run('coprime-stable', { ...stable, lA: 2, lB: 4 }, 0)[0].o.status).toBe('vacuous');
    // lA=1, lB=2, l0=1, p=1/3: W = (2, 3·2/3) = (2, 2), F = 2λ + 2, root −1: ρ(A) = 1.
    const edge = run('coprime-stable', { l0: 1, lA: 1, lB: 2, B: 1, lambdaA: '1/3', lambdaB: '2/3' }, 0)[0].o;
    expect(edge.status).toBe('fails');
    expect(edge.margin!.toString()).toBe('0');
    expect(run('coprime-stable', stable, 0)[0].o.status).toBe('holds');
  });

  it('charpoly-identity and lyapunov-structure hold on a stable parameter set', () => {
    expect(run('charpoly-identity', stable, 0)[0].o).toMatchObject({ status: 'holds' });
    const ly = run('lyapunov-structure', stable, 0)[0].o;
    expect(ly.status).toBe('holds');
    expect(ly.margin!.sign()).toBe(1);
  });

  it('convergence is certified on dataset 1, undecided on a horizon too short for a certificate', () => {
    const certified = run('convergence', stable, 200);
    expect(certified).toHaveLength(1);
    expect(certified[0].o.status).toBe('holds');
    expect(certified[0].o.positions!.certifiedAt).toBe(certified[0].t);
    const short = run('convergence', stable, 1);
    expect(short).toEqual([{ t: 1, o: expect.objectContaining({ status: 'undecided' }) }]);
  });

  it('merged-equals-per-type is vacuous from a non-proportional start and holds from a proportional one', () => {
    // p = q = 1/2, so stage 1 with X_A = 2, X_B = 1 is not proportional (2·q ≠ 1·p).
    const X0 = { A: R(['1', '2']), B: R(['1', '1', '1', '1', '1']) };
    const vac = run('merged-equals-per-type', stable, 10, { kind: 'per-type', X0 });
    expect(vac).toEqual([{ t: 0, o: expect.objectContaining({ status: 'vacuous' }) }]);
    const ok = run('merged-equals-per-type', stable, 10);
    expect(ok).toHaveLength(11);
    expect(ok.every(({ o }) => o.status === 'holds')).toBe(true);
  });

  it('merged-equals-per-type fails where a merged view differs, with the difference as its margin (planted)', () => {
    // The per-type Simulation's merged view at t = 3 moved by 1/7 in one stage: only that state fails.
    const p = validateParams(stable);
    const family = registry.family('theory-simulation-per-type');
    const views = [...family.run(parameterContext(exactArithmetic, p), { kind: 'canonical' }, 6)] as PerTypeStepView<Rational>[];
    const planted = views.map((v) => {
      if (v.t !== 3) return v;
      const moved = v.record.simulationMerged.map((x, s) => (s === 2 ? x.add(Rational.of(1, 7)) : x));
      return new PerTypeStepView(v.ctx, { ...v.record, simulationMerged: moved });
    });
    const conjecture = registry.get('merged-equals-per-type') as TrajectoryConjecture<'theory-simulation-per-type'>;
    const checker = conjecture.start(planted[0], { tie: 'all' });
    const outcomes = planted.map((v) => checker.step(v)!);
    expect(outcomes.map((o) => o.status)).toEqual(['holds', 'holds', 'holds', 'fails', 'holds', 'holds', 'holds']);
    expect(outcomes[3].margin!.toString()).toBe('-1/7');
  });

  it('proportional-after-warmup checks both models from t = max(lA, lB) on', () => {
    const X0 = { A: R(['1', '2']), B: R(['1', '1', '1', '1', '1']) }; // not proportional at t = 0
    const out = run('proportional-after-warmup', stable, 12, { kind: 'per-type', X0 });
    expect(out.map(({ t }) => t)).toEqual([5, 6, 7, 8, 9, 10, 11, 12]);
    expect(out.every(({ o }) => o.status === 'holds')).toBe(true);
  });

  it('g-time-average accumulates from t = 0 and reports each horizon', () => {
    const out = run('g-time-average', stable, 10);
    expect(out).toHaveLength(11);
    expect(out[0].o.margin!.isZero()).toBe(true); // Δ(0) = 0: equal spreads at t = 0
  });
});
