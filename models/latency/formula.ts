import { Rational } from '../arithmetic/rational.js';
import type { Interval, IntervalContext } from './interval.js';
import type { Theta, ThetaFloat } from './params.js';

/**
 * The step-latency model (SPEC-serving A.2):
 *   Thr = Pmax(1−e^{−kB·B})(1−e^{−kS·S}),  Work = w0 + w1·S,
 *   T(B,S) = τ0 + Work/Thr + τB·B + τS·S,
 *   Tlin = τ0 + Work/Pmax + τB·B + τS·S   (exact).
 * B and S are rationals so that the real extension (limits) uses the same code;
 * the integer domain is checked by the callers (params.ts `validatePoint`).
 */
export type Coord = Rational | number | bigint;

export function coord(x: Coord): Rational {
  return x instanceof Rational ? x : Rational.fromInteger(x);
}

/** Work = w0 + w1·S, exact. */
export function work(theta: Theta, S: Coord): Rational {
  return theta.w0.add(theta.w1.mul(coord(S))).normalized();
}

/** The linear asymptote Tlin, exact. */
export function tLin(theta: Theta, B: Coord, S: Coord): Rational {
  const b = coord(B);
  const s = coord(S);
  return theta.tau0.add(work(theta, s).div(theta.Pmax)).add(theta.tauB.mul(b)).add(theta.tauS.mul(s)).normalized();
}

/** τ0 + τB·B + τS·S, exact. */
export function linearOverhead(theta: Theta, B: Coord, S: Coord): Rational {
  return theta.tau0.add(theta.tauB.mul(coord(B))).add(theta.tauS.mul(coord(S))).normalized();
}

/** 1 − e^{−kB·B} enclosure. */
export function uB(ctx: IntervalContext, theta: Theta, B: Coord): Interval {
  return ctx.oneMinusExpNeg(theta.kB.mul(coord(B)).normalized());
}

/** 1 − e^{−kS·S} enclosure. */
export function uS(ctx: IntervalContext, theta: Theta, S: Coord): Interval {
  return ctx.oneMinusExpNeg(theta.kS.mul(coord(S)).normalized());
}

/** Thr(B,S) enclosure. */
export function thr(ctx: IntervalContext, theta: Theta, B: Coord, S: Coord): Interval {
  return uB(ctx, theta, B).mul(uS(ctx, theta, S)).mul(theta.Pmax);
}

/** Work/Thr enclosure. */
export function workOverThr(ctx: IntervalContext, theta: Theta, B: Coord, S: Coord): Interval {
  return ctx.fromRational(work(theta, S)).div(thr(ctx, theta, B, S));
}

/** T(B,S) enclosure. */
export function latency(ctx: IntervalContext, theta: Theta, B: Coord, S: Coord): Interval {
  return workOverThr(ctx, theta, B, S).add(linearOverhead(theta, B, S));
}

/**
 * T − Tlin = Work·(1/Thr − 1/Pmax) = (Work/Pmax)·(x + y − xy)/((1−x)(1−y)) with
 * x = e^{−kB·B}, y = e^{−kS·S}: written without cancellation, so its enclosure
 * is tight relative to its (tiny, positive) value even when x, y ≈ 0.
 */
export function excessOverAsymptote(ctx: IntervalContext, theta: Theta, B: Coord, S: Coord): Interval {
  const x = ctx.expNeg(theta.kB.mul(coord(B)).normalized());
  const y = ctx.expNeg(theta.kS.mul(coord(S)).normalized());
  const oneMinusX = uB(ctx, theta, B);
  const oneMinusY = uS(ctx, theta, S);
  // x + y − xy = x + y(1 − x): a sum of non-negative terms, no cancellation.
  const numerator = x.add(y.mul(oneMinusX));
  return numerator.div(oneMinusX.mul(oneMinusY)).mul(work(theta, S).div(theta.Pmax));
}

// ---- Floating point (fitting, generation, plots; never decides a verdict) ----

/** 1 − e^{−x} in doubles without cancellation. */
export function oneMinusExpNegFloat(x: number): number {
  return -Math.expm1(-x);
}

export function thrFloat(t: ThetaFloat, B: number, S: number): number {
  return t.Pmax * oneMinusExpNegFloat(t.kB * B) * oneMinusExpNegFloat(t.kS * S);
}

export function latencyFloat(t: ThetaFloat, B: number, S: number): number {
  return t.tau0 + (t.w0 + t.w1 * S) / thrFloat(t, B, S) + t.tauB * B + t.tauS * S;
}
