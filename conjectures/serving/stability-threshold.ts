import { Rational } from '../../models/arithmetic/rational.js';
import { exactArithmetic as ar } from '../../models/arithmetic/exact.js';
import { expectedWork, generateRequests, type GeneratorSpec } from '../../models/serving/generator.js';
import { loadRho } from '../../models/serving/fluid.js';
import type { ServingParams } from '../../models/serving/params.js';
import { seededRng } from '../../models/serving/rng.js';
import { simulate } from '../../models/serving/simulator.js';
import { byMargin, undecided, vacuous } from '../support/outcome.js';
import type { Outcome } from '../support/outcome.js';
import type { TrajectoryConjecture } from '../types.js';
import type { ServingView } from '../../models/serving/view.js';
import type { Request } from '../../models/serving/request.js';
import { fixedLength } from '../../models/serving/generator.js';
import type { ServingFamilyConjecture } from './types.js';

/**
 * "ρ < 1 ⇒ Q bounded; ρ > 1 ⇒ Q grows linearly" (ρ of §C.4) is a statement
 * about an infinite horizon. It is decided here only by a finite certificate,
 * for deterministic arrivals (a_i = i/λ) and fixed lengths, where every
 * request is alike and the future depends only on the state up to a time
 * shift. The key of a snapshot is (next arrival − now, the R list as (pos,
 * whether its entry time equals the previous one's), the Z list of pos).
 * - Two snapshots with the same key and the same |W| repeat exactly: the run
 *   is periodic, |W| is bounded (certificate "bounded").
 * - The same key with |W| larger by δ > 0, and W never emptied by an admission
 *   in between: the second period replays the first with δ more waiting
 *   requests, and so does every later one, so |W| grows by δ per period
 *   (certificate "linear growth"). A stall (the head of W can never be
 *   admitted) is linear growth at rate λ.
 * Without a certificate within `maxBatches` the outcome is undecided, never a
 * pass. Poisson arrivals and random lengths are undecided (no certificate).
 */
export interface StabilityInput {
  readonly params: ServingParams;
  readonly spec: GeneratorSpec;
  /** Give up (undecided) after this many batches. */
  readonly maxBatches: number;
}

/** The certificate decision on one deterministic system (also used by tests and `serving` tools). */
export const stabilityDecision: ServingFamilyConjecture<StabilityInput> = {
  id: 'stability-threshold',
  statement: 'ρ < 1 ⇒ Q bounded; ρ > 1 ⇒ Q grows linearly (ρ = λ·E[w]·(d0 + d1·C)/C, C = min(B, M))',
  source: '004 (稳定性分析), SPEC-serving §C.4',
  scope: 'family',
  margin: '(1 − ρ) under a "bounded" certificate, (ρ − 1) under a "linear growth" one; holds iff > 0; ρ = 1 is vacuous',
  remark: 'decided only by an exact periodicity certificate (deterministic arrivals, fixed lengths); otherwise undecided',
  check({ params, spec, maxBatches }) {
    const rho = loadRho(params, spec.rate, expectedWork(spec.prefill, spec.decode));
    const one = Rational.ONE;
    if (rho.equals(one)) return vacuous('ρ = 1: the statement says nothing');
    if (spec.arrivals !== 'deterministic' || spec.prefill.values.length > 1 || spec.decode.values.length > 1) {
      return undecided('no finite certificate for random arrivals or lengths: an infinite-horizon claim is not decided by a finite run', { rho });
    }
    const decide = (kind: 'bounded' | 'linear growth', extra: Record<string, Rational>, positions: Record<string, number>) =>
      byMargin(ar, kind === 'bounded' ? one.sub(rho).normalized() : rho.sub(one).normalized(), { rho, ...extra }, { positions, note: `certificate: ${kind}` }, true);
    const input = generateRequests({ ...spec, count: Number.MAX_SAFE_INTEGER, horizon: undefined }, seededRng(0));
    const seen = new Map<string, { batch: number; waiting: number; time: Rational; exhaustedBefore: number }>();
    let arrivals = 0;
    let lastExhausted = -1;
    for (const e of simulate(params, input, { drainOnStall: false })) {
      if (e.kind === 'memory' && e.type === 'arrival') arrivals++;
      else if (e.kind === 'cycle') {
        if (e.admitted.length > 0 && e.state.counts().waiting === 0) lastExhausted = e.batch;
      } else if (e.kind === 'end') {
        if (e.stalled) return decide('linear growth', { growthRate: spec.rate, T: e.time }, { batch: e.batches });
        return undecided('the run ended without a certificate', { rho });
      } else if (e.kind === 'snapshot') {
        if (e.batch >= maxBatches) break;
        const phase = Rational.fromInteger(arrivals).div(spec.rate).sub(e.time).normalized();
        const entries = e.state.runningEntries();
        const lengths = e.state.runningLengths();
        const R = lengths.map((l, i) => `${l}${i > 0 && entries[i].equals(entries[i - 1]) ? '=' : '<'}`).join(' ');
        const key = `${phase.toString()}|${R}|${e.state.swappedLengths().join(' ')}`;
        const prev = seen.get(key);
        if (prev) {
          const period = e.time.sub(prev.time).normalized();
          const positions = { firstBatch: prev.batch, secondBatch: e.batch };
          if (e.waiting === prev.waiting) return decide('bounded', { period, waiting: Rational.fromInteger(e.waiting) }, positions);
          if (e.waiting > prev.waiting && lastExhausted < prev.batch) {
            const delta = Rational.fromInteger(e.waiting - prev.waiting);
            return decide('linear growth', { period, growthPerPeriod: delta, growthRate: delta.div(period).normalized() }, positions);
          }
        }
        seen.set(key, { batch: e.batch, waiting: e.waiting, time: e.time, exhaustedBefore: lastExhausted });
      }
    }
    return undecided(`no periodicity certificate within ${maxBatches} batches`, { rho });
  },
};

