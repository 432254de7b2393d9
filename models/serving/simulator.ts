import { Rational } from '../arithmetic/rational.js';
import { InputError } from '../errors.js';
import type { CycleEvent, EndEvent, MemoryEvent, MemoryEventType, RequestTrace, RunningItem, SimEvent, SimStateView, SnapshotEvent } from './events.js';
import type { ServingParams } from './params.js';
import { compareRequests, sortRequests, validateRequest, type Request } from './request.js';

/**
 * The seed-004 serving simulator, swap + aggressive strategy, exactly as
 * SPEC-serving §B.3–§B.4 orders it, in exact rationals (times) and safe
 * integers (tokens). It is a generator: events and snapshots are yielded as
 * they happen and completed requests are not kept, so memory holds only the
 * active requests and a few counters. Requests are pulled lazily from the
 * input, which must come in `pending` order (arrival, then id); use
 * `simulateList` for an unsorted list.
 */
export interface SimulateOptions {
  /**
   * On a stall, read the rest of the input to list every incomplete id
   * (default true). Set false for unbounded inputs: `incomplete` then lists
   * only the requests that arrived.
   */
  readonly drainOnStall?: boolean;
}

export function* simulate(params: ServingParams, input: Iterable<Request>, options: SimulateOptions = {}): Generator<SimEvent, EndEvent> {
  const { M, B, d0, d1 } = params;
  const source = input[Symbol.iterator]();
  let requestsRead = 0;
  let previous: Request | null = null;
  const pull = (): Request | null => {
    const n = source.next();
    if (n.done) return null;
    const r = validateRequest(n.value);
    if (previous && compareRequests(previous, r) >= 0) {
      throw new InputError('UNSORTED_WORKLOAD', `request ${r.id} (arrival ${r.arrival.toString()}) comes after request ${previous.id} (arrival ${previous.arrival.toString()}): the simulator reads requests in (arrival, id) order; sort them first`);
    }
    previous = r;
    requestsRead++;
    return r;
  };

  const W = new Deque<Live>();
  let R: Live[] = [];
  const Z = new Deque<Live>();
  let G = 0;
  let now = Rational.ZERO;
  let k = 0;
  let completed = 0;
  let next = pull();

  const mem = (type: MemoryEventType, time: Rational, r: Live, change: number, choice?: MemoryEvent['choice']): MemoryEvent => ({
    kind: 'memory',
    type,
    time,
    batch: k,
    request: r.req,
    pos: r.pos,
    change,
    G,
    ...(choice ? { choice } : {}),
  });

  const state: SimStateView = {
    waitingIds: () => W.toArray().map((r) => r.req.id),
    runningIds: () => R.map((r) => r.req.id),
    swappedIds: () => Z.toArray().map((r) => r.req.id),
    runningLengths: () => R.map((r) => r.req.prefill + r.pos),
    swappedLengths: () => Z.toArray().map((r) => r.req.prefill + r.pos),
    runningEntries: () => R.map((r) => r.lastEntry),
    counts: () => ({ waiting: W.size, running: R.length, swapped: Z.size }),
  };

  /** §B.4 at time t. */
  function* cycle(t: Rational): Generator<SimEvent, void> {
    const runningBefore = R.length;
    const swappedBefore = Z.size;
    const waitingBefore = W.size;
    const GBefore = G;
    // A: swap-in, stopping at the first request of Z that does not fit.
    const swappedIn: number[] = [];
    while (Z.size > 0) {
      const r = Z.peek();
      const size = r.req.prefill + r.pos;
      if (size + 1 > M - G) break;
      Z.shift();
      R.push(r);
      r.lastEntry = t;
      r.swappedTotal = r.swappedTotal.add(t.sub(r.swappedAt!)).normalized();
      r.swappedAt = null;
      G += size;
      swappedIn.push(r.req.id);
      yield mem('swap_in', t, r, size);
    }
    const swappedAfterA = Z.size;
    // B: admission from W, same test; a blocked head of Z does not block W.
    const admitted: number[] = [];
    while (W.size > 0) {
      const r = W.peek();
      const size = r.req.prefill + r.pos;
      if (size + 1 > M - G) break;
      W.shift();
      R.push(r);
      r.firstEntry = t;
      r.lastEntry = t;
      G += size;
      admitted.push(r.req.id);
      yield mem('admit', t, r, size);
    }
    // C: growth, LIFO by last entry time, accounting p_v + pos_v per victim.
    let need = G + R.length - M;
    const needAtGrowth = need;
    const victims: { id: number; memory: number }[] = [];
    let runningAtGrowth: RunningItem[] = [];
    if (need > 0) runningAtGrowth = R.map((r) => ({ id: r.req.id, prefill: r.req.prefill, pos: r.pos, entry: r.lastEntry }));
    while (need > 0 && R.length > 0) {
      let maxEntry = R[0].lastEntry;
      for (let i = 1; i < R.length; i++) if (R[i].lastEntry.compare(maxEntry) > 0) maxEntry = R[i].lastEntry;
      let index = 0;
      while (R[index].lastEntry.compare(maxEntry) !== 0) index++;
      const v = R[index];
      const runningSize = R.length;
      R.splice(index, 1);
      const size = v.req.prefill + v.pos;
      const needBefore = need;
      need -= size;
      G -= size;
      v.swapCount++;
      v.swappedAt = t;
      Z.push(v);
      victims.push({ id: v.req.id, memory: size });
      yield mem('swap_out', t, v, -size, { entry: v.lastEntry, maxEntry, index, runningSize, needBefore, needAfter: need });
    }
    const ev: CycleEvent = {
      kind: 'cycle',
      time: t,
      batch: k,
      M,
      runningBefore,
      swappedBefore,
      waitingBefore,
      GBefore,
      swappedIn,
      swappedAfterA,
      admitted,
      need: needAtGrowth,
      runningAtGrowth,
      victims,
      G,
      running: R.length,
      state,
    };
    yield ev;
  }

  let stalled = false;
  while (next !== null || W.size > 0 || R.length > 0 || Z.size > 0) {
    // 1. arrivals with a ≤ now join the tail of W.
    while (next !== null && next.arrival.compare(now) <= 0) {
      const r = new Live(next);
      W.push(r);
      yield mem('arrival', next.arrival, r, 0);
      next = pull();
    }
    // 2. idle: jump to the next arrival.
    if (W.size === 0 && R.length === 0 && Z.size === 0) {
      if (next === null) break;
      now = next.arrival;
      continue;
    }
    // 3. nothing running: a cycle now; still nothing: stalled.
    if (R.length === 0) {
      yield* cycle(now);
      if (R.length === 0) {
        stalled = true;
        break;
      }
    }
    // 4. E = longest prefix of R within the budget (at least one request).
    let tokens = 0;
    let e = 0;
    while (e < R.length) {
      const c = R[e].req.prefill + R[e].pos + 1;
      if (tokens + c > B) break;
      tokens += c;
      e++;
    }
    if (e === 0) {
      e = 1;
      tokens = R[0].req.prefill + R[0].pos + 1;
    }
    // 5. snapshot.
    const duration = d0.add(d1.mul(Rational.fromInteger(tokens))).normalized();
    const snap: SnapshotEvent = {
      kind: 'snapshot',
      time: now,
      batch: k,
      batchCount: e,
      batchTokens: tokens,
      running: R.length,
      waiting: W.size,
      swapped: Z.size,
      pendingKnown: next === null ? 0 : 1,
      G,
      M,
      duration,
      completed,
      state,
    };
    yield snap;
    // 6. execute.
    for (let i = 0; i < e; i++) R[i].pos++;
    G += e;
    now = now.add(duration).normalized();
    k++;
    // 7. completions, in R order.
    let done = 0;
    for (let i = 0; i < e; i++) if (R[i].pos === R[i].req.decode) done++;
    if (done > 0) {
      const kept: Live[] = [];
      const finished: Live[] = [];
      for (const r of R) (r.pos === r.req.decode ? finished : kept).push(r);
      R = kept;
      for (const r of finished) {
        const size = r.req.prefill + r.req.decode;
        G -= size;
        completed++;
        yield mem('completion', now, r, -size);
        yield { kind: 'complete', trace: traceOf(r, now) };
      }
    }
    // 8. cycle.
    yield* cycle(now);
  }

  const incomplete: number[] = [];
  for (const r of W.toArray()) incomplete.push(r.req.id);
  for (const r of R) incomplete.push(r.req.id);
  for (const r of Z.toArray()) incomplete.push(r.req.id);
  while (next !== null && options.drainOnStall !== false) {
    incomplete.push(next.id);
    next = pull();
  }
  incomplete.sort((a, b) => a - b);
  const end: EndEvent = { kind: 'end', time: now, batches: k, stalled, completed, requests: requestsRead, incomplete };
  yield end;
  return end;
}

