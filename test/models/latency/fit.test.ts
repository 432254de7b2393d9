import { describe, expect, it } from 'vitest';
import { DEFAULT_FIT_OPTIONS, filterRows, fitLatency, scalingOf, startValues, type StepRow } from '../../../models/latency/fit/fit.js';
import { generateSteps, SeededRng } from '../../../models/latency/generate.js';
import { makeTheta, thetaFromJson } from '../../../models/latency/params.js';
import { latencyFloat } from '../../../models/latency/formula.js';

const theta = makeTheta({ Pmax: 50, kB: '1/8', kS: '1/200', w0: 4, w1: 1, tau0: 4, tauB: '1/20', tauS: '1/500' });
const truth = { kB: 0.125, kS: 0.005, a0: 0.08, a1: 0.02, tau0: 4, tauB: 0.05, tauS: 0.002 };
const gen = (noise: number, seed = 3, rows = 300) => generateSteps(theta, new SeededRng(seed), { rows, noise, Bmax: 64, Smax: 4096, digits: 10 });
const relErr = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('fit recovers the identifiable coordinates', () => {
  it('from noiseless data (T written to 10 decimals): every coordinate within 1e−6 relative', () => {
    const f = fitLatency(gen(0));
    if (f.identifiable.decodeOnly) throw new Error('mixed data expected');
    for (const [k, v] of Object.entries(truth)) expect(relErr(f.identifiable[k as keyof typeof truth], v)).toBeLessThan(1e-6);
    expect(f.metrics.R2).toBeGreaterThan(1 - 1e-12);
    expect(f.evaluations).toBeLessThanOrEqual(20000);
  });

  it('from 1% multiplicative noise: the well-determined coordinates within 10%, τS within 1e−3 absolute', () => {
    // With σ = 0.01 the residual scale is ≈ 0.01·T ≈ 0.1–1 ms over 300 rows; kB, kS, a1, τ0, τB are
    // determined to a few percent there, while τS trades off against a1 (both multiply S at large S).
    const f = fitLatency(gen(0.01));
    if (f.identifiable.decodeOnly) throw new Error('mixed data expected');
    for (const k of ['kB', 'kS', 'a1', 'tau0', 'tauB'] as const) expect(relErr(f.identifiable[k], truth[k])).toBeLessThan(0.1);
    expect(Math.abs(f.identifiable.tauS - truth.tauS)).toBeLessThan(1e-3);
    expect(f.metrics.R2).toBeGreaterThan(0.999);
  });

  it('Huber beats squared loss on data with planted outliers (+60 ms on every 25th row)', () => {
    // The outliers drag the squared fit's intercept τ0 and slope a1; Huber (δ = 1 ms) bounds each
    // outlier's pull to δ. kS is weakly determined here (kS·S saturates) and is not compared.
    const rows = gen(0.005).map((r, i) => (i % 25 === 7 ? { ...r, T: r.T + 60 } : r));
    const sq = fitLatency(rows);
    const hub = fitLatency(rows, { ...DEFAULT_FIT_OPTIONS, loss: { kind: 'huber', delta: 1 } });
    if (sq.identifiable.decodeOnly || hub.identifiable.decodeOnly) throw new Error('mixed data expected');
    for (const k of ['a1', 'tau0'] as const) {
      expect(relErr(hub.identifiable[k], truth[k])).toBeLessThan(relErr(sq.identifiable[k], truth[k]));
    }
    expect(relErr(hub.identifiable.a1, truth.a1)).toBeLessThan(0.05);
    expect(relErr(hub.identifiable.tau0, truth.tau0)).toBeLessThan(0.15);
  });

  it('decode-only data: reports τB + τS and the unordered pair {kB, kS}', () => {
    const rows: StepRow[] = [];
    const t = { Pmax: 50, kB: 0.125, kS: 0.05, w0: 4, w1: 1, tau0: 4, tauB: 0.05, tauS: 0.02 };
    for (let B = 1; B <= 80; B++) rows.push({ B, S: B, T: latencyFloat(t, B, B) });
    const f = fitLatency(rows.filter((r) => r.T <= 300));
    expect(f.identifiable.decodeOnly).toBe(true);
    if (!f.identifiable.decodeOnly) return;
    expect('tauB' in f.identifiable).toBe(false);
    expect(relErr(f.identifiable.tauBS, 0.07)).toBeLessThan(1e-3);
    expect(relErr(f.identifiable.kPair[0], 0.05)).toBeLessThan(1e-3);
    expect(relErr(f.identifiable.kPair[1], 0.125)).toBeLessThan(1e-3);
  });
});

describe('preprocessing, start values, outputs', () => {
  it('filters non-finite, non-positive, capped and below-min rows; needs 20 rows', () => {
    const rows: StepRow[] = [{ B: 1, S: 1, T: NaN }, { B: 0, S: 1, T: 3 }, { B: 1, S: 1, T: 301 }, { B: 1, S: 1, T: 0.5 }, { B: 1, S: 1, T: 5 }];
    const f = filterRows(rows, { tcap: 300, tmin: 1 });
    expect(f.dropped).toEqual({ nonFinite: 1, nonPositive: 1, aboveCap: 1, belowMin: 1, badWeight: 0 });
    expect(f.index).toEqual([4]);
    expect(() => fitLatency(gen(0).slice(0, 19))).toThrow(/at least 20 rows/);
  });
  it('start values follow A.7.3', () => {
    const rows = [1, 2, 3, 4].map((k) => ({ B: k, S: 10 * k, T: 2 * k + 1 }));
    const sc = scalingOf(rows);
    expect(sc).toEqual({ sB: 2.5, sS: 25 });
    const s = startValues(rows, sc);
    expect(s.w1).toBeCloseTo(5, 10); // OLS slope of T on s = S/25: T = 1 + 5s
    expect(s.w0).toBeCloseTo(0.1 * 5 * 1, 10); // median(s) = 1
    expect(s.tau0).toBe(1.5);
    expect([s.kB, s.kS, s.tauB, s.tauS]).toEqual([0.1, 0.01, 1e-3, 1e-3]);
  });
  it('θ as rationals is a valid parameter set reproducing the decimal fit', () => {
    const f = fitLatency(gen(0.01));
    const back = thetaFromJson({ theta: f.theta });
    expect(back.kB.toNumber()).toBe(f.theta.decimal.kB);
  });
  it('time-series CV reports the mean over N − w − m + 1 folds', () => {
    const rows = gen(0.01, 5, 60);
    const f = fitLatency(rows, DEFAULT_FIT_OPTIONS, { minTrain: 50, window: 5 });
    expect(f.cv!.folds).toBe(60 - 5 - 50 + 1);
    expect(f.cv!.meanRMSE).toBeGreaterThan(0);
    expect(f.cv!.meanRMSE).toBeLessThan(5);
  });
});
