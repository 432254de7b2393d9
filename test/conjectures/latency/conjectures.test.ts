import { describe, expect, it } from 'vitest';
import { Rational } from '../../../models/arithmetic/rational.js';
import { makeTheta, type Theta } from '../../../models/latency/params.js';
import { gridCells, LATENCY_CONJECTURES } from '../../../conjectures/latency/index.js';
import { latAboveAsymptote } from '../../../conjectures/latency/lat-above-asymptote.js';
import { latHighLimitAbs } from '../../../conjectures/latency/lat-high-limit-abs.js';
import { latHighLimit } from '../../../conjectures/latency/lat-high-limit.js';
import { latIdentifiable } from '../../../conjectures/latency/lat-identifiable.js';
import { latLowLimitB } from '../../../conjectures/latency/lat-low-limit-B.js';
import { latLowLimitS } from '../../../conjectures/latency/lat-low-limit-S.js';
import { latLowLimit } from '../../../conjectures/latency/lat-low-limit.js';
import { latNondecreasingB } from '../../../conjectures/latency/lat-nondecreasing-B.js';
import { latNondecreasingS } from '../../../conjectures/latency/lat-nondecreasing-S.js';
import { latPerRequestNonincreasing } from '../../../conjectures/latency/lat-per-request-nonincreasing.js';
import { latPerTokenNonincreasing } from '../../../conjectures/latency/lat-per-token-nonincreasing.js';
import { latPerWorkNonincreasing } from '../../../conjectures/latency/lat-per-work-nonincreasing.js';
import { slaArgminFeasible } from '../../../conjectures/latency/sla-argmin-feasible.js';
import { thrDiminishingReturns } from '../../../conjectures/latency/thr-diminishing-returns.js';
import type { GridConjecture } from '../../../conjectures/latency/types.js';

const base = { Pmax: 10, kB: '1/2', kS: '1/10', w0: 3, w1: 2, tau0: 1, tauB: '1/5', tauS: '1/100' } as const;
const theta = (over: Partial<Record<keyof typeof base, string | number>> = {}): Theta => makeTheta({ ...base, ...over });
const grid = { Bmax: 6, Smax: 12 };

function statuses(c: GridConjecture, t: Theta, g = grid, physical = false) {
  const out = new Map<string, number>();
  for (const p of gridCells(c, { ...g, physical })) {
    const s = c.check(t, p, { physical }).status;
    out.set(s, (out.get(s) ?? 0) + 1);
  }
  return Object.fromEntries(out);
}

describe('registry of seed-003 conjectures', () => {
  it('has every id of SPEC-serving §D with a source and a margin text', () => {
    expect(LATENCY_CONJECTURES.map((c) => c.id)).toEqual([
      'lat-low-limit', 'lat-low-limit-B', 'lat-low-limit-S', 'lat-high-limit', 'lat-high-limit-abs', 'lat-above-asymptote',
      'lat-nondecreasing-B', 'lat-nondecreasing-S', 'lat-per-token-nonincreasing', 'lat-per-request-nonincreasing',
      'lat-per-work-nonincreasing', 'thr-diminishing-returns', 'lat-identifiable', 'sla-argmin-feasible',
    ]);
    for (const c of LATENCY_CONJECTURES) {
      expect(c.source).toMatch(/^003 §/);
      expect(c.margin.length).toBeGreaterThan(10);
    }
  });
});

describe('limit and shape claims, decided from θ (A.3)', () => {
  it('low limits: joint and B → 0⁺ always hold with c = w1/(Pmax·kB·kS)', () => {
    const r = latLowLimit.check(theta(), undefined);
    expect(r.status).toBe('holds');
    // By value: the stored form of an exact value is not part of it.
    expect((r.margin as Rational).equals(Rational.of(2, 1).div(Rational.of(10).mul(Rational.of(1, 2)).mul(Rational.of(1, 10))))).toBe(true);
    expect(String(r.margin)).toBe('4');
    expect(latLowLimitB.check(theta({ w0: 0 }), undefined).status).toBe('holds');
  });
  it('S → 0⁺ holds iff w0 > 0; with w0 = 0 the finite limit is reported', () => {
    expect(latLowLimitS.check(theta(), undefined).status).toBe('holds');
    const r = latLowLimitS.check(theta({ w0: 0 }), { B: 2, S: 1 });
    expect(r.status).toBe('fails');
    // τ0 + τB·B + w1/(Pmax·kS·(1 − e^{−1})) = 1 + 2/5 + 2/(1 − e^{−1}) = 4.56398…
    const [lo, hi] = (r.values.limit as string).slice(1, -1).split(', ').map(Number);
    const exact = 1.4 + 2 / (1 - Math.exp(-1));
    expect(lo).toBeLessThanOrEqual(exact + 1e-12);
    expect(hi).toBeGreaterThanOrEqual(exact - 1e-12);
  });
  it('T/Tlin → 1 holds; T − Tlin → 0 fails with a certified witness far out in S', () => {
    expect(latHighLimit.check(theta(), undefined).status).toBe('holds');
    for (const t of [theta(), theta({ w0: 0, tauB: 0, tauS: 0, tau0: 0 }), theta({ kB: 3, kS: 3 })]) {
      const r = latHighLimitAbs.check(t, { B: 5, S: 5 });
      expect(r.status).toBe('fails');
      expect(Number(r.values.B)).toBeGreaterThanOrEqual(5);
      expect(BigInt(r.values.S as string)).toBeGreaterThanOrEqual(5n);
      expect(Number((r.margin as string).slice(1).split(',')[0])).toBeLessThan(0); // 1 − (T − Tlin) < 0
    }
  });
  it('Thr increasing and concave: holds; identifiability fails by the exact scaling', () => {
    expect(thrDiminishingReturns.check(theta(), undefined).status).toBe('holds');
    const r = latIdentifiable.check(theta(), undefined);
    expect(r.status).toBe('fails');
    expect(r.values['θ′.Pmax']).toEqual(Rational.of(20));
    expect(r.values['θ′.kB']).toEqual(Rational.of(1, 2));
  });
});

