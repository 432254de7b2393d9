import { Rational } from '../../models/arithmetic/rational.js';
import { generateRequests, parseLengthDistribution, type GeneratorSpec } from '../../models/serving/generator.js';
import type { ServingParams } from '../../models/serving/params.js';
import type { Request } from '../../models/serving/request.js';
import { seededRng } from '../../models/serving/rng.js';
import { simulate } from '../../models/serving/simulator.js';

/**
 * Simulated batches per second: the exact simulator (Rational times, events
 * yielded) against a plain float64 loop of the same §B.3–B.4 rules, measured in
 * the same run on the same workload. `npm run bench` calls `benchServing`.
 */
export interface ServingBenchResult {
  readonly requests: number;
  readonly batches: number;
  readonly exactBatchesPerSecond: number;
  readonly floatBatchesPerSecond: number;
  /** float64 / exact. */
  readonly ratio: number;
  /** Both loops executed the same number of batches (the float64 times may round differently only in ties). */
  readonly sameBatchCount: boolean;
}

export const BENCH_PARAMS: ServingParams = { M: 2000, B: 600, d0: Rational.parse('0.03'), d1: Rational.parse('0.001') };
export const BENCH_SPEC: GeneratorSpec = { arrivals: 'poisson', rate: Rational.parse('0.5'), grid: 1000, prefill: parseLengthDistribution('prefill', '20:1,50:2,100:1'), decode: parseLengthDistribution('decode', '10:1,30:2,60:1'), count: 20000 };

export function benchServing(o: { now: () => number; params?: ServingParams; spec?: GeneratorSpec; seed?: number; minSeconds?: number } = { now: () => performance.now() }): ServingBenchResult {
  const params = o.params ?? BENCH_PARAMS;
  const requests = [...generateRequests(o.spec ?? BENCH_SPEC, seededRng(o.seed ?? 1))];
  const minMs = (o.minSeconds ?? 1) * 1000;
  const time = (f: () => number) => {
    let runs = 0;
    let batches = 0;
    const t0 = o.now();
    do {
      batches = f();
      runs++;
    } while (o.now() - t0 < minMs);
    return { batches, perSecond: (batches * runs) / ((o.now() - t0) / 1000) };
  };
  const exact = time(() => {
    let k = 0;
    for (const e of simulate(params, requests)) if (e.kind === 'end') k = e.batches;
    return k;
  });
  const float = time(() => floatLoop(params, requests));
  return {
    requests: requests.length,
    batches: exact.batches,
    exactBatchesPerSecond: exact.perSecond,
    floatBatchesPerSecond: float.perSecond,
    ratio: float.perSecond / exact.perSecond,
    sameBatchCount: exact.batches === float.batches,
  };
}

/** The same rules in doubles, with arrays, no events: returns the number of batches. */
export function floatLoop(params: ServingParams, requests: readonly Request[]): number {
  const M = params.M;
  const B = params.B;
  const d0 = params.d0.toNumber();
  const d1 = params.d1.toNumber();
  const n = requests.length;
  const a = Float64Array.from(requests, (r) => r.arrival.toNumber());
  const p = Int32Array.from(requests, (r) => r.prefill);
  const d = Int32Array.from(requests, (r) => r.decode);
  const pos = new Int32Array(n);
  const entry = new Float64Array(n);
  const W: number[] = [];
  let wHead = 0;
  let R: number[] = [];
  const Z: number[] = [];
  let zHead = 0;
  let G = 0;
  let now = 0;
  let k = 0;
  let next = 0;
  const cycle = (t: number) => {
    while (zHead < Z.length) {
      const r = Z[zHead];
      if (p[r] + pos[r] + 1 > M - G) break;
      zHead++;
      R.push(r);
      entry[r] = t;
      G += p[r] + pos[r];
    }
    while (wHead < W.length) {
      const r = W[wHead];
      if (p[r] + 1 > M - G) break;
      wHead++;
      R.push(r);
      entry[r] = t;
      G += p[r];
    }
    let need = G + R.length - M;
    while (need > 0 && R.length) {
      let idx = 0;
      for (let i = 1; i < R.length; i++) if (entry[R[i]] > entry[R[idx]]) idx = i;
      const v = R[idx];
      R.splice(idx, 1);
      need -= p[v] + pos[v];
      G -= p[v] + pos[v];
      Z.push(v);
    }
  };
  for (;;) {
    while (next < n && a[next] <= now) W.push(next++);
    const idle = wHead === W.length && R.length === 0 && zHead === Z.length;
    if (idle) {
      if (next >= n) break;
      now = a[next];
      continue;
    }
    if (R.length === 0) {
      cycle(now);
      if (R.length === 0) break;
    }
    let tokens = 0;
    let e = 0;
    while (e < R.length && tokens + p[R[e]] + pos[R[e]] + 1 <= B) tokens += p[R[e]] + pos[R[e++]] + 1;
    if (e === 0) {
      e = 1;
      tokens = p[R[0]] + pos[R[0]] + 1;
    }
    for (let i = 0; i < e; i++) pos[R[i]]++;
    G += e;
    now += d0 + d1 * tokens;
    k++;
    let done = false;
    for (let i = 0; i < e; i++) if (pos[R[i]] === d[R[i]]) done = true;
    if (done) {
      const kept: number[] = [];
      for (const r of R) {
        if (pos[r] === d[r]) G -= p[r] + d[r];
        else kept.push(r);
      }
      R = kept;
    }
    cycle(now);
  }
  pos.fill(0);
  return k;
}


/** The serving figures as report lines: ratios against the float64 loop of the same run. */
export function formatServingReport(r: ServingBenchResult): string {
  return [
    '',
    `Serving simulator (seed 004, ${r.requests} requests, ${r.batches} batches per run)`,
    `  exact (Rational times, events): ${Math.round(r.exactBatchesPerSecond).toLocaleString('en-US')} batches/s`,
    `  float64 loop, same rules:       ${Math.round(r.floatBatchesPerSecond).toLocaleString('en-US')} batches/s`,
    `  float64 / exact:                ${r.ratio.toFixed(1)}×${r.sameBatchCount ? '' : '  (the float64 loop executed a different number of batches: rounding at ties)'}`,
    '',
  ].join('\n');
}