/** Batches the certificate search runs before it gives up (undecided). */
export const STABILITY_MAX_BATCHES = 4000;

/**
 * The deterministic system a finite workload is a prefix of, if any: at least
 * two requests, a_i = i·g for one g > 0 (so λ = 1/g), all prefills equal and
 * all decodes equal. Anything else has no certificate.
 */
export function deterministicSpec(requests: readonly Request[]): GeneratorSpec | null {
  if (requests.length < 2) return null;
  const rs = [...requests].sort((a, b) => a.id - b.id);
  const gap = rs[1].arrival.sub(rs[0].arrival).normalized();
  if (!rs[0].arrival.isZero() || gap.sign() <= 0) return null;
  for (let i = 0; i < rs.length; i++) {
    if (!rs[i].arrival.equals(gap.mul(Rational.fromInteger(i)).normalized())) return null;
    if (rs[i].prefill !== rs[0].prefill || rs[i].decode !== rs[0].decode) return null;
  }
  return { arrivals: 'deterministic', rate: Rational.ONE.div(gap).normalized(), grid: 1, prefill: fixedLength(rs[0].prefill), decode: fixedLength(rs[0].decode), count: rs.length };
}

/**
 * The generic conjecture on the `serving` family: a candidate's workload that
 * is a prefix of a deterministic system (see `deterministicSpec`) is decided
 * by the periodicity certificate on that system's infinite workload (up to
 * STABILITY_MAX_BATCHES batches); every other workload is undecided, never a
 * pass. One outcome per run, reported at its end (t = steps).
 */
export const stabilityThreshold: TrajectoryConjecture<'serving'> = {
  id: stabilityDecision.id,
  statement: stabilityDecision.statement,
  source: stabilityDecision.source,
  family: 'serving',
  scope: 'trajectory',
  preconditions: [],
  names: [],
  margin: stabilityDecision.margin,
  remark: `${stabilityDecision.remark}; a workload decides only if it is a_i = i/λ with fixed lengths (its infinite extension is run, ≤ ${STABILITY_MAX_BATCHES} batches)`,
  start<N>(first: ServingView) {
    return {
      step: () => null,
      finish(): Outcome<N> {
        const spec = deterministicSpec(first.requests);
        if (!spec) return undecided('no finite certificate: the workload is not a_i = i/λ with fixed lengths (an infinite-horizon claim is not decided by a finite run)') as Outcome<N>;
        return stabilityDecision.check({ params: first.params, spec, maxBatches: STABILITY_MAX_BATCHES }) as Outcome<N>;
      },
    };
  },
};