describe('grid claims on planted θ', () => {
  it('T > Tlin everywhere, even where the gap is below 10^−1000', () => {
    expect(statuses(latAboveAsymptote, theta())).toEqual({ holds: grid.Bmax * grid.Smax });
    const r = latAboveAsymptote.check(theta({ kB: 100, kS: 100 }), { B: 40, S: 40 });
    expect(r.status).toBe('holds');
    expect(r.margin).toMatch(/e-173[67]\b/); // ≈ (83/10)·2e^{−4000} ≈ 1.6·10^−1736
  });
  it('M1: τB = 0 fails at every cell (Work/Thr falls in B); a large τB holds', () => {
    expect(statuses(latNondecreasingB, theta({ tauB: 0 }))).toEqual({ fails: (grid.Bmax - 1) * grid.Smax });
    expect(statuses(latNondecreasingB, theta({ tauB: 100 }))).toEqual({ holds: (grid.Bmax - 1) * grid.Smax });
  });
  it('M2: w0 = 0 holds everywhere; a large w0 with τS = 0 fails at S = 1', () => {
    expect(statuses(latNondecreasingS, theta({ w0: 0 }))).toEqual({ holds: grid.Bmax * (grid.Smax - 1) });
    expect(latNondecreasingS.check(theta({ w0: 100, tauS: 0 }), { B: 1, S: 1 }).status).toBe('fails');
  });
  it('M3 and M4 hold at every cell for any θ', () => {
    for (const t of [theta(), theta({ w0: 0, tau0: 0, tauB: 0, tauS: 0 }), theta({ kB: '1/100', kS: 5 })]) {
      expect(statuses(latPerTokenNonincreasing, t)).toEqual({ holds: grid.Bmax * (grid.Smax - 1) });
      expect(statuses(latPerRequestNonincreasing, t)).toEqual({ holds: (grid.Bmax - 1) * grid.Smax });
    }
  });
  it('M5 holds when τS·w0 ≤ w1(τ0 + τB·B) and fails at large S otherwise', () => {
    expect(statuses(latPerWorkNonincreasing, theta())).toEqual({ holds: grid.Bmax * (grid.Smax - 1) });
    const bad = theta({ tau0: 0, tauB: 0, tauS: 1, w0: 5 });
    expect(latPerWorkNonincreasing.check(bad, { B: 1, S: 300 }).status).toBe('fails');
  });
  it('physical: cells whose neighbour leaves S ≥ B are vacuous, and gridCells skips them', () => {
    expect(latNondecreasingB.check(theta(), { B: 3, S: 3 }, { physical: true }).status).toBe('vacuous');
    expect(gridCells(latNondecreasingB, { Bmax: 4, Smax: 4, physical: true }).every((p) => p.S >= p.B + 1)).toBe(true);
  });
});

describe('sla-argmin-feasible', () => {
  it('holds when the closest latency is below the target, fails when above (both occur)', () => {
    const t = theta();
    const seen = new Set<string>();
    for (let k = 0; k < 40 && seen.size < 2; k++) {
      const r = slaArgminFeasible.check(t, { B: 2, target: Rational.of(30 + k, 5) });
      seen.add(r.status);
      if (r.status !== 'undecided') {
        const [lo, hi] = (r.margin as string).slice(1, -1).split(', ').map(Number);
        expect(r.status === 'holds' ? lo > 0 : hi < 0).toBe(true);
      }
    }
    expect([...seen].sort()).toEqual(['fails', 'holds']);
  });
});
