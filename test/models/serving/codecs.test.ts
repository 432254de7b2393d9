import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rational } from '../../../models/arithmetic/rational.js';
import { candidateArb } from '../../../models/serving/arbitraries.js';
import { expectedWork, generateRequests, parseLengthDistribution } from '../../../models/serving/generator.js';
import { FluidEstimator, controlsOf, fluidDerivative, fluidDerivativeIteration, loadRho, tau } from '../../../models/serving/fluid.js';
import { parseServingParams } from '../../../models/serving/params.js';
import { formatRequestsCsv, parseRequestsCsv } from '../../../models/serving/request.js';
import { seededRng } from '../../../models/serving/rng.js';
import { collectRun } from '../../../models/serving/simulator.js';
import { compareCandidates, decodeCandidate, encodeCandidate, neighbours } from '../../../models/serving/workload.js';
import { params, req } from './support.js';

describe('serving parameters (§B.1)', () => {
  it('parses exact values and names the parameter, rule and value on errors', () => {
    const p = parseServingParams({ M: '2000', B: 600, d0: '0.03', d1: '1/1000' });
    expect([p.M, p.B, p.d0.toString(), p.d1.toString()]).toEqual([2000, 600, '3/100', '1/1000']);
    expect(() => parseServingParams({ M: '0', B: 1, d0: 1, d1: 0 })).toThrow('serving parameter M must be an integer ≥ 1 (got "0")');
    expect(() => parseServingParams({ M: 1, B: 1.5, d0: 1, d1: 0 })).toThrow(/parameter B must be an integer ≥ 1/);
    expect(() => parseServingParams({ M: 1, B: 1, d0: '-1', d1: 2 })).toThrow('serving parameter d0 must be ≥ 0 (got -1)');
    expect(() => parseServingParams({ M: 1, B: 1, d0: 0, d1: 0 })).toThrow(/d0 \+ d1 > 0/);
    expect(() => parseServingParams({ M: 1, B: 1, d0: 'x', d1: 0 })).toThrow(/d0 must be a rational/);
    expect(() => parseServingParams({ M: 1, B: 1, d0: 1, d1: undefined })).toThrow(/d1 is required/);
  });
});

describe('requests CSV (§B.1)', () => {
  it('reads the seed example with spaces exactly, ids by data row', () => {
    const rs = parseRequestsCsv('arrival_time, prefill_length, decode_length\n0.0, 50, 20\n0.5, 100, 30\n\n1.2, 75, 25\n');
    expect(rs.map((r) => [r.id, r.arrival.toString(), r.prefill, r.decode])).toEqual([
      [0, '0', 50, 20],
      [1, '1/2', 100, 30],
      [2, '6/5', 75, 25],
    ]);
  });
  it.each([
    ['arrival_time,prefill_length\n', 'x.csv line 1, column 1: expected the header'],
    ['arrival_time,prefill,decode_length\n', 'x.csv line 1, column 14: unknown column "prefill"'],
    ['arrival_time,prefill_length,decode_length\n0,1,1\n1, 0, 2\n', 'x.csv line 3, column 4: prefill_length must be an integer ≥ 1, got "0"'],
    ['arrival_time,prefill_length,decode_length\n-1,1,1\n', 'x.csv line 2, column 1: arrival_time must be ≥ 0, got "-1"'],
    ['arrival_time,prefill_length,decode_length\nabc,1,1\n', 'x.csv line 2, column 1: arrival_time must be a decimal'],
    ['arrival_time,prefill_length,decode_length\n1,1\n', 'x.csv line 2, column 4: expected 3 fields'],
    ['arrival_time,prefill_length,decode_length\n1,2,3,4\n', 'x.csv line 2, column 6: expected 3 fields'],
    ['', 'x.csv: empty file'],
  ])('%j → one-line error with line and column', (text, message) => {
    let err: Error | null = null;
    try {
      parseRequestsCsv(text, 'x.csv');
    } catch (e) {
      err = e as Error;
    }
    expect(err?.name).toBe('InputError');
    expect(err?.message).toContain(message);
    expect(err?.message).not.toContain('\n');
  });
  it('round-trips through formatRequestsCsv', () => {
    fc.assert(
      fc.property(candidateArb(), ({ requests }) => {
        expect(parseRequestsCsv(formatRequestsCsv(requests))).toEqual(requests);
      }),
      { seed: 2, numRuns: 100 },
    );
  });
});

describe('workload order and neighbours', () => {
  it('every neighbour is valid and strictly smaller; the codec round-trips', () => {
    fc.assert(
      fc.property(candidateArb(), (c) => {
        expect(compareCandidates(c, c)).toBe(0);
        expect(compareCandidates(decodeCandidate(JSON.parse(JSON.stringify(encodeCandidate(c)))), c)).toBe(0);
        const ns = neighbours(c);
        for (const n of ns) {
          expect(compareCandidates(n, c)).toBe(-1);
          expect(compareCandidates(c, n)).toBe(1);
          n.requests.forEach((r, i) => expect(r.id).toBe(i));
        }
        if (c.requests.length > 1) expect(ns.length).toBeGreaterThan(0);
      }),
      { seed: 9, numRuns: 150 },
    );
  });
  it('orders by request count before total length before M', () => {
    const a = { params: params(50, 50, '1', '0'), requests: [req(0, '0', 9, 9)] };
    const b = { params: params(1, 1, '1', '0'), requests: [req(0, '0', 1, 1), req(1, '0', 1, 1)] };
    const c = { params: params(1, 50, '1', '0'), requests: [req(0, '0', 9, 9)] };
    expect(compareCandidates(a, b)).toBe(-1);
    expect(compareCandidates(c, a)).toBe(-1);
  });
});

