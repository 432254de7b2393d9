import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exactArithmetic, Rational } from '../../../models/arithmetic/index.js';
import { estimateSpectrum } from '../../../models/theory-simulation/linear/spectrum.js';
import { schurCohn, schurCohnIntegers } from '../../../models/theory-simulation/linear/stability.js';
import { gcd } from '../../../models/arithmetic/rational.js';
import { fPolynomial, transitionMatrix } from '../../../models/theory-simulation/linear/transition.js';
import { setupModel } from '../../../models/theory-simulation/setup.js';
import { paramsArb, SEED } from '../support/arbitraries.js';

/** Exact stability decision (Schur–Cohn) on F (SPEC §4). */

const ar = exactArithmetic;
const R = (xs: (number | string)[]) => xs.map((x) => Rational.parse(String(x)));

/** Product of polynomials (highest degree first). */
function times(p: Rational[], q: Rational[]): Rational[] {
  const out = Array.from({ length: p.length + q.length - 1 }, () => Rational.ZERO);
  p.forEach((a, i) => q.forEach((b, j) => (out[i + j] = out[i + j].add(a.mul(b)))));
  return out;
}

describe('schurCohn on hand polynomials', () => {
  it.each([
    // [coefficients, highest first], stable?, why
    [['1', '-1/2'], true], // z − 1/2: root 1/2
    [['1', '-1'], false], // z − 1: root on the circle
    [['1', '-3/2'], false], // z − 3/2
    [['1', '1'], false], // z + 1
    [['2', '-1'], true], // 2z − 1: root 1/2, not monic
    [['-1', '1/2'], true], // −z + 1/2: negative leading coefficient
    [['0', '1', '-1/2'], true], // leading zero: z − 1/2
    [['5'], true], // a constant has no roots
    [['1', '0', '1/4'], true], // z² + 1/4: roots ±i/2
    [['1', '0', '1'], false], // z² + 1: roots ±i on the circle
    [['1', '0', '4'], false], // z² + 4: roots ±2i
    [['1', '-5/6', '1/6'], true], // (z − 1/2)(z − 1/3)
    [['1', '1', '-3/4'], false], // (z − 1/2)(z + 3/2): |a0| < |a2| but the reduced polynomial z + 4 is unstable
    [['1', '0', '0', '-1/8'], true], // z³ − 1/8: roots of modulus 1/2
    [['1', '0', '0', '0'], true], // z³: triple root 0
  ])('%j → stable = %s', (coeffs, stable) => {
    expect(schurCohn(ar, R(coeffs)).stable).toBe(stable);
  });

  it('reports the margin and the deciding degree', () => {
    // z − 1/2: gap 1 − (1/2)² = 3/4, then the reduced constant ends the test
    expect(schurCohn(ar, R(['1', '-1/2']))).toMatchObject({ stable: true, decidedAtDegree: 0 });
    expect(String(schurCohn(ar, R(['1', '-1/2'])).margin)).toBe('3/4');
    // z² + 1/4: gaps 1 − 1/16 = 15/16 at degree 2, then 1 at degree 1 (reduced: 15/16·z) → margin 15/16
    expect(String(schurCohn(ar, R(['1', '0', '1/4'])).margin)).toBe('15/16');
    // (z − 1/2)(z + 3/2) = z² + z − 3/4: gap 7/16 at degree 2; reduced (7/4 + 7/16·z)/(7/16) = z + 4,
    // gap 1 − 16 = −15 decides at degree 1
    const d = schurCohn(ar, R(['1', '1', '-3/4']));
    expect(d).toMatchObject({ stable: false, decidedAtDegree: 1 });
    expect(String(d.margin)).toBe('-15');
    // z − 1: gap 0 decides at degree 1
    expect(schurCohn(ar, R(['1', '-1']))).toMatchObject({ stable: false, decidedAtDegree: 1 });
  });
});

describe('schurCohn against polynomials with known roots', () => {
  // real roots r and complex pairs a ± bi, as factors z − r and z² − 2a z + (a² + b²)
  const rational = fc.tuple(fc.integer({ min: -12, max: 12 }), fc.integer({ min: 1, max: 8 })).map(([n, d]) => Rational.of(n, d));
  const factor = fc.oneof(
    rational.map((r) => ({ poly: [Rational.ONE, r.neg()], modulusSquared: r.mul(r) })),
    fc.tuple(rational, rational.filter((b) => !b.isZero())).map(([a, b]) => ({
      poly: [Rational.ONE, a.mul(Rational.of(-2)), a.mul(a).add(b.mul(b))],
      modulusSquared: a.mul(a).add(b.mul(b)),
    })),
  );

  it('is stable iff every root has modulus < 1', () => {
    let stable = 0;
    fc.assert(
      fc.property(fc.array(factor, { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 5 }), (factors, lead) => {
        const p = factors.reduce((acc, f) => times(acc, f.poly), [Rational.of(lead)]);
        const want = factors.every((f) => f.modulusSquared.compare(Rational.ONE) < 0);
        if (want) stable++;
        expect(schurCohn(ar, p).stable).toBe(want);
        // The fraction-free version on the same polynomial scaled to integers: same decision, margin and degree.
        const d = p.reduce((acc, c) => (acc * c.den) / gcd(acc, c.den), 1n);
        const integer = schurCohnIntegers(p.map((c) => c.num * (d / c.den)));
        const rational = schurCohn(ar, p);
        expect(integer.stable).toBe(want);
        expect(integer.decidedAtDegree).toBe(rational.decidedAtDegree);
        expect(Rational.of(integer.margin.n, integer.margin.d).equals(rational.margin)).toBe(true);
      }),
      { seed: SEED, numRuns: 300 },
    );
    expect(stable).toBeGreaterThan(20);
  });
});

describe('schurCohn on F agrees with the float spectral radius', () => {
  it('stable ⇔ ρ(A) < 1 whenever the float estimate is not within 1e-6 of 1', () => {
    const seen = { stable: 0, unstable: 0 };
    fc.assert(
      fc.property(paramsArb({ maxL0: 12, maxLA: 4, maxGap: 3 }), (params) => {
        const m = setupModel(ar, params);
        // NaN when mathjs could not estimate the spectrum (see spectrum.test.ts): nothing to compare with
        const rho = estimateSpectrum(ar, transitionMatrix(m)).spectralRadius;
        fc.pre(Number.isFinite(rho) && Math.abs(rho - 1) > 1e-6);
        const stable = schurCohn(ar, fPolynomial(m)).stable;
        seen[stable ? 'stable' : 'unstable']++;
        expect(stable).toBe(rho < 1);
      }),
      { seed: SEED, numRuns: 80 },
    );
    expect(seen.stable).toBeGreaterThan(15);
    expect(seen.unstable).toBeGreaterThan(15);
  });
});
