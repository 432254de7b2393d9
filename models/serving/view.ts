import type { EndEvent, SimEvent, SnapshotEvent } from './events.js';
import type { ServingParams } from './params.js';
import type { Request } from './request.js';
import { simulateList } from './simulator.js';

/** What a run needs to know about its workload before it starts. */
export interface WorkloadSummary {
  /** N, the number of requests. */
  readonly count: number;
  /** max_i (p_i + d_i) (0 when empty). */
  readonly maxTotalLength: number;
  /** Σ_i d_i. */
  readonly sumDecode: number;
}

export function summarise(requests: Iterable<Request>): WorkloadSummary {
  let count = 0;
  let maxTotalLength = 0;
  let sumDecode = 0;
  for (const r of requests) {
    count++;
    maxTotalLength = Math.max(maxTotalLength, r.prefill + r.decode);
    sumDecode += r.decode;
  }
  return { count, maxTotalLength, sumDecode };
}

/** The parameter context of the serving family: the parameters (the simulator is always exact). */
export interface ServingContext {
  readonly params: ServingParams;
}

/**
 * One view of a serving run, per executed batch: view t is batch t (its
 * snapshot, §B.3 step 5) together with every event since the previous
 * snapshot (the previous batch's completions and cycle, arrivals, the cycle
 * of an empty R). After the last batch K − 1 one more view t = K carries the
 * trailing events and the end of the run (`snapshot` null, `end` set); a run
 * that stalls before its first batch has only that view, t = 0.
 *
 * The lists read through `snapshot.state` are live: read them while handling
 * the view.
 */
export interface ServingView {
  readonly t: number;
  readonly params: ServingParams;
  readonly requests: readonly Request[];
  readonly workload: WorkloadSummary;
  /** The events since the previous view, in order (the snapshot, if any, last). */
  readonly events: readonly SimEvent[];
  readonly snapshot: SnapshotEvent | null;
  readonly end: EndEvent | null;
}

/** The views t = 0..steps of a run (fewer when it ends earlier). */
export function* servingViews(params: ServingParams, requests: readonly Request[], steps: number): Generator<ServingView> {
  const workload = summarise(requests);
  let events: SimEvent[] = [];
  let t = 0;
  for (const e of simulateList(params, requests)) {
    if (e.kind === 'snapshot') {
      if (e.batch > steps) return;
      events.push(e);
      yield { t: e.batch, params, requests, workload, events, snapshot: e, end: null };
      t = e.batch + 1;
      events = [];
    } else if (e.kind === 'end') {
      if (t > steps) return;
      events.push(e);
      yield { t, params, requests, workload, events, snapshot: null, end: e };
      return;
    } else events.push(e);
  }
}
