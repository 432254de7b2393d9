import { Rational } from '../arithmetic/rational.js';
import { coordinateViolation, THETA_KEYS, type Point, type Theta, type ThetaKey } from './params.js';

/**
 * A latency candidate: θ, and where the conjecture needs them a point (B, S)
 * and an SLA target T*.
 *
 * Minimality order (smaller first), lexicographic over:
 *   1. the point: absent before present; then B + S; then B;
 *   2. θ coordinates in the order Pmax, kB, kS, w0, w1, τ0, τB, τS, each by
 *      height max(|p|, q) first, then by value (as `compareByHeight` of
 *      harness/search/rationals.ts, restated here so models/ stays independent of
 *      harness/);
 *   3. the target T*: absent first, then by height, then value.
 * It is a total order on candidates (equal keys are equal candidates).
 */
export interface LatencyCandidate {
  readonly theta: Theta;
  readonly point?: Point;
  readonly target?: Rational;
}

export function compareRationalByHeight(a: Rational, b: Rational): -1 | 0 | 1 {
  const ha = a.height();
  const hb = b.height();
  if (ha !== hb) return ha < hb ? -1 : 1;
  return a.compare(b);
}

export function compareCandidates(a: LatencyCandidate, b: LatencyCandidate): -1 | 0 | 1 {
  const p = comparePoints(a.point, b.point);
  if (p !== 0) return p;
  for (const key of THETA_KEYS) {
    const c = compareRationalByHeight(a.theta[key], b.theta[key]);
    if (c !== 0) return c;
  }
  if (!a.target || !b.target) return a.target ? 1 : b.target ? -1 : 0;
  return compareRationalByHeight(a.target, b.target);
}

function comparePoints(a: Point | undefined, b: Point | undefined): -1 | 0 | 1 {
  if (!a || !b) return a ? 1 : b ? -1 : 0;
  const sa = a.B + a.S;
  const sb = b.B + b.S;
  if (sa !== sb) return sa < sb ? -1 : 1;
  return a.B < b.B ? -1 : a.B > b.B ? 1 : 0;
}

export interface NeighbourOptions {
  /** Keep S ≥ B for generated points. */
  readonly physical?: boolean;
  /** Largest number of smaller values tried per rational coordinate (default 8). */
  readonly perCoordinate?: number;
}

/**
 * Strictly smaller candidates (under `compareCandidates`) that differ from c in
 * one component, for local minimisation, in increasing order, without
 * duplicates. Points: B−1, S−1, (B−1, S+1) (same sum, smaller B); each θ
 * coordinate: smaller-height values 0 (where allowed), 1, ⌊v⌋, ⌈v⌉ and the
 * nearest values p'/q' with q' < q; the target likewise (kept > 0). Every
 * generated θ satisfies A.1.
 */
export function neighbours(c: LatencyCandidate, options: NeighbourOptions = {}): LatencyCandidate[] {
  const out: LatencyCandidate[] = [];
  if (c.point) {
    const { B, S } = c.point;
    const points: Point[] = [
      { B: B - 1, S },
      { B, S: S - 1 },
      { B: B - 1, S: S + 1 },
    ];
    for (const p of points) {
      if (p.B < 1 || p.S < 1 || (options.physical && p.S < p.B)) continue;
      out.push({ ...c, point: p });
    }
  }
  const limit = options.perCoordinate ?? 8;
  for (const key of THETA_KEYS) {
    for (const v of smallerRationals(c.theta[key], limit)) {
      if (coordinateViolation(key, v)) continue;
      out.push({ ...c, theta: { ...c.theta, [key]: v } as Record<ThetaKey, Rational> as Theta });
    }
  }
  if (c.target) {
    for (const v of smallerRationals(c.target, limit)) if (v.sign() > 0) out.push({ ...c, target: v });
  }
  const unique = new Map<string, LatencyCandidate>();
  for (const n of out) if (compareCandidates(n, c) < 0) unique.set(candidateKey(n), n);
  return [...unique.values()].sort(compareCandidates);
}

/** Rationals strictly below v in the height order, simplest first (at most `limit`). */
export function smallerRationals(v: Rational, limit = 8): Rational[] {
  const found = new Map<string, Rational>();
  const add = (r: Rational) => {
    if (compareRationalByHeight(r, v) < 0) found.set(r.toString(), r);
  };
  add(Rational.ZERO);
  add(Rational.ONE);
  const floor = floorDiv(v.num, v.den);
  add(Rational.of(floor));
  add(Rational.of(floor + 1n));
  const q = v.den;
  const candidatesQ = new Set<bigint>();
  for (let d = 2n; d < q && d <= 12n; d++) candidatesQ.add(d);
  if (q > 2n) candidatesQ.add(q / 2n);
  if (q > 3n) candidatesQ.add(q - 1n);
  for (const d of candidatesQ) {
    const p = floorDiv(v.num * d, q);
    add(Rational.of(p, d));
    add(Rational.of(p + 1n, d));
  }
  if (v.num !== 0n) add(Rational.of(v.num > 0n ? v.num - 1n : v.num + 1n, q));
  return [...found.values()].sort(compareRationalByHeight).slice(0, limit);
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a < 0n && q * b !== a ? q - 1n : q;
}

/** A stable text key of a candidate. */
export function candidateKey(c: LatencyCandidate): string {
  return JSON.stringify([c.point ? [c.point.B, c.point.S] : null, THETA_KEYS.map((k) => c.theta[k].toString()), c.target?.toString() ?? null]);
}
