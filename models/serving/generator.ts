import { Rational } from '../arithmetic/rational.js';
import { InputError } from '../errors.js';
import type { Request } from './request.js';
import { uniformInt, uniformOpen, type Rng } from './rng.js';

/**
 * A seeded workload generator with exact arrival times.
 *
 * - `deterministic`: a_i = i/λ.
 * - `poisson`: arrivals on the grid 1/g (g = `grid`, default 1000): the gap in
 *   grid units is geometric on {1, 2, …} with success probability λ/g, so
 *   E[gap] = 1/λ exactly and every a_i is an exact multiple of 1/g. This is the
 *   Bernoulli process on the grid, which converges to the Poisson process of
 *   rate λ as g → ∞ (needs λ/g ≤ 1). The geometric draw uses floating point
 *   (inversion of a uniform); its result, an integer, is exact.
 *
 * Lengths are fixed or drawn from a small discrete distribution with integer
 * weights (exact probabilities w/Σw), independently for prefill and decode.
 */
export interface LengthDistribution {
  /** Values ≥ 1 with integer weights ≥ 1. */
  readonly values: readonly number[];
  readonly weights: readonly number[];
}

export type ArrivalKind = 'poisson' | 'deterministic';

export interface GeneratorSpec {
  readonly arrivals: ArrivalKind;
  /** λ > 0, requests per time unit. */
  readonly rate: Rational;
  /** Grid denominator g for Poisson arrivals. */
  readonly grid: number;
  readonly prefill: LengthDistribution;
  readonly decode: LengthDistribution;
  /** Stop after this many requests and/or at the first arrival after `horizon` (at least one must be set). */
  readonly count?: number;
  readonly horizon?: Rational;
}

const bad = (message: string): never => {
  throw new InputError('INVALID_GENERATOR', message);
};

/** Parses "8" or "4:1,8:3" (value:weight pairs). */
export function parseLengthDistribution(name: string, text: string): LengthDistribution {
  const values: number[] = [];
  const weights: number[] = [];
  for (const part of text.split(',')) {
    const m = /^\s*(\d+)\s*(?::\s*(\d+)\s*)?$/.exec(part);
    if (!m) return bad(`${name} must be an integer ≥ 1 or value:weight pairs such as "4:1,8:3" (got "${text}")`);
    const v = Number(m[1]);
    const w = m[2] === undefined ? 1 : Number(m[2]);
    if (!Number.isSafeInteger(v) || v < 1) bad(`${name}: every length must be an integer ≥ 1 (got ${m[1]} in "${text}")`);
    if (!Number.isSafeInteger(w) || w < 1) bad(`${name}: every weight must be an integer ≥ 1 (got ${m[2]} in "${text}")`);
    if (values.includes(v)) bad(`${name}: length ${v} is listed twice in "${text}"`);
    values.push(v);
    weights.push(w);
  }
  return { values, weights };
}

export const formatLengthDistribution = (d: LengthDistribution): string =>
  d.values.length === 1 ? String(d.values[0]) : d.values.map((v, i) => `${v}:${d.weights[i]}`).join(',');

export const fixedLength = (v: number): LengthDistribution => ({ values: [v], weights: [1] });

export function validateGeneratorSpec(s: GeneratorSpec): GeneratorSpec {
  if (s.rate.sign() <= 0) bad(`generator rate must be > 0 (got ${s.rate.toString()})`);
  if (!Number.isSafeInteger(s.grid) || s.grid < 1) bad(`generator grid must be an integer ≥ 1 (got ${s.grid})`);
  if (s.arrivals === 'poisson' && s.rate.compare(Rational.fromInteger(s.grid)) > 0) {
    bad(`generator rate must be ≤ grid for poisson arrivals (got rate ${s.rate.toString()}, grid ${s.grid}); raise --grid`);
  }
  if (s.count === undefined && s.horizon === undefined) bad('generator needs a request count or a horizon');
  if (s.count !== undefined && (!Number.isSafeInteger(s.count) || s.count < 0)) bad(`generator count must be an integer ≥ 0 (got ${s.count})`);
  if (s.horizon !== undefined && s.horizon.sign() < 0) bad(`generator horizon must be ≥ 0 (got ${s.horizon.toString()})`);
  return s;
}

function drawLength(rng: Rng, d: LengthDistribution): number {
  if (d.values.length === 1) return d.values[0];
  const total = d.weights.reduce((a, b) => a + b, 0);
  let u = uniformInt(rng, total);
  for (let i = 0; i < d.values.length; i++) {
    if (u < d.weights[i]) return d.values[i];
    u -= d.weights[i];
  }
  return d.values[d.values.length - 1];
}

/** Requests in arrival order (ids 0, 1, …), lazily; the same rng state gives the same workload. */
export function* generateRequests(spec: GeneratorSpec, rng: Rng): Generator<Request> {
  validateGeneratorSpec(spec);
  const g = BigInt(spec.grid);
  const q = spec.rate.toNumber() / spec.grid;
  const logFail = Math.log1p(-Math.min(q, 1 - 1e-16));
  let units = 0n; // poisson: time in grid units
  for (let i = 0; spec.count === undefined || i < spec.count; i++) {
    let arrival: Rational;
    if (spec.arrivals === 'deterministic') arrival = Rational.fromInteger(i).div(spec.rate).normalized();
    else {
      const gap = q >= 1 ? 1 : Math.max(1, Math.ceil(Math.log(uniformOpen(rng)) / logFail));
      units += BigInt(gap);
      arrival = Rational.of(units, g);
    }
    if (spec.horizon !== undefined && arrival.compare(spec.horizon) > 0) return;
    yield { id: i, arrival, prefill: drawLength(rng, spec.prefill), decode: drawLength(rng, spec.decode) };
  }
}

/** E[f(X)] for a length distribution, exactly. */
export function expectation(d: LengthDistribution, f: (v: number) => Rational): Rational {
  const total = d.weights.reduce((a, b) => a + b, 0);
  let s = Rational.ZERO;
  d.values.forEach((v, i) => (s = s.add(f(v).mul(Rational.fromInteger(d.weights[i])))));
  return s.div(Rational.fromInteger(total)).normalized();
}

/** E[w], w = d·p + d(d+1)/2 (executed tokens per request, §C.4), with p and d independent. */
export function expectedWork(prefill: LengthDistribution, decode: LengthDistribution): Rational {
  const Ep = expectation(prefill, (v) => Rational.fromInteger(v));
  const Ed = expectation(decode, (v) => Rational.fromInteger(v));
  const Etri = expectation(decode, (v) => Rational.of(v * (v + 1), 2));
  return Ed.mul(Ep).add(Etri).normalized();
}
