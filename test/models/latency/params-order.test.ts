import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rational } from '../../../models/arithmetic/rational.js';
import { InputError } from '../../../models/errors.js';
import { gridArb, pointArb, thetaArb } from '../../../models/latency/arbitraries.js';
import { gridPoints } from '../../../models/latency/grid.js';
import { compareCandidates, neighbours, smallerRationals } from '../../../models/latency/order.js';
import { makeTheta, thetaFromJson, thetaToJson, validatePoint, validateTheta, type Theta } from '../../../models/latency/params.js';
import { SEED, THETA_B } from './support.js';

describe('θ validation and codec', () => {
  it('names the parameter, the rule and the value', () => {
    expect(() => validateTheta({ ...THETA_B, kS: Rational.ZERO })).toThrow(/θ\.kS must be > 0 \(got 0\)/);
    expect(() => validateTheta({ ...THETA_B, tauB: Rational.of(-1, 3) })).toThrow(/θ\.τB must be ≥ 0 \(got -1\/3\)/);
    const e = (() => {
      try {
        thetaFromJson({ ...thetaToJson(THETA_B), Pmax: 'abc' });
      } catch (error) {
        return error;
      }
    })();
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).code).toBe('INVALID_PARAMS');
    expect(() => thetaFromJson({ ...thetaToJson(THETA_B), extra: 1 })).toThrow(/unknown field "extra"/);
    expect(() => thetaFromJson({ Pmax: '1' })).toThrow(/θ\.kB is missing/);
  });
  it('round-trips through JSON ("p/q" strings) and accepts numbers, decimals and a fit.json', () => {
    fc.assert(fc.property(thetaArb(), (t) => {
        expect(thetaToJson(thetaFromJson(JSON.parse(JSON.stringify(thetaToJson(t)))))).toEqual(thetaToJson(t));
      }), { seed: SEED, numRuns: 100 });
    const t = thetaFromJson({ Pmax: 10, kB: 0.5, kS: '0.1', w0: '3', w1: 2, 'τ0': 1, tauB: '1/5', tauS: 0.01 });
    expect(thetaToJson(t)).toEqual(thetaToJson(THETA_B));
    expect(thetaToJson(thetaFromJson({ theta: { rational: thetaToJson(THETA_B) } }))).toEqual(thetaToJson(THETA_B));
  });
  it('points: integers ≥ 1, S ≥ B when physical', () => {
    expect(() => validatePoint({ B: 0, S: 1 })).toThrow(/B must be an integer ≥ 1 \(got 0\)/);
    expect(() => validatePoint({ B: 3, S: 2 }, { physical: true })).toThrow(/S must be ≥ B/);
    expect(validatePoint({ B: 3, S: 2 })).toEqual({ B: 3, S: 2 });
  });
});

describe('minimality order and neighbours', () => {
  const candidate = fc.record({ theta: thetaArb(), point: pointArb({ Bmax: 20, Smax: 40 }) });
  it('every neighbour is strictly smaller and a valid θ', () => {
    fc.assert(
      fc.property(candidate, (c) => {
        for (const n of neighbours(c)) {
          expect(compareCandidates(n, c)).toBe(-1);
          expect(() => validateTheta(n.theta)).not.toThrow();
          expect(n.point!.B).toBeGreaterThanOrEqual(1);
        }
      }),
      { seed: SEED, numRuns: 100 },
    );
  });
  it('is antisymmetric and transitive on samples', () => {
    fc.assert(
      fc.property(candidate, candidate, candidate, (a, b, c) => {
        expect(compareCandidates(a, b)).toBe(-compareCandidates(b, a) as -1 | 0 | 1);
        if (compareCandidates(a, b) <= 0 && compareCandidates(b, c) <= 0) expect(compareCandidates(a, c)).toBeLessThanOrEqual(0);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });
  it('orders by B + S, then B, then θ by height', () => {
    const t: Theta = THETA_B;
    expect(compareCandidates({ theta: t, point: { B: 2, S: 1 } }, { theta: t, point: { B: 1, S: 3 } })).toBe(-1);
    expect(compareCandidates({ theta: t, point: { B: 1, S: 2 } }, { theta: t, point: { B: 2, S: 1 } })).toBe(-1);
    const simpler = makeTheta({ ...thetaToJson(t), kB: '1' });
    expect(compareCandidates({ theta: simpler }, { theta: t })).toBe(-1); // kB: 1 has height 1 < height(1/2) = 2
    expect(smallerRationals(Rational.of(7, 12)).map(String)).toContain('1/2');
  });
  it('physical neighbours keep S ≥ B; the minimum point has no point neighbours', () => {
    expect(neighbours({ theta: THETA_B, point: { B: 1, S: 1 } }).every((n) => n.point!.B === 1 && n.point!.S === 1)).toBe(true);
    expect(neighbours({ theta: THETA_B, point: { B: 3, S: 3 } }, { physical: true }).every((n) => n.point!.S >= n.point!.B)).toBe(true);
  });
  it('grid enumeration: every cell once, in the order, respecting physical', () => {
    fc.assert(
      fc.property(gridArb(8, 12, false), fc.boolean(), (g, physical) => {
        const pts = gridPoints({ ...g, physical });
        let expected = 0;
        for (let B = 1; B <= g.Bmax; B++) for (let S = 1; S <= g.Smax; S++) if (!physical || S >= B) expected++;
        expect(pts.length).toBe(expected);
        for (const p of pts) if (physical) expect(p.S).toBeGreaterThanOrEqual(p.B);
        for (let i = 1; i < pts.length; i++) expect(compareCandidates({ theta: THETA_B, point: pts[i - 1] }, { theta: THETA_B, point: pts[i] })).toBe(-1);
        expect(new Set(pts.map((p) => `${p.B},${p.S}`)).size).toBe(pts.length);
      }),
      { seed: SEED, numRuns: 50 },
    );
  });
});
