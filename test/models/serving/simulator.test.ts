import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rational } from '../../../models/arithmetic/rational.js';
import { candidateArb } from '../../../models/serving/arbitraries.js';
import { MetricsFold } from '../../../models/serving/metrics.js';
import { collectRun, simulate, simulateList } from '../../../models/serving/simulator.js';
import type { EndEvent } from '../../../models/serving/events.js';
import { referenceRun } from '../../support/serving-reference.js';
import { asReference, params, q, req } from './support.js';

describe('serving simulator: hand-computed runs (SPEC-serving §B)', () => {
  it('three requests, no memory pressure: every snapshot, event and trace', () => {
    const p = params(10, 100, '1', '1/10');
    const rs = [req(0, '0', 3, 2), req(1, '0', 4, 1), req(2, '0.5', 2, 2)];
    const run = asReference(p, rs);
    expect(run.snapshots).toEqual([
      { time: '0', batch: 0, count: 2, tokens: 9, running: 2, waiting: 0, swapped: 0, G: 7, duration: '19/10', completed: 0 },
      { time: '19/10', batch: 1, count: 1, tokens: 5, running: 1, waiting: 1, swapped: 0, G: 4, duration: '3/2', completed: 1 },
      { time: '17/5', batch: 2, count: 1, tokens: 3, running: 1, waiting: 0, swapped: 0, G: 2, duration: '13/10', completed: 2 },
      { time: '47/10', batch: 3, count: 1, tokens: 4, running: 1, waiting: 0, swapped: 0, G: 3, duration: '7/5', completed: 2 },
    ]);
    expect(run.memory).toEqual([
      'arrival 0 0 0 0 0 0',
      'arrival 0 0 1 0 0 0',
      'admit 0 0 0 0 3 3',
      'admit 0 0 1 0 4 7',
      'completion 19/10 1 1 1 -5 4',
      'arrival 1/2 1 2 0 0 4',
      'completion 17/5 2 0 2 -5 0',
      'admit 17/5 2 2 0 2 2',
      'completion 61/10 4 2 2 -4 0',
    ]);
    expect(run.traces).toEqual([
      { id: 1, completion: '19/10', waiting: '0', swaps: 0, swappedTime: '0' },
      { id: 0, completion: '17/5', waiting: '0', swaps: 0, swappedTime: '0' },
      { id: 2, completion: '61/10', waiting: '29/10', swaps: 0, swappedTime: '0' },
    ]);
    expect(run.end).toBe('61/10');
    expect(run.stalled).toBe(false);
  });

  it('memory pressure: equal entry times evict the earliest admitted; a blocked Z waits', () => {
    const p = params(6, 100, '1', '0');
    const run = asReference(p, [req(0, '0', 2, 3), req(1, '0', 2, 3)]);
    expect(run.memory).toEqual([
      'arrival 0 0 0 0 0 0',
      'arrival 0 0 1 0 0 0',
      'admit 0 0 0 0 2 2',
      'admit 0 0 1 0 2 4',
      'swap_out 1 1 0 1 -3 3',
      'completion 3 3 1 3 -5 0',
      'swap_in 3 3 0 1 3 3',
      'completion 5 5 0 3 -5 0',
    ]);
    expect(run.snapshots.map((s) => [s.time, s.tokens, s.running, s.swapped, s.G])).toEqual([
      ['0', 6, 2, 0, 4],
      ['1', 4, 1, 1, 3],
      ['2', 5, 1, 1, 4],
      ['3', 4, 1, 0, 3],
      ['4', 5, 1, 0, 4],
    ]);
    expect(run.traces).toEqual([
      { id: 1, completion: '3', waiting: '0', swaps: 0, swappedTime: '0' },
      { id: 0, completion: '5', waiting: '0', swaps: 1, swappedTime: '2' },
    ]);
  });

  it('the batch budget: E is the longest prefix within B, or the head alone', () => {
    const run = asReference(params(100, 5, '0', '1'), [req(0, '0', 7, 1), req(1, '0', 1, 1), req(2, '0', 1, 1)]);
    // head alone exceeds B = 5: E = [0] with 8 tokens; then [1, 2] with 4 tokens.
    expect(run.snapshots.map((s) => [s.count, s.tokens, s.duration])).toEqual([
      [1, 8, '8'],
      [2, 4, '4'],
    ]);
  });

  it('a request with p + d > M never completes and the run ends stalled (W passes the blocked head of Z first)', () => {
    // r0 is evicted at t = 2 (need = 4 + 1 − 4); r1 is then admitted past it and completes.
    const { end, events } = collectRun(params(4, 10, '1', '0'), [req(0, '0', 2, 3), req(1, '1', 1, 1)]);
    expect(end.stalled).toBe(true);
    expect(end.incomplete).toEqual([0]);
    expect(events.filter((e) => e.kind === 'complete').map((e) => (e.kind === 'complete' ? [e.trace.request.id, e.trace.completion.toString()] : []))).toEqual([[1, '3']]);
    expect(end.time.toString()).toBe('3');
  });

  it('an idle system jumps to the next arrival', () => {
    const run = asReference(params(10, 10, '1', '0'), [req(0, '0', 1, 1), req(1, '5', 1, 1)]);
    expect(run.snapshots.map((s) => s.time)).toEqual(['0', '5']);
    expect(run.end).toBe('6');
  });

  it('rejects input that is not in (arrival, id) order, with a one-line InputError', () => {
    const run = () => [...simulate(params(10, 10, '1', '0'), [req(0, '2', 1, 1), req(1, '1', 1, 1)])];
    expect(run).toThrow(/request 1 \(arrival 1\) comes after request 0/);
  });
});