/** Runs an in-memory list in any order (sorted into `pending` order first). */
export const simulateList = (params: ServingParams, requests: readonly Request[]): Generator<SimEvent, EndEvent> => simulate(params, sortRequests(requests));

function traceOf(r: Live, c: Rational): RequestTrace {
  const a = r.req.arrival;
  const first = r.firstEntry!;
  return {
    request: r.req,
    completion: c,
    firstEntry: first,
    totalDelay: c.sub(a).normalized(),
    waitingTime: first.sub(a).normalized(),
    executionTime: c.sub(first).normalized(),
    swapCount: r.swapCount,
    totalSwappedTime: r.swappedTotal,
  };
}

/** An active request. */
class Live {
  pos = 0;
  firstEntry: Rational | null = null;
  lastEntry: Rational = Rational.ZERO;
  swapCount = 0;
  swappedAt: Rational | null = null;
  swappedTotal: Rational = Rational.ZERO;
  constructor(readonly req: Request) {}
}

/** A FIFO with O(1) shift and in-order iteration. */
class Deque<T> {
  private items: T[] = [];
  private head = 0;
  get size(): number {
    return this.items.length - this.head;
  }
  push(x: T): void {
    this.items.push(x);
  }
  peek(): T {
    return this.items[this.head];
  }
  shift(): T {
    const x = this.items[this.head++];
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return x;
  }
  toArray(): T[] {
    return this.items.slice(this.head);
  }
}

