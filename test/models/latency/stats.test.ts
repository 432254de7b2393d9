import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { betaInc, chiSquareSf, erfc, lnGamma, median, normalPpf, ols, quantile, shapiroWilk, tTwoSidedP } from '../../../models/latency/fit/stats.js';

/** Reference values computed by scipy (the generator is recorded in the fixture). */
const ref = JSON.parse(readFileSync(new URL('./fixtures/scipy-stats.json', import.meta.url), 'utf8')) as {
  shapiro: { x: number[]; W: number; p: number }[];
  erfc: [number, number][];
  ppf: [number, number][];
  t2: [number, number, number][];
  chi2: [number, 1 | 2, number][];
  lngamma: [number, number][];
  quantile95: { x: number[]; q: number };
};

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

describe('distributions against scipy', () => {
  it('erfc, Φ⁻¹, ln Γ', () => {
    for (const [x, v] of ref.erfc) expect(rel(erfc(x), v)).toBeLessThan(1e-10);
    for (const [p, v] of ref.ppf) expect(Math.abs(normalPpf(p) - v)).toBeLessThan(1e-9);
    for (const [x, v] of ref.lngamma) expect(Math.abs(lnGamma(x) - v)).toBeLessThan(1e-10);
  });
  it('Student t two-sided p and χ² tails', () => {
    for (const [t, df, p] of ref.t2) expect(rel(tTwoSidedP(t, df), p)).toBeLessThan(1e-8);
    for (const [x, df, p] of ref.chi2) expect(rel(chiSquareSf(x, df), p)).toBeLessThan(1e-10);
    expect(betaInc(0.5, 2, 2)).toBeCloseTo(0.5, 14);
  });
});

describe('Shapiro–Wilk against scipy.stats.shapiro', () => {
  it.each(ref.shapiro.map((c) => [c.x.length, c] as const))('n = %i', (_, c) => {
    const r = shapiroWilk(c.x)!;
    // scipy's swilk computes in single precision in places: agreement to ~1e-6.
    expect(Math.abs(r.W - c.W)).toBeLessThan(1e-5);
    expect(Math.abs(r.p - c.p)).toBeLessThan(1e-4 + 1e-3 * c.p);
  });
  it('is undefined below 3 values and for constant data', () => {
    expect(shapiroWilk([1, 2])).toBeNull();
    expect(shapiroWilk([4, 4, 4, 4])).toBeNull();
  });
});

describe('quantiles and OLS', () => {
  it('median and the 95th percentile (linear interpolation, as numpy)', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([5, 1, 3, 2])).toBe(2.5);
    expect(quantile(ref.quantile95.x, 0.95)).toBeCloseTo(ref.quantile95.q, 12);
  });
  it('recovers an exact line and drops a collinear column', () => {
    const X = [1, 2, 3, 4, 5].map((b) => [1, b, 2 * b]);
    const y = [1, 2, 3, 4, 5].map((b) => 3 + 0.5 * b);
    const r = ols(X, y);
    expect(r.rank).toBe(2);
    expect(r.beta[0]).toBeCloseTo(3, 12);
    expect(r.beta[1]).toBeCloseTo(0.5, 12);
    expect(r.beta[2]).toBeNull();
    expect(r.sse).toBeLessThan(1e-20);
  });
});