describe('serving simulator: cross-checked against an independent implementation', () => {
  it('equals the reference on random small workloads (snapshots, memory events, traces)', () => {
    fc.assert(
      fc.property(candidateArb({ maxM: 30, maxB: 30 }), ({ params: p, requests }) => {
        expect(asReference(p, requests)).toEqual(referenceRun(p, requests));
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});

describe('serving simulator: metamorphic relations', () => {
  it('scaling arrival times, d0 and d1 by c > 0 scales every time by c and changes nothing else', () => {
    fc.assert(
      fc.property(candidateArb(), fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 5 }), ({ params: p, requests }, cn, cd) => {
        const c = Rational.of(cn, cd);
        const scaled = asReference({ ...p, d0: p.d0.mul(c), d1: p.d1.mul(c) }, requests.map((r) => ({ ...r, arrival: r.arrival.mul(c) })));
        const base = asReference(p, requests);
        const times = (s: string) => q(s).mul(c).toString();
        expect(scaled.snapshots).toEqual(base.snapshots.map((s) => ({ ...s, time: times(s.time), duration: times(s.duration) })));
        expect(scaled.traces).toEqual(base.traces.map((t) => ({ ...t, completion: times(t.completion), waiting: times(t.waiting), swappedTime: times(t.swappedTime) })));
        expect(scaled.end).toBe(times(base.end));
      }),
      { seed: 7, numRuns: 150 },
    );
  });

  it('with B ≥ M the batch is all of R, so raising B further changes nothing', () => {
    fc.assert(
      fc.property(candidateArb(), fc.integer({ min: 0, max: 50 }), ({ params: p, requests }, extra) => {
        const atM = { ...p, B: p.M };
        const run = collectRun(atM, requests);
        for (const e of run.events) if (e.kind === 'snapshot') expect(e.batchCount).toBe(e.running);
        expect(asReference({ ...p, B: p.M + extra }, requests)).toEqual(asReference(atM, requests));
      }),
      { seed: 11, numRuns: 150 },
    );
  });

  it('a request arriving after everything has completed does not change earlier traces', () => {
    fc.assert(
      fc.property(candidateArb(), ({ params: p, requests }) => {
        const base = asReference(p, requests);
        fc.pre(!base.stalled);
        const late = q(base.end).add(Rational.ONE);
        const more = asReference(p, [...requests, { id: requests.length, arrival: late, prefill: 1, decode: 1 }]);
        expect(more.traces.slice(0, base.traces.length)).toEqual(base.traces);
      }),
      { seed: 5, numRuns: 100 },
    );
  });
});

describe("Little's law on complete runs (§C.5)", () => {
  it('∫L dt = Σ(c − a) exactly, and the snapshot sum never exceeds it', () => {
    fc.assert(
      fc.property(candidateArb(), ({ params: p, requests }) => {
        const fold = new MetricsFold();
        let end: EndEvent | null = null;
        for (const e of simulateList(p, requests)) {
          if (e.kind === 'end') end = e;
          else fold.onEvent(e);
        }
        const m = fold.finish(end!);
        fc.pre(m.incomplete.length === 0);
        expect(m.little.integralL!.toString()).toBe(m.little.sumDelays.toString());
        expect(m.little.snapshotSum.compare(m.little.sumDelays)).toBeLessThanOrEqual(0);
        // Independent: Σ(c − a) from the traces directly.
        const { events } = collectRun(p, requests);
        let sum = Rational.ZERO;
        for (const e of events) if (e.kind === 'complete') sum = sum.add(e.trace.completion.sub(e.trace.request.arrival));
        expect(sum.toString()).toBe(m.little.sumDelays.toString());
      }),
      { seed: 3, numRuns: 200 },
    );
  });
});
