import { Rational } from '../../../models/arithmetic/rational.js';
import type { MemoryEvent, SimEvent, SnapshotEvent } from '../../../models/serving/events.js';
import type { ServingParams } from '../../../models/serving/params.js';
import type { Request } from '../../../models/serving/request.js';
import type { RefRun } from '../../support/serving-reference.js';
import { collectRun } from '../../../models/serving/simulator.js';

export const q = (s: string) => Rational.parse(s);
export const params = (M: number, B: number, d0: string, d1: string): ServingParams => ({ M, B, d0: q(d0), d1: q(d1) });
export const req = (id: number, a: string, p: number, d: number): Request => ({ id, arrival: q(a), prefill: p, decode: d });

/** The run in the reference's string form, for comparison. */
export function asReference(p: ServingParams, rs: readonly Request[]): RefRun {
  const { events, end } = collectRun(p, rs);
  const snapshots = events
    .filter((e): e is SnapshotEvent => e.kind === 'snapshot')
    .map((s) => ({ time: s.time.toString(), batch: s.batch, count: s.batchCount, tokens: s.batchTokens, running: s.running, waiting: s.waiting, swapped: s.swapped, G: s.G, duration: s.duration.toString(), completed: s.completed }));
  const traces = events.flatMap((e: SimEvent) =>
    e.kind === 'complete'
      ? [{ id: e.trace.request.id, completion: e.trace.completion.toString(), waiting: e.trace.waitingTime.toString(), swaps: e.trace.swapCount, swappedTime: e.trace.totalSwappedTime.toString() }]
      : [],
  );
  const memory = events.filter((e): e is MemoryEvent => e.kind === 'memory').map((m) => `${m.type} ${m.time} ${m.batch} ${m.request.id} ${m.pos} ${m.change} ${m.G}`);
  return { snapshots, traces, memory, stalled: end.stalled, end: end.time.toString() };
}
