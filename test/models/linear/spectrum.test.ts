import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exactArithmetic } from '../../../models/arithmetic/index.js';
import { estimateSpectrum } from '../../../models/theory-simulation/linear/spectrum.js';
import { schurCohn } from '../../../models/theory-simulation/linear/stability.js';
import { fPolynomial, transitionMatrix } from '../../../models/theory-simulation/linear/transition.js';
import { validateParams, type ModelParams } from '../../../models/theory-simulation/params.js';
import { setupModel } from '../../../models/theory-simulation/setup.js';
import { paramsArb, SEED } from '../support/arbitraries.js';

/** Float64 spectrum estimates (display only) against SPEC §6, hand values and the roots of F. */

const ar = exactArithmetic;
const params = (l0: number, lA: number, lB: number) => validateParams({ l0, lA, lB, B: 1, lambdaA: 1, lambdaB: 1 });
const spectrumOf = (p: ModelParams) => estimateSpectrum(ar, transitionMatrix(setupModel(ar, p)));

/** |F(z)| relative to Σ|W_s||z|^(n−s), by Horner in complex arithmetic: ≈ 0 at a root of F. */
function relativeResidual(F: number[], z: { re: number; im: number }): number {
  let re = 0;
  let im = 0;
  let scale = 0;
  const r = Math.hypot(z.re, z.im);
  for (const c of F) {
    [re, im] = [re * z.re - im * z.im + c, re * z.im + im * z.re];
    scale = scale * r + Math.abs(c);
  }
  return Math.hypot(re, im) / scale;
}

describe('estimateSpectrum', () => {
  it('l0=10 lA=2 lB=3: ρ ≈ 0.769 (seed 001 §4.5), = √(13/22) by hand', () => {
    // char. poly λ(λ² + 12/11 λ + 13/22): discriminant 144/121 − 26/11 < 0, so a complex pair
    // −6/11 ± i·√(13/22 − 36/121) with |λ|² = 13/22, and 0
    const s = spectrumOf(params(10, 2, 3));
    expect(s.kind).toBe('float64 estimate');
    expect(s.spectralRadius).toBeCloseTo(0.769, 3);
    expect(s.spectralRadius).toBeCloseTo(Math.sqrt(13 / 22), 10);
    const sorted = [...s.eigenvalues].sort((a, b) => a.im - b.im);
    expect(sorted[0].re).toBeCloseTo(-6 / 11, 10);
    expect(sorted[0].im).toBeCloseTo(-Math.sqrt(13 / 22 - 36 / 121), 10);
    expect(Math.hypot(sorted[1].re, sorted[1].im)).toBeCloseTo(0, 10);
  });

  it('l0=50 lA=4 lB=7: ρ ≈ 0.9885 (seed 001 §4.8)', () => {
    const s = spectrumOf(params(50, 4, 7));
    expect(s.spectralRadius).toBeCloseTo(0.9885, 4);
    expect(s.eigenvalues).toHaveLength(7);
    // A's last column is zero, so 0 is an eigenvalue
    expect(Math.min(...s.eigenvalues.map((e) => Math.hypot(e.re, e.im)))).toBeCloseTo(0, 10);
  });

  it('l0=5 lA=3 lB=6 (where mathjs does not converge at its default precision): roots of F, ρ > 1', () => {
    const p = params(5, 3, 6);
    const s = spectrumOf(p);
    const F = fPolynomial(setupModel(ar, p)).map((w) => w.toNumber());
    expect(s.eigenvalues).toHaveLength(6);
    const nonzero = s.eigenvalues.filter((e) => Math.hypot(e.re, e.im) > 1e-9);
    expect(nonzero).toHaveLength(5);
    for (const z of nonzero) expect(relativeResidual(F, z)).toBeLessThan(1e-6);
    expect(s.spectralRadius).toBeGreaterThan(1);
    expect(schurCohn(ar, fPolynomial(setupModel(ar, p))).stable).toBe(false);
  });

  it('every estimate is either the nonzero roots of F plus 0, or explicitly none (NaN with a note)', () => {
    fc.assert(
      fc.property(paramsArb({ maxL0: 12, maxLA: 4, maxGap: 3 }), (p) => {
        const s = spectrumOf(p);
        if (Number.isNaN(s.spectralRadius)) {
          expect(s.note).toMatch(/^no estimate/);
          return;
        }
        const F = fPolynomial(setupModel(ar, p)).map((w) => w.toNumber());
        expect(s.eigenvalues).toHaveLength(p.lB);
        const moduli = s.eigenvalues.map((e) => Math.hypot(e.re, e.im));
        expect(Math.min(...moduli)).toBeLessThan(1e-9);
        expect(s.spectralRadius).toBeCloseTo(Math.max(...moduli), 12);
        for (const z of s.eigenvalues.filter((e) => Math.hypot(e.re, e.im) > 1e-9)) {
          expect(relativeResidual(F, z)).toBeLessThan(1e-6);
        }
      }),
      { seed: SEED, numRuns: 40 },
    );
  });
});
