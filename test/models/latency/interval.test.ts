import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rational } from '../../../models/arithmetic/rational.js';
import { certifiedSign } from '../../../models/latency/certify.js';
import { digitsForBits, IntervalContext, PRECISION_LADDER_BITS } from '../../../models/latency/interval.js';
import { contains, Ref, refOf, SEED } from './support.js';

const rational = fc
  .tuple(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), fc.bigInt({ min: 1n, max: 10n ** 9n }))
  .map(([n, d]) => Rational.of(n, d));
const nonZero = rational.filter((r) => !r.isZero());
const runs = { seed: SEED, numRuns: 300 };

describe('interval arithmetic: enclosures contain 300-digit references', () => {
  for (const bits of [64, 256]) {
    const ctx = new IntervalContext(bits);
    it(`+ − × ÷ at ${bits} bits`, () => {
      fc.assert(
        fc.property(rational, nonZero, (a, b) => {
          const A = ctx.fromRational(a);
          const B = ctx.fromRational(b);
          expect(contains(A.add(B), refOf(a).plus(refOf(b)))).toBe(true);
          expect(contains(A.sub(B), refOf(a).minus(refOf(b)))).toBe(true);
          expect(contains(A.mul(B), refOf(a).times(refOf(b)))).toBe(true);
          expect(contains(A.div(B), refOf(a).div(refOf(b)))).toBe(true);
          expect(contains(A.mul(A).sub(B).abs(), refOf(a).times(refOf(a)).minus(refOf(b)).abs())).toBe(true);
        }),
        runs,
      );
    });
    it(`exp and 1 − e^(−x) at ${bits} bits`, () => {
      fc.assert(
        fc.property(fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 7n }), fc.bigInt({ min: 1n, max: 10n ** 6n })), ([n, d]) => {
          const r = Rational.of(n, d);
          const e = ctx.expNeg(r);
          const ref = Ref.exp(refOf(r).neg());
          expect(contains(e, ref)).toBe(true);
          expect(contains(ctx.oneMinusExpNeg(r), new Ref(1).minus(ref))).toBe(true);
          // tight: relative width ≈ |x|·10^−digits (the rounding of the argument) plus a few units
          const scale = Math.max(1, r.toNumber());
          if (!ref.isZero()) expect(new Ref(e.width()).div(ref).toNumber()).toBeLessThan(scale * 10 ** (3 - digitsForBits(bits)));
        }),
        runs,
      );
    });
  }

  it('e^(−1/3) and 1 − e^(−10^−30) against mpmath (50 digits)', () => {
    const ctx = new IntervalContext(128);
    expect(contains(ctx.expNeg(Rational.of(1, 3)), '0.71653131057378925042560409692537966745311205982147915714087')).toBe(true);
    // 1 − e^(−x) ≈ x − x²/2 for tiny x: stays positive and tight where 1 − exp rounds to 0
    const tiny = ctx.oneMinusExpNeg(Rational.of(1n, 10n ** 30n));
    expect(tiny.lo.gt(0)).toBe(true);
    expect(contains(tiny, '9.99999999999999999999999999999509873747144880061402330951465e-31')).toBe(true);
  });

  it('outward rounding: the enclosure of 1/3 excludes the rounded-to-nearest decimal of another precision', () => {
    const ctx = new IntervalContext(64);
    const third = ctx.fromRational(Rational.of(1, 3));
    expect(third.lo.lt(third.hi)).toBe(true);
    expect(contains(third, new Ref(1).div(3))).toBe(true);
    expect(ctx.fromRational(Rational.of(5, 4)).width().isZero()).toBe(true); // exact decimals stay points
  });
});

describe('certifiedSign', () => {
  it('planted exact ties are undecided at every precision', () => {
    const e = Rational.of(1, 7);
    const same = certifiedSign((ctx) => ctx.expNeg(e).sub(ctx.expNeg(e)));
    expect(same.sign).toBe('undecided');
    expect(same.bits).toBe(PRECISION_LADDER_BITS[PRECISION_LADDER_BITS.length - 1]);
    // e^(−1/7)·e^(−2/7) − e^(−3/7) = 0 exactly, through different roundings
    const product = certifiedSign((ctx) => ctx.expNeg(e).mul(ctx.expNeg(Rational.of(2, 7))).sub(ctx.expNeg(Rational.of(3, 7))));
    expect(product.sign).toBe('undecided');
    expect(certifiedSign((ctx) => ctx.fromInteger(0)).sign).toBe('undecided');
  });

  it('values 2^−200 away from 0 are decided, and only at a precision beyond 200 bits', () => {
    const tiny = Rational.of(1n, 2n ** 200n);
    const e = Rational.of(1, 7);
    const up = certifiedSign((ctx) => ctx.expNeg(e).sub(ctx.expNeg(e)).add(tiny));
    expect(up.sign).toBe(1);
    expect(up.bits).toBeGreaterThan(200);
    const down = certifiedSign((ctx) => ctx.expNeg(e).mul(ctx.expNeg(Rational.of(2, 7))).sub(ctx.expNeg(Rational.of(3, 7))).sub(tiny));
    expect(down.sign).toBe(-1);
    expect(down.bits).toBeGreaterThan(200);
    expect(contains(down.enclosure!, new Ref(2).pow(-200).neg())).toBe(true);
  });

  it('is decided at 64 bits when the value is far from 0', () => {
    const c = certifiedSign((ctx) => ctx.expNeg(Rational.ONE).sub(Rational.of(1, 3)));
    expect(c).toMatchObject({ sign: 1, bits: 64 });
  });
});
