import { Rational } from '../arithmetic/rational.js';
import { InputError } from '../errors.js';
import { certifiedSign, ContextPool } from './certify.js';
import { latency } from './formula.js';
import type { Interval } from './interval.js';
import type { Theta } from './params.js';

/**
 * SLA inversion (SPEC-serving A.5) for an integer B and a rational target T*:
 *
 * - S*(B,T*) = the smallest S minimising |T(B,S) − T*|. Finite search: since
 *   T(B,S) > L(S) = τ0 + τB·B + w0/Pmax + (w1/Pmax + τS)·S and L increases,
 *   every S with L(S) − T* > (an upper bound of the best distance so far) is
 *   strictly worse than the best, and so is every larger S: the scan stops
 *   there. Among the scanned S, those whose distance cannot be certified
 *   strictly larger than another's stay candidates; the precision is raised
 *   (64 … 4096 bits) until one remains. Several left at 4096 bits (possibly an
 *   exact tie, which is never certified) make S* `undecided`, with the candidates.
 * - S⁺(B,T*) = max{S : T(B,S) ≤ T*}: only S with L(S) < T* can qualify (a
 *   finite set); each is decided by a certified sign of T* − T(B,S).
 *
 * With `physical`, S ranges over S ≥ B instead of S ≥ 1.
 */
export interface SlaOptions {
  readonly physical?: boolean;
  /** Most S values examined (default 200000); beyond it the inversion refuses with InputError('SLA_LIMIT'). */
  readonly limit?: number;
  readonly pool?: ContextPool;
}

export type SlaStatus = 'meets' | 'misses' | 'undecided';

export interface SlaPoint {
  readonly S: number;
  readonly status: SlaStatus;
  /** Enclosure of T(B,S) at the precision that decided (or the last one tried). */
  readonly T: Interval;
}

export type SStar =
  | { readonly status: 'certified'; readonly S: number; readonly T: Interval; readonly distance: Interval }
  | { readonly status: 'undecided'; readonly candidates: readonly number[]; readonly note: string };

export type SPlus =
  | { readonly status: 'certified'; readonly S: number | null }
  | { readonly status: 'undecided'; readonly candidates: readonly number[]; readonly note: string };

export interface SlaResult {
  readonly B: number;
  readonly target: Rational;
  readonly sStar: SStar;
  readonly sPlus: SPlus;
  /** Every S with L(S) < T* (the only ones that can meet the target), with its status. */
  readonly points: readonly SlaPoint[];
  /** The S at which the S* scan stopped (excluded, as is every larger S). */
  readonly stoppedAt: number;
}

/** L(S) = τ0 + τB·B + w0/Pmax + (w1/Pmax + τS)·S: a strict lower bound of T(B,S). */
export function latencyLowerLine(theta: Theta, B: number): { intercept: Rational; slope: Rational } {
  return {
    intercept: theta.tau0.add(theta.tauB.mul(Rational.fromInteger(B))).add(theta.w0.div(theta.Pmax)).normalized(),
    slope: theta.w1.div(theta.Pmax).add(theta.tauS).normalized(),
  };
}

export function slaInvert(theta: Theta, B: number, target: Rational, options: SlaOptions = {}): SlaResult {
  if (!Number.isSafeInteger(B) || B < 1) throw new InputError('INVALID_POINT', `B must be an integer ≥ 1 (got ${B})`);
  const pool = options.pool ?? new ContextPool();
  const limit = options.limit ?? 200_000;
  const Smin = options.physical ? B : 1;
  const { intercept, slope } = latencyLowerLine(theta, B);
  const L = (S: number) => intercept.add(slope.mul(Rational.fromInteger(S)));

  const sStarResult = searchSStar(theta, B, target, Smin, L, pool, limit);

  // S⁺: candidates are S with L(S) < T*, i.e. S < (T* − intercept)/slope.
  const bound = target.sub(intercept).div(slope);
  const lastCandidate = Number(ceilRational(bound)) - 1;
  if (lastCandidate - Smin + 1 > limit) {
    throw new InputError('SLA_LIMIT', `SLA inversion would examine ${lastCandidate - Smin + 1} values of S (limit ${limit}); raise the limit or lower the target`);
  }
  const points: SlaPoint[] = [];
  for (let S = Smin; S <= lastCandidate; S++) {
    const c = certifiedSign((ctx) => ctx.fromRational(target).sub(latency(ctx, theta, B, S)), pool);
    const T = latency(pool.at(c.bits), theta, B, S);
    points.push({ S, status: c.sign === 1 ? 'meets' : c.sign === -1 ? 'misses' : 'undecided', T });
  }
  let sPlus: SPlus = { status: 'certified', S: null };
  const undecidedAbove: number[] = [];
  for (let i = points.length - 1; i >= 0; i--) {
    const p = points[i];
    if (p.status === 'undecided') undecidedAbove.push(p.S);
    if (p.status === 'meets') {
      sPlus = undecidedAbove.length
        ? { status: 'undecided', candidates: [p.S, ...undecidedAbove.reverse()], note: `T(B,S) − T* not separated from 0 at 4096 bits for S = ${undecidedAbove.join(', ')}` }
        : { status: 'certified', S: p.S };
      break;
    }
  }
  if (sPlus.status === 'certified' && sPlus.S === null && undecidedAbove.length) {
    sPlus = { status: 'undecided', candidates: undecidedAbove.reverse(), note: 'no S certainly meets the target; some are undecided at 4096 bits' };
  }
  return { B, target, sStar: sStarResult.sStar, sPlus, points, stoppedAt: sStarResult.stoppedAt };
}

