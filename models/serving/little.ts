import { Rational } from '../arithmetic/rational.js';

/**
 * ∫ L(t) dt for L(t) = #{i : a_i ≤ t < c_i} (SPEC-serving §C.5), exactly and
 * streaming: arrival times and completion times are each fed in non-decreasing
 * order (as the simulator reports them), and `flush(t)` integrates up to t once
 * every event ≤ t has been fed. Memory holds only the unflushed events.
 */
export class LittleIntegrator {
  private readonly arrivals: Rational[] = [];
  private readonly completions: Rational[] = [];
  private ai = 0;
  private ci = 0;
  private L = 0;
  private last = Rational.ZERO;
  private total = Rational.ZERO;

  arrival(a: Rational): void {
    this.arrivals.push(a);
  }

  completion(c: Rational): void {
    this.completions.push(c);
  }

  flush(upTo: Rational): void {
    for (;;) {
      const a = this.ai < this.arrivals.length ? this.arrivals[this.ai] : null;
      const c = this.ci < this.completions.length ? this.completions[this.ci] : null;
      let t: Rational;
      let isArrival: boolean;
      if (a && (!c || a.compare(c) <= 0)) {
        t = a;
        isArrival = true;
      } else if (c) {
        t = c;
        isArrival = false;
      } else break;
      if (t.compare(upTo) > 0) break;
      if (this.L !== 0) this.total = this.total.add(t.sub(this.last).mul(Rational.fromInteger(this.L))).normalized();
      this.last = t;
      if (isArrival) {
        this.L++;
        this.ai++;
      } else {
        this.L--;
        this.ci++;
      }
    }
    if (this.ai > 4096) this.arrivals.splice(0, this.ai), (this.ai = 0);
    if (this.ci > 4096) this.completions.splice(0, this.ci), (this.ci = 0);
  }

  /** ∫_0^{t} L dt for the t of the last flush that passed every fed event. */
  integral(): Rational {
    return this.total;
  }

  /** Requests arrived and not completed, as of the last flush. */
  get inSystem(): number {
    return this.L;
  }
}
