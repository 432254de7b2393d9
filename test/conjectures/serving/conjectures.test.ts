import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCandidate } from '../../../conjectures/serving/evaluate.js';
import { SERVING_RUN_CONJECTURES } from '../../../conjectures/serving/registry.js';
import { stabilityDecision as stabilityThreshold } from '../../../conjectures/serving/stability-threshold.js';
import { fluidLimitVerdict as fluidLimit } from '../../../conjectures/serving/fluid-limit.js';
import type { ServingRunConjecture } from '../../../conjectures/serving/types.js';
import { Rational } from '../../../models/arithmetic/rational.js';
import { candidateArb } from '../../../models/serving/arbitraries.js';
import { fixedLength } from '../../../models/serving/generator.js';
import { compareCandidates, neighbours, type ServingCandidate } from '../../../models/serving/workload.js';
import { params, req } from '../../models/serving/support.js';

const byId = (id: string) => SERVING_RUN_CONJECTURES.find((c) => c.id === id)!;
const verdict = (id: string, c: ServingCandidate) => checkCandidate([byId(id)], c)[0];

/** Greedy descent through `neighbours` while the conjecture still fails. */
function shrink(id: string, c: ServingCandidate): ServingCandidate {
  for (;;) {
    const next = neighbours(c).find((n) => verdict(id, n).status === 'fails');
    if (!next) return c;
    c = next;
  }
}

describe('seed-004 conjectures: every id of SPEC-serving §D, documented', () => {
  it('has the §D ids with statement, source, margin and scope', () => {
    expect(SERVING_RUN_CONJECTURES.map((c) => c.id)).toEqual([
      'conservation', 'memory-bound', 'fcfs-first-admission', 'lifo-victim', 'lifo-victim-strict', 'swapped-priority',
      'running-protected', 'minimal-eviction', 'no-stall', 'batch-clock', 'little-exact', 'little-snapshot',
    ]);
    for (const c of [...SERVING_RUN_CONJECTURES, fluidLimit, stabilityThreshold]) {
      expect(c.statement.length).toBeGreaterThan(5);
      expect(c.source).toMatch(/^004/);
      expect(c.margin.length).toBeGreaterThan(5);
    }
  });
});

describe('conjectures that follow from §B hold on random runs', () => {
  const holding = ['conservation', 'memory-bound', 'fcfs-first-admission', 'lifo-victim', 'no-stall', 'little-exact'];
  it.each(holding)('%s never fails', (id) => {
    fc.assert(
      fc.property(candidateArb({ maxM: 25 }), (c) => {
        const v = verdict(id, c);
        expect(v.status).not.toBe('fails');
      }),
      { seed: 17, numRuns: 200 },
    );
  });
});

describe('conjectures the seeds state but §B breaks: hand-made witnesses', () => {
  it('lifo-victim-strict fails when two requests entered R at the same time', () => {
    const c = { params: params(6, 100, '1', '0'), requests: [req(0, '0', 2, 3), req(1, '0', 2, 3)] };
    const v = verdict('lifo-victim-strict', c);
    expect(v.status).toBe('fails');
    expect(v.outcome!.margin!.toString()).toBe('-1');
    expect(v.outcome!.positions).toMatchObject({ victim: 0, index: 0, runningSize: 2, batch: 1 });
    expect(verdict('lifo-victim', c).status).toBe('holds');
  });

  it('swapped-priority fails when W passes the blocked head of Z', () => {
    const c = { params: params(4, 10, '1', '0'), requests: [req(0, '0', 2, 3), req(1, '1', 1, 1)] };
    const v = verdict('swapped-priority', c);
    expect(v.status).toBe('fails');
    expect(v.outcome!.positions).toMatchObject({ batch: 2, admittedIds: [1] });
  });

  it('batch-clock fails across an idle gap, by the gap', () => {
    const c = { params: params(10, 10, '1', '0'), requests: [req(0, '0', 1, 1), req(1, '5', 1, 1)] };
    const v = verdict('batch-clock', c);
    expect(v.status).toBe('fails');
    expect(v.outcome!.margin!.toString()).toBe('-4');
  });

  it('little-snapshot misses the wait of a request arriving mid-batch', () => {
    const c = { params: params(10, 100, '1', '1/10'), requests: [req(0, '0', 3, 2), req(1, '0', 4, 1), req(2, '0.5', 2, 2)] };
    const v = verdict('little-snapshot', c);
    expect(v.status).toBe('fails');
    // Σ(c − a) = 109/10, snapshot sum = 95/10 (see the hand-computed run).
    expect(v.outcome!.margin!.toString()).toBe('-7/5');
    expect(verdict('little-exact', c).status).toBe('holds');
  });
});