/** S*(B,T*) alone (what `sla-argmin-feasible` needs), without the S⁺ scan. */
export function slaArgmin(theta: Theta, B: number, target: Rational, options: SlaOptions = {}): { sStar: SStar; stoppedAt: number } {
  if (!Number.isSafeInteger(B) || B < 1) throw new InputError('INVALID_POINT', `B must be an integer ≥ 1 (got ${B})`);
  const { intercept, slope } = latencyLowerLine(theta, B);
  const L = (S: number) => intercept.add(slope.mul(Rational.fromInteger(S)));
  const Smin = options.physical ? B : 1;
  const limit = options.limit ?? 200_000;
  // The scan passes every S with L(S) ≤ T* (there L(S) − T* ≤ 0 ≤ the best distance): refuse at once when they are too many.
  const reach = Number(target.sub(intercept).div(slope).num / target.sub(intercept).div(slope).den);
  if (reach - Smin >= limit) throw new InputError('SLA_LIMIT', `S* search would pass ${limit} values of S (L(S) ≤ T* up to S ≈ ${reach}); raise the limit or lower the target`);
  return searchSStar(theta, B, target, Smin, L, options.pool ?? new ContextPool(), limit);
}

function searchSStar(
  theta: Theta,
  B: number,
  target: Rational,
  Smin: number,
  L: (S: number) => Rational,
  pool: ContextPool,
  limit: number,
): { sStar: SStar; stoppedAt: number } {
  const ctx0 = pool.at(pool.ladder[0]);
  const distance = (ctx: typeof ctx0, S: number) => latency(ctx, theta, B, S).sub(target).abs();
  const scanned: { S: number; d: Interval }[] = [];
  let bestHi: Rational | null = null;
  let S = Smin;
  for (; ; S++) {
    if (S - Smin >= limit) throw new InputError('SLA_LIMIT', `S* search passed ${limit} values of S without stopping; raise the limit`);
    if (bestHi !== null && L(S).sub(target).compare(bestHi) > 0) break;
    const d = distance(ctx0, S);
    scanned.push({ S, d });
    const hi = Rational.parse(d.hi.toString());
    if (bestHi === null || hi.compare(bestHi) < 0) bestHi = hi;
  }
  const stoppedAt = S;
  let candidates = filterCandidates(scanned);
  for (const bits of pool.ladder.slice(1)) {
    if (candidates.length <= 1) break;
    const ctx = pool.at(bits);
    candidates = filterCandidates(candidates.map((c) => ({ S: c.S, d: distance(ctx, c.S) })));
  }
  if (candidates.length === 1) {
    const { S: best, d } = candidates[0];
    return { sStar: { status: 'certified', S: best, T: latency(d.ctx, theta, B, best), distance: d }, stoppedAt };
  }
  return {
    sStar: {
      status: 'undecided',
      candidates: candidates.map((c) => c.S),
      note: `|T(B,S) − T*| not separated at ${pool.ladder[pool.ladder.length - 1]} bits for S = ${candidates.map((c) => c.S).join(', ')} (possibly an exact tie, never certified)`,
    },
    stoppedAt,
  };
}

/** Keeps every S whose distance is not certainly larger than the smallest upper bound. */
function filterCandidates(all: readonly { S: number; d: Interval }[]): { S: number; d: Interval }[] {
  let best = all[0].d.hi;
  for (const c of all) if (c.d.hi.lt(best)) best = c.d.hi;
  return all.filter((c) => c.d.lo.lte(best));
}

function ceilRational(r: Rational): bigint {
  const q = r.num / r.den;
  return r.num > 0n && q * r.den !== r.num ? q + 1n : q;
}