/**
 * Phase C's victim rule (§B.4) on a copy of R: the victims LIFO by last entry
 * time (earliest-admitted first among equal times), with the accounting
 * `need −= p_v + pos_v`. Used by conjectures for counterfactual cycles.
 */
export function chooseVictims(running: readonly RunningItem[], need: number): RunningItem[] {
  const R = [...running];
  const out: RunningItem[] = [];
  while (need > 0 && R.length > 0) {
    let index = 0;
    for (let i = 1; i < R.length; i++) if (R[i].entry.compare(R[index].entry) > 0) index = i;
    const [v] = R.splice(index, 1);
    need -= v.prefill + v.pos;
    out.push(v);
  }
  return out;
}

/** Drains a run into arrays (for tests and small workloads only: memory grows with the run). */
export function collectRun(params: ServingParams, requests: readonly Request[]): { events: SimEvent[]; end: EndEvent } {
  const events: SimEvent[] = [];
  for (const e of simulateList(params, requests)) {
    if (e.kind === 'snapshot') {
      // Freeze the live lists of the snapshot.
      const lists = {
        waiting: e.state.waitingIds(),
        running: e.state.runningIds(),
        swapped: e.state.swappedIds(),
        runningLengths: e.state.runningLengths(),
        swappedLengths: e.state.swappedLengths(),
        runningEntries: e.state.runningEntries(),
      };
      events.push({ ...e, state: frozenState(lists) });
    } else if (e.kind === 'cycle') {
      events.push({ ...e, state: frozenState({ waiting: e.state.waitingIds(), running: e.state.runningIds(), swapped: e.state.swappedIds(), runningLengths: e.state.runningLengths(), swappedLengths: e.state.swappedLengths(), runningEntries: e.state.runningEntries() }) });
    } else events.push(e);
  }
  return { events, end: events[events.length - 1] as EndEvent };
}

function frozenState(l: { waiting: number[]; running: number[]; swapped: number[]; runningLengths: number[]; swappedLengths: number[]; runningEntries: Rational[] }): SimStateView {
  return {
    waitingIds: () => [...l.waiting],
    runningIds: () => [...l.running],
    swappedIds: () => [...l.swapped],
    runningLengths: () => [...l.runningLengths],
    swappedLengths: () => [...l.swappedLengths],
    runningEntries: () => [...l.runningEntries],
    counts: () => ({ waiting: l.waiting.length, running: l.running.length, swapped: l.swapped.length }),
  };
}