describe('the search finds what the rules imply (nothing hard-coded)', () => {
  const failing = ['running-protected', 'minimal-eviction', 'swapped-priority', 'lifo-victim-strict', 'batch-clock', 'little-snapshot'];
  it.each(failing)('%s: random search refutes it and neighbours shrink the witness strictly', (id) => {
    const found = fc.sample(candidateArb({ maxM: 25, maxRequests: 6 }), { seed: 1, numRuns: 3000 }).find((c) => verdict(id, c).status === 'fails') ?? null;
    expect(found, `no counterexample to ${id} in 3000 candidates`).not.toBeNull();
    const small = shrink(id, found!);
    expect(verdict(id, small).status).toBe('fails');
    expect(compareCandidates(small, found!)).toBeLessThanOrEqual(0);
    for (const n of neighbours(small)) expect(verdict(id, n).status).not.toBe('fails');
  });
});

describe('a planted conjecture with a known minimal counterexample', () => {
  // Fails iff some request has decode ≥ 3: the least failing candidate is one request (0, 1, 3) with M = B = 1… but M must fit nothing; any params do.
  const planted: ServingRunConjecture = {
    id: 'planted-decode-3',
    statement: 'no request has d ≥ 3',
    source: '004 test',
    scope: 'event',
    margin: '2 − d',
    start: () => ({
      event: (e) => (e.kind === 'memory' && e.type === 'arrival' ? { status: e.request.decode >= 3 ? 'fails' : 'holds', margin: Rational.fromInteger(2 - e.request.decode), values: {} } : null),
      finish: () => null,
    }),
  };
  it('shrinks to one request with p = 1, d = 3, M = B = 1, d0 = 0, d1 = 1, a = 0', () => {
    const check = (c: ServingCandidate) => checkCandidate([planted], c)[0].status === 'fails';
    let c: ServingCandidate = { params: params(17, 9, '5/2', '3/4'), requests: [req(0, '7/3', 5, 2), req(1, '4', 6, 8), req(2, '9/2', 2, 1)] };
    expect(check(c)).toBe(true);
    for (;;) {
      const next = neighbours(c).find(check);
      if (!next) break;
      expect(compareCandidates(next, c)).toBe(-1);
      c = next;
    }
    expect(c.requests.map((r) => [r.arrival.toString(), r.prefill, r.decode])).toEqual([['0', 1, 3]]);
    expect([c.params.M, c.params.B, c.params.d0.toString(), c.params.d1.toString()]).toEqual([1, 1, '0', '1']);
  });
});

describe('family conjectures decide only with a certificate', () => {
  const spec = (rate: string) => ({ arrivals: 'deterministic' as const, rate: Rational.parse(rate), grid: 1, prefill: fixedLength(2), decode: fixedLength(2) });
  it('stability-threshold: a light periodic load repeats exactly (bounded, ρ < 1 → holds)', () => {
    const o = stabilityThreshold.check({ params: params(20, 20, '1', '0'), spec: spec('1/4'), maxBatches: 1000 });
    expect(o.status).toBe('holds');
    expect(o.note).toMatch(/bounded/);
    // ρ = λ·E[w]·(d0 + d1·C)/C = (1/4)·(2·2 + 3)·1/20.
    expect(o.values.rho!.toString()).toBe('7/80');
  });
  it('stability-threshold: an overload with a stall is certified linear growth (ρ > 1 → holds)', () => {
    const o = stabilityThreshold.check({ params: params(3, 3, '1', '0'), spec: { ...spec('1'), prefill: fixedLength(3) }, maxBatches: 1000 });
    expect(o.status).toBe('holds');
    expect(o.note).toMatch(/linear growth/);
  });
  it('stability-threshold: random arrivals are undecided', () => {
    const o = stabilityThreshold.check({ params: params(20, 20, '1', '0'), spec: { ...spec('1/4'), arrivals: 'poisson', grid: 100 }, maxBatches: 100 });
    expect(o.status).toBe('undecided');
  });
  it('fluid-limit is undecided whatever the distances', () => {
    expect(fluidLimit.check({ scales: [1, 10], distances: [1, 0.1] }).status).toBe('undecided');
    expect(fluidLimit.check({ scales: [1, 10], distances: [0.1, 1] }).note).toMatch(/do not decrease/);
  });
});