describe('workload generator', () => {
  it('is reproducible from the seed, exact on the grid, and deterministic arrivals are i/λ', () => {
    const spec = { arrivals: 'poisson' as const, rate: Rational.parse('2'), grid: 100, prefill: parseLengthDistribution('p', '4:1,8:3'), decode: parseLengthDistribution('d', '3'), count: 200 };
    const a = [...generateRequests(spec, seededRng(5))];
    expect([...generateRequests(spec, seededRng(5))]).toEqual(a);
    expect(a).toHaveLength(200);
    for (const r of a) expect(100n % r.arrival.den).toBe(0n);
    for (let i = 1; i < a.length; i++) expect(a[i].arrival.compare(a[i - 1].arrival)).toBe(1);
    const det = [...generateRequests({ ...spec, arrivals: 'deterministic', rate: Rational.parse('2/3'), count: 3 }, seededRng(1))];
    expect(det.map((r) => r.arrival.toString())).toEqual(['0', '3/2', '3']);
    expect(() => parseLengthDistribution('--prefill', '4:0')).toThrow('--prefill: every weight must be an integer ≥ 1 (got 0 in "4:0")');
  });
  it('E[w] and ρ (§C.4) exactly', () => {
    // p ∈ {4 (1/4), 8 (3/4)}: E[p] = 7; d = 3: E[w] = 3·7 + 6 = 27.
    const Ew = expectedWork(parseLengthDistribution('p', '4:1,8:3'), parseLengthDistribution('d', '3'));
    expect(Ew.toString()).toBe('27');
    // C = min(B, M) = 10: ρ = λ·27·(1/2 + 10/100)/10 with λ = 1/3.
    expect(loadRho(params(10, 30, '1/2', '1/100'), Rational.parse('1/3'), Ew).toString()).toBe('27/50');
  });
});

describe('fluid model', () => {
  it('estimates per window exactly (§C.2), nulls for 0/0', () => {
    const { events } = collectRun(params(100, 100, '1', '0'), [req(0, '0', 2, 2), req(1, '0', 3, 1), req(2, '12', 2, 1)]);
    const est = new FluidEstimator(Rational.fromInteger(10));
    for (const e of events) if (e.kind !== 'end') est.onEvent(e);
    const r = est.finish();
    expect(r.windows).toHaveLength(2);
    const w0 = r.windows[0];
    // Window [0,10): 2 arrivals, 2 admissions (lengths 2 and 3); batches at t=0 (lengths 2, 3) and t=1 (length 3).
    expect([w0.lambda, w0.Sq].map(String)).toEqual(['1/5', '1/5']);
    expect(w0.p.map((x) => x?.toString() ?? null)).toEqual([null, '0', '1/2', '1/2']);
    expect(w0.exposure).toEqual([0, 0, 1, 2]);
    // Completions by last executed length: request 1 at 3 (t=1), request 0 at 2 + 2 − 1 = 3 (t=2).
    expect(w0.q.map((x) => x?.toString() ?? null)).toEqual([null, null, '0', '1']);
    expect(r.windows[1].q[1]).toBeNull();
  });
  it('the iteration-clock right-hand side is τ times the time one (§C.3)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 5, noNaN: true }), { minLength: 7, maxLength: 7 }), fc.double({ min: 0, max: 1, noNaN: true }), (y, sq) => {
        const L = 3;
        const c = { lambda: 1.5, Sq: sq, SZ: Float64Array.from([0, 0.1, 0, 0.2]), p: Float64Array.from([0, 0.5, 0.5, 0]), q: Float64Array.from([0, 0, 0.3, 1]), r: Float64Array.from([0, 0.1, 0.1, 0]) };
        const dt = fluidDerivative(y, c, L, 0.5, 0.01);
        const ds = fluidDerivativeIteration(y, c, L, 0.5, 0.01);
        const T = tau(y, L, 0.5, 0.01);
        ds.forEach((v, i) => expect(v).toBeCloseTo(T * dt[i], 9));
      }),
      { seed: 4, numRuns: 50 },
    );
  });
  it('controls fall back to pooled q, r when a window saw no exposure', () => {
    const { events } = collectRun(params(100, 100, '1', '0'), [req(0, '0', 2, 1), req(1, '25', 5, 1)]);
    const est = new FluidEstimator(Rational.fromInteger(10));
    for (const e of events) if (e.kind !== 'end') est.onEvent(e);
    const r = est.finish();
    const c = controlsOf(r, 1);
    expect(c.q[2]).toBe(1);
    expect(c.Sq).toBe(0);
  });
});
