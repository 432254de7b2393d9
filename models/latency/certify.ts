import { DivisorContainsZero, IntervalContext, PRECISION_LADDER_BITS, type Interval } from './interval.js';

/**
 * Certified signs (SPEC-serving A.6): an expression is evaluated in interval
 * arithmetic at 64, 128, …, 4096 bits until its enclosure excludes 0. A sign is
 * returned only then; an enclosure that still contains 0 at the top precision
 * gives 'undecided'. Equality is never certified: an exact tie (a zero value)
 * always ends 'undecided', whatever the precision.
 */
export type CertifiedSign = -1 | 1 | 'undecided';

export interface Certified {
  readonly sign: CertifiedSign;
  /** The last enclosure computed (absent when every precision hit a divisor containing 0). */
  readonly enclosure?: Interval;
  /** The precision (bits) of that enclosure. */
  readonly bits: number;
}

/** Contexts per precision, shared by the evaluations of one task so that e^x values are computed once. */
export class ContextPool {
  private readonly byBits = new Map<number, IntervalContext>();
  constructor(readonly ladder: readonly number[] = PRECISION_LADDER_BITS) {
    if (ladder.length === 0) throw new RangeError('empty precision ladder');
  }
  at(bits: number): IntervalContext {
    let ctx = this.byBits.get(bits);
    if (!ctx) {
      ctx = new IntervalContext(bits);
      this.byBits.set(bits, ctx);
    }
    return ctx;
  }
}

/**
 * The certified sign of `expr`. `expr` may throw DivisorContainsZero when a
 * divisor is not yet separated from 0 at a precision: that precision is skipped.
 */
export function certifiedSign(expr: (ctx: IntervalContext) => Interval, pool: ContextPool = new ContextPool()): Certified {
  let last: Interval | undefined;
  let lastBits = pool.ladder[0];
  for (const bits of pool.ladder) {
    let value: Interval;
    try {
      value = expr(pool.at(bits));
    } catch (error) {
      if (error instanceof DivisorContainsZero) continue;
      throw error;
    }
    last = value;
    lastBits = bits;
    const s = value.sign();
    if (s !== null) return { sign: s, enclosure: value, bits };
  }
  return last ? { sign: 'undecided', enclosure: last, bits: lastBits } : { sign: 'undecided', bits: lastBits };
}

/** Sign of a − b, certified. */
export function certifiedCompare(
  a: (ctx: IntervalContext) => Interval,
  b: (ctx: IntervalContext) => Interval,
  pool: ContextPool = new ContextPool(),
): Certified {
  return certifiedSign((ctx) => a(ctx).sub(b(ctx)), pool);
}
