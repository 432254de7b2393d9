import { Rational } from '../../models/arithmetic/rational.js';
import type { ServingParams } from '../../models/serving/params.js';
import type { Request } from '../../models/serving/request.js';

/**
 * An independent, deliberately plain re-implementation of SPEC-serving §B.3–B.4
 * for cross-checking: whole arrays, filter and sort, no generators, no deques.
 */
export interface RefSnapshot {
  time: string;
  batch: number;
  count: number;
  tokens: number;
  running: number;
  waiting: number;
  swapped: number;
  G: number;
  duration: string;
  completed: number;
}
export interface RefTrace {
  id: number;
  completion: string;
  waiting: string;
  swaps: number;
  swappedTime: string;
}
export interface RefRun {
  snapshots: RefSnapshot[];
  traces: RefTrace[];
  memory: string[];
  stalled: boolean;
  end: string;
}

interface St {
  r: Request;
  pos: number;
  first: Rational | null;
  last: Rational;
  swaps: number;
  out: Rational | null;
  swapped: Rational;
}

export function referenceRun(params: ServingParams, requests: readonly Request[]): RefRun {
  const { M, B, d0, d1 } = params;
  let pending: St[] = [...requests]
    .sort((a, b) => a.arrival.compare(b.arrival) || a.id - b.id)
    .map((r) => ({ r, pos: 0, first: null, last: Rational.ZERO, swaps: 0, out: null, swapped: Rational.ZERO }));
  let W: St[] = [];
  let R: St[] = [];
  let Z: St[] = [];
  let now = Rational.ZERO;
  let k = 0;
  let done = 0;
  const snapshots: RefSnapshot[] = [];
  const traces: RefTrace[] = [];
  const memory: string[] = [];
  const G = () => R.reduce((s, x) => s + x.r.prefill + x.pos, 0);
  const log = (type: string, t: Rational, x: St, change: number) => memory.push(`${type} ${t} ${k} ${x.r.id} ${x.pos} ${change} ${G()}`);

  const cycle = (t: Rational) => {
    while (Z.length && Z[0].r.prefill + Z[0].pos + 1 <= M - G()) {
      const x = Z.shift()!;
      R.push(x);
      x.last = t;
      x.swapped = x.swapped.add(t.sub(x.out!));
      x.out = null;
      log('swap_in', t, x, x.r.prefill + x.pos);
    }
    while (W.length && W[0].r.prefill + W[0].pos + 1 <= M - G()) {
      const x = W.shift()!;
      R.push(x);
      x.first = t;
      x.last = t;
      log('admit', t, x, x.r.prefill);
    }
    let need = G() + R.length - M;
    while (need > 0) {
      const chosen = R.reduce((best, x) => (x.last.compare(best.last) > 0 ? x : best), R[0]);
      R = R.filter((x) => x !== chosen);
      need -= chosen.r.prefill + chosen.pos;
      chosen.swaps++;
      chosen.out = t;
      Z.push(chosen);
      log('swap_out', t, chosen, -(chosen.r.prefill + chosen.pos));
    }
  };

  let stalled = false;
  while (pending.length || W.length || R.length || Z.length) {
    const arrived = pending.filter((x) => x.r.arrival.compare(now) <= 0);
    pending = pending.filter((x) => x.r.arrival.compare(now) > 0);
    for (const x of arrived) {
      W.push(x);
      log('arrival', x.r.arrival, x, 0);
    }
    if (!W.length && !R.length && !Z.length) {
      if (!pending.length) break;
      now = pending[0].r.arrival;
      continue;
    }
    if (!R.length) {
      cycle(now);
      if (!R.length) {
        stalled = true;
        break;
      }
    }
    const E: St[] = [];
    let tokens = 0;
    for (const x of R) {
      if (tokens + x.r.prefill + x.pos + 1 > B) break;
      E.push(x);
      tokens += x.r.prefill + x.pos + 1;
    }
    if (!E.length) {
      E.push(R[0]);
      tokens = R[0].r.prefill + R[0].pos + 1;
    }
    const duration = d0.add(d1.mul(Rational.fromInteger(tokens)));
    snapshots.push({ time: now.toString(), batch: k, count: E.length, tokens, running: R.length, waiting: W.length, swapped: Z.length, G: G(), duration: duration.toString(), completed: done });
    for (const x of E) x.pos++;
    now = now.add(duration);
    k++;
    for (const x of R.filter((y) => y.pos === y.r.decode)) {
      R = R.filter((y) => y !== x);
      done++;
      memory.push(`completion ${now} ${k} ${x.r.id} ${x.pos} ${-(x.r.prefill + x.r.decode)} ${G()}`);
      traces.push({ id: x.r.id, completion: now.toString(), waiting: x.first!.sub(x.r.arrival).toString(), swaps: x.swaps, swappedTime: x.swapped.toString() });
    }
    cycle(now);
  }
  return { snapshots, traces, memory, stalled, end: now.toString() };
}
