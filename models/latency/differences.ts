import { Rational } from '../arithmetic/rational.js';
import { coord, linearOverhead, uB, uS, work, workOverThr, thr, type Coord } from './formula.js';
import type { Interval, IntervalContext } from './interval.js';
import type { Theta } from './params.js';

/**
 * Differences of T between neighbouring points, written so that the parts
 * whose sign is known are computed without cancellation (Q = Work/Thr,
 * x = e^{−kB·B}, y = e^{−kS·S}). Each identity is checked against the plain
 * difference of enclosures in test/models/latency/differences.test.ts.
 */

/** Q(B+1,S) − Q(B,S) = −Work·x(1 − e^{−kB}) / (Pmax(1−y)(1−x)(1−x')) < 0. */
export function dQdB(ctx: IntervalContext, theta: Theta, B: Coord, S: Coord): Interval {
  const b = coord(B);
  const x0 = ctx.expNeg(theta.kB.mul(b).normalized());
  const step = ctx.oneMinusExpNeg(theta.kB);
  const den = uS(ctx, theta, S).mul(uB(ctx, theta, b)).mul(uB(ctx, theta, b.add(Rational.ONE))).mul(theta.Pmax);
  return x0.mul(step).mul(work(theta, S)).div(den).neg();
}

/** Q(B,S+1) − Q(B,S) = [w1(1−y) − Work(S)·y(1 − e^{−kS})] / (Pmax(1−x)(1−y)(1−y')). */
export function dQdS(ctx: IntervalContext, theta: Theta, B: Coord, S: Coord): Interval {
  const s = coord(S);
  const y0 = ctx.expNeg(theta.kS.mul(s).normalized());
  const step = ctx.oneMinusExpNeg(theta.kS);
  const oneMinusY0 = uS(ctx, theta, s);
  const num = oneMinusY0.mul(theta.w1).sub(y0.mul(step).mul(work(theta, s)));
  const den = uB(ctx, theta, B).mul(oneMinusY0).mul(uS(ctx, theta, s.add(Rational.ONE))).mul(theta.Pmax);
  return num.div(den);
}

/** T(B+1,S) − T(B,S) = τB + dQdB. */
export function diffB(ctx: IntervalContext, theta: Theta, B: Coord, S: Coord): Interval {
  return dQdB(ctx, theta, B, S).add(theta.tauB);
}

/** T(B,S+1) − T(B,S) = τS + dQdS. */
export function diffS(ctx: IntervalContext, theta: Theta, B: Coord, S: Coord): Interval {
  return dQdS(ctx, theta, B, S).add(theta.tauS);
}

/** T(B,S)/S − T(B,S+1)/(S+1) = [τ0 + τB·B + Q(B,S) − S·dQdS] / (S(S+1)). */
export function perTokenDrop(ctx: IntervalContext, theta: Theta, B: Coord, S: Coord): Interval {
  const s = coord(S);
  const h0 = theta.tau0.add(theta.tauB.mul(coord(B)));
  const num = workOverThr(ctx, theta, B, s).add(h0).sub(dQdS(ctx, theta, B, s).mul(s));
  return num.div(s.mul(s.add(Rational.ONE)));
}

/** T(B,S)/B − T(B+1,S)/(B+1) = [τ0 + τS·S + Q(B,S) − B·dQdB] / (B(B+1)). */
export function perRequestDrop(ctx: IntervalContext, theta: Theta, B: Coord, S: Coord): Interval {
  const b = coord(B);
  const g0 = theta.tau0.add(theta.tauS.mul(coord(S)));
  const num = workOverThr(ctx, theta, b, S).add(g0).sub(dQdB(ctx, theta, b, S).mul(b));
  return num.div(b.mul(b.add(Rational.ONE)));
}

/**
 * T(B,S)/Work(S) − T(B,S+1)/Work(S+1)
 *   = [h(S)/Work(S) − h(S+1)/Work(S+1)] + Pmax(1−x)·y(1 − e^{−kS}) / (Thr(S)·Thr(S+1)),
 * h = τ0 + τB·B + τS·S; the first bracket is exact.
 */
export function perWorkDrop(ctx: IntervalContext, theta: Theta, B: Coord, S: Coord): Interval {
  const s = coord(S);
  const s1 = s.add(Rational.ONE);
  const exact = linearOverhead(theta, B, s).div(work(theta, s)).sub(linearOverhead(theta, B, s1).div(work(theta, s1)));
  const y0 = ctx.expNeg(theta.kS.mul(s).normalized());
  const num = uB(ctx, theta, B).mul(y0).mul(ctx.oneMinusExpNeg(theta.kS)).mul(theta.Pmax);
  return num.div(thr(ctx, theta, B, s).mul(thr(ctx, theta, B, s1))).add(exact);
}
