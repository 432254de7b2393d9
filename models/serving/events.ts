import type { Rational } from '../arithmetic/rational.js';
import type { Request } from './request.js';

/**
 * What the simulator yields (SPEC-serving §B). Events are emitted in the order
 * they happen; a consumer that needs the lists of a snapshot reads them from
 * `state` while handling the event (the view is live and changes afterwards).
 */
export type SimEvent = MemoryEvent | CycleEvent | SnapshotEvent | CompletionEvent | EndEvent;

export type MemoryEventType = 'arrival' | 'admit' | 'swap_in' | 'swap_out' | 'completion';

/** One row of memory_events.csv (§B.5). */
export interface MemoryEvent {
  readonly kind: 'memory';
  readonly type: MemoryEventType;
  /** `now` when it happened; for `arrival` the request's own arrival time (≤ now, see the README). */
  readonly time: Rational;
  /** k = batches executed so far. */
  readonly batch: number;
  readonly request: Request;
  /** Decoded tokens `pos` at the event. */
  readonly pos: number;
  /** Change of G: 0, +p, +(p+pos), −(p+pos), −(p+d). */
  readonly change: number;
  /** G after the event. */
  readonly G: number;
  /** For `swap_out`: how the victim was chosen (§B.4 C). */
  readonly choice?: VictimChoice;
}

export interface VictimChoice {
  /** The victim's last entry time into R. */
  readonly entry: Rational;
  /** The maximal last entry time over R when it was chosen (the victim included). */
  readonly maxEntry: Rational;
  /** Its index in R order and |R| when chosen (it is the last admitted iff index = size − 1). */
  readonly index: number;
  readonly runningSize: number;
  /** The accounting `need` before and after subtracting `p_v + pos_v`. */
  readonly needBefore: number;
  readonly needAfter: number;
}

/** A request of R as seen at the start of phase C. */
export interface RunningItem {
  readonly id: number;
  readonly prefill: number;
  readonly pos: number;
  readonly entry: Rational;
}

/** One cycle (§B.4) at time `time`, emitted after its phase C. */
export interface CycleEvent {
  readonly kind: 'cycle';
  readonly time: Rational;
  readonly batch: number;
  readonly M: number;
  /** |R|, |Z|, |W| and G when the cycle starts. */
  readonly runningBefore: number;
  readonly swappedBefore: number;
  readonly waitingBefore: number;
  readonly GBefore: number;
  /** Ids swapped in (phase A), in order; |Z| after phase A. */
  readonly swappedIn: readonly number[];
  readonly swappedAfterA: number;
  /** Ids admitted from W (phase B), in order. */
  readonly admitted: readonly number[];
  /** `G + |R| − M` at the start of phase C. */
  readonly need: number;
  /** R at the start of phase C (R before the cycle, then the swap-ins, then the admissions); empty when no victim. */
  readonly runningAtGrowth: readonly RunningItem[];
  /** Victims in the order chosen, with `p + pos` at eviction. */
  readonly victims: readonly { readonly id: number; readonly memory: number }[];
  /** G and |R| after the cycle. */
  readonly G: number;
  readonly running: number;
  /** The live state after the cycle (read it while handling the event). */
  readonly state: SimStateView;
}

/** The live state behind a snapshot; read it only while handling the event. */
export interface SimStateView {
  waitingIds(): number[];
  runningIds(): number[];
  swappedIds(): number[];
  /** KV lengths `p + pos` of R (resp. Z), in list order. */
  runningLengths(): number[];
  swappedLengths(): number[];
  /** Last entry times of R, in list order. */
  runningEntries(): Rational[];
  /** |W|, |R|, |Z| without copying the lists. */
  counts(): { waiting: number; running: number; swapped: number };
}

/** One snapshot per batch at step 5 (a row of batch_snapshots.csv). */
export interface SnapshotEvent {
  readonly kind: 'snapshot';
  readonly time: Rational;
  /** k before the batch: 0 for the first batch. */
  readonly batch: number;
  /** |E|, Σ_E (p + pos + 1). */
  readonly batchCount: number;
  readonly batchTokens: number;
  readonly running: number;
  readonly waiting: number;
  readonly swapped: number;
  /** Requests read from the input that have not yet arrived (moved to W). */
  readonly pendingKnown: number;
  readonly G: number;
  readonly M: number;
  /** Δ = d0 + d1·batchTokens. */
  readonly duration: Rational;
  /** |C| before the batch. */
  readonly completed: number;
  readonly state: SimStateView;
}

/** A row of request_traces.csv (§B.5), emitted when the request completes. */
export interface RequestTrace {
  readonly request: Request;
  readonly completion: Rational;
  readonly firstEntry: Rational;
  readonly totalDelay: Rational;
  readonly waitingTime: Rational;
  readonly executionTime: Rational;
  readonly swapCount: number;
  readonly totalSwappedTime: Rational;
}

export interface CompletionEvent {
  readonly kind: 'complete';
  readonly trace: RequestTrace;
}

/** The last event of a run. */
export interface EndEvent {
  readonly kind: 'end';
  /** `now` at the end. */
  readonly time: Rational;
  readonly batches: number;
  readonly stalled: boolean;
  readonly completed: number;
  /** Requests read (the whole input, drained on a stall). */
  readonly requests: number;
  /** Ids that never completed, ascending. */
  readonly incomplete: readonly number[];
}
