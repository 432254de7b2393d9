import { Rational } from '../arithmetic/rational.js';
import type { EndEvent, SimEvent } from './events.js';
import { LittleIntegrator } from './little.js';

/** Run metrics of SPEC-serving §B.6, exact (strings "p/q" in JSON); null where undefined (0/0). */
export interface ServingMetrics {
  readonly totalTime: Rational;
  readonly batches: number;
  readonly requests: number;
  readonly completed: number;
  readonly incomplete: readonly number[];
  readonly stalled: boolean;
  readonly meanDelay: Rational | null;
  readonly maxDelay: Rational | null;
  /** Over all completed requests (zeros included). */
  readonly meanWaitingTime: Rational | null;
  /** The seed's variant: over completed requests that waited (> 0). */
  readonly meanWaitingTimeSeed: Rational | null;
  readonly meanSwapCount: Rational | null;
  /** |C|/T and Σ_C d/T. */
  readonly requestThroughput: Rational | null;
  readonly tokenThroughput: Rational | null;
  /** Entries into R: admissions from W plus swap-ins. */
  readonly admitted: number;
  readonly admittedFromWaiting: number;
  readonly swappedOut: number;
  readonly swappedIn: number;
  /** G/M: mean over batches, and weighted by Δ. */
  readonly utilizationMean: Rational | null;
  readonly utilizationTimeWeighted: Rational | null;
  /** |W| at snapshots: mean, max, population variance over batches. */
  readonly waitingMean: Rational | null;
  readonly waitingMax: number;
  readonly waitingVariance: Rational | null;
  /** C.5. */
  readonly little: {
    /** ∫_0^T L dt (null unless every request completed). */
    readonly integralL: Rational | null;
    /** Σ_C (c_i − a_i). */
    readonly sumDelays: Rational;
    /** Σ_k (|W| + |R| + |Z|)_k Δ_k. */
    readonly snapshotSum: Rational;
    /** λ̂ = N/T, W̄ = Σ(c − a)/N, L̄ = ∫L/T (when every request completed and T > 0). */
    readonly lambdaHat: Rational | null;
    readonly meanL: Rational | null;
  };
}

const ratio = (n: Rational, d: Rational): Rational | null => (d.isZero() ? null : n.div(d).normalized());
const int = (n: number) => Rational.fromInteger(n);

/** A fold over a run's events: counters only, so memory does not grow with the run. */
export class MetricsFold {
  private batches = 0;
  private sumDelay = Rational.ZERO;
  private maxDelay: Rational | null = null;
  private sumWaiting = Rational.ZERO;
  private sumWaitingNonZero = Rational.ZERO;
  private waitedCount = 0;
  private swapCountSum = 0;
  private completedTokens = 0;
  private completed = 0;
  private admittedFromWaiting = 0;
  private swappedIn = 0;
  private swappedOut = 0;
  private utilSum = Rational.ZERO;
  private utilWeighted = Rational.ZERO;
  private durationSum = Rational.ZERO;
  private waitingSum = 0;
  private waitingSqSum = 0;
  private waitingMax = 0;
  private snapshotSum = Rational.ZERO;
  private readonly little = new LittleIntegrator();

  onEvent(e: SimEvent): void {
    switch (e.kind) {
      case 'snapshot': {
        this.little.flush(e.time);
        this.batches++;
        const util = Rational.of(e.G, e.M);
        this.utilSum = this.utilSum.add(util).normalized();
        this.utilWeighted = this.utilWeighted.add(util.mul(e.duration)).normalized();
        this.durationSum = this.durationSum.add(e.duration).normalized();
        this.waitingSum += e.waiting;
        this.waitingSqSum += e.waiting * e.waiting;
        if (e.waiting > this.waitingMax) this.waitingMax = e.waiting;
        this.snapshotSum = this.snapshotSum.add(e.duration.mul(int(e.waiting + e.running + e.swapped))).normalized();
        return;
      }
      case 'memory':
        if (e.type === 'arrival') this.little.arrival(e.time);
        else if (e.type === 'admit') this.admittedFromWaiting++;
        else if (e.type === 'swap_in') this.swappedIn++;
        else if (e.type === 'swap_out') this.swappedOut++;
        else if (e.type === 'completion') this.little.completion(e.time);
        return;
      case 'complete': {
        const t = e.trace;
        this.completed++;
        this.sumDelay = this.sumDelay.add(t.totalDelay).normalized();
        if (!this.maxDelay || t.totalDelay.compare(this.maxDelay) > 0) this.maxDelay = t.totalDelay;
        this.sumWaiting = this.sumWaiting.add(t.waitingTime).normalized();
        if (t.waitingTime.sign() > 0) {
          this.waitedCount++;
          this.sumWaitingNonZero = this.sumWaitingNonZero.add(t.waitingTime).normalized();
        }
        this.swapCountSum += t.swapCount;
        this.completedTokens += t.request.decode;
        return;
      }
      default:
        return;
    }
  }

  finish(end: EndEvent): ServingMetrics {
    this.little.flush(end.time);
    const T = end.time;
    const C = int(this.completed);
    const K = int(this.batches);
    const allDone = end.incomplete.length === 0;
    const meanW = ratio(int(this.waitingSum), K);
    const variance = meanW === null ? null : int(this.waitingSqSum).div(K).sub(meanW.mul(meanW)).normalized();
    return {
      totalTime: T,
      batches: end.batches,
      requests: end.requests,
      completed: end.completed,
      incomplete: end.incomplete,
      stalled: end.stalled,
      meanDelay: ratio(this.sumDelay, C),
      maxDelay: this.maxDelay,
      meanWaitingTime: ratio(this.sumWaiting, C),
      meanWaitingTimeSeed: ratio(this.sumWaitingNonZero, int(this.waitedCount)),
      meanSwapCount: ratio(int(this.swapCountSum), C),
      requestThroughput: ratio(C, T),
      tokenThroughput: ratio(int(this.completedTokens), T),
      admitted: this.admittedFromWaiting + this.swappedIn,
      admittedFromWaiting: this.admittedFromWaiting,
      swappedOut: this.swappedOut,
      swappedIn: this.swappedIn,
      utilizationMean: ratio(this.utilSum, K),
      utilizationTimeWeighted: ratio(this.utilWeighted, this.durationSum),
      waitingMean: meanW,
      waitingMax: this.waitingMax,
      waitingVariance: variance,
      little: {
        integralL: allDone ? this.little.integral() : null,
        sumDelays: this.sumDelay,
        snapshotSum: this.snapshotSum,
        lambdaHat: allDone ? ratio(int(end.requests), T) : null,
        meanL: allDone ? ratio(this.little.integral(), T) : null,
      },
    };
  }
}

/** JSON form: Rationals as strings. */
export function metricsToJson(m: ServingMetrics): unknown {
  return JSON.parse(JSON.stringify(m));
}
