import { Decimal } from 'decimal.js';
import { Rational } from '../../../models/arithmetic/rational.js';
import type { Interval } from '../../../models/latency/interval.js';
import { makeTheta, type Theta } from '../../../models/latency/params.js';

export const SEED = 42;

/** A decimal.js constructor at many digits: the reference for enclosure tests (precision on the instance). */
export const Ref = Decimal.clone({ precision: 300, rounding: Decimal.ROUND_HALF_EVEN });

export const refOf = (r: Rational, D: typeof Ref = Ref) => new D(r.num.toString()).div(r.den.toString());

/** 60 digits: enough to separate the distances of the SLA brute force, and fast. */
export const Ref60 = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_EVEN });

/** T(B,S) at 300 digits, straightforwardly (no intervals). */
export function refLatency(theta: Theta, B: number, S: number, D: typeof Ref = Ref): Decimal {
  const q = (r: Rational) => refOf(r, D);
  const P = q(theta.Pmax);
  const u = new D(1).minus(D.exp(q(theta.kB).times(B).neg()));
  const v = new D(1).minus(D.exp(q(theta.kS).times(S).neg()));
  const W = q(theta.w0).plus(q(theta.w1).times(S));
  return q(theta.tau0).plus(W.div(P.times(u).times(v))).plus(q(theta.tauB).times(B)).plus(q(theta.tauS).times(S));
}

export function contains(iv: Interval, x: Decimal | string): boolean {
  const v = new Ref(x);
  return v.gte(new Ref(iv.lo)) && v.lte(new Ref(iv.hi));
}

export function overlaps(a: Interval, b: Interval): boolean {
  return new Ref(a.lo).lte(new Ref(b.hi)) && new Ref(b.lo).lte(new Ref(a.hi));
}

/** θ of the hand-computed examples. */
export const THETA_A = makeTheta({ Pmax: 2, kB: 1, kS: 1, w0: 1, w1: 1, tau0: 1, tauB: '1/2', tauS: '1/4' });
export const THETA_B = makeTheta({ Pmax: 10, kB: '1/2', kS: '1/10', w0: 3, w1: 2, tau0: 1, tauB: '1/5', tauS: '1/100' });
