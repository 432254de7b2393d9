import { certifiedSign } from '../../models/latency/certify.js';
import { latency } from '../../models/latency/formula.js';
import type { Interval, IntervalContext } from '../../models/latency/interval.js';
import type { Point, Theta } from '../../models/latency/params.js';
import { certifiedOutcome, enc, outsideDomain, pairPoint } from './support.js';
import { DEFAULT_LATENCY_OPTIONS, type GridConjecture } from './types.js';

/** A grid conjecture comparing cell p with its neighbour q = pairPoint(p, pair) through a certified margin. */
export function pairConjecture(spec: {
  id: string;
  statement: string;
  source: string;
  margin: string;
  pair: 'B' | 'S';
  remark?: string;
  value: (ctx: IntervalContext, theta: Theta, p: Point) => Interval;
  /** Names and enclosures of the compared quantities at a point. */
  compared: (ctx: IntervalContext, theta: Theta, p: Point) => Record<string, Interval>;
}): GridConjecture {
  return {
    id: spec.id,
    statement: spec.statement,
    source: spec.source,
    scope: 'grid',
    margin: spec.margin,
    pair: spec.pair,
    ...(spec.remark ? { remark: spec.remark } : {}),
    check(theta, p, options = DEFAULT_LATENCY_OPTIONS) {
      const q = pairPoint(p, spec.pair);
      const out = outsideDomain(p, q, options);
      if (out) return out;
      const c = certifiedSign((ctx) => spec.value(ctx, theta, p), options.pool);
      const ctx = c.enclosure?.ctx;
      const values: Record<string, string> = {};
      if (ctx) {
        values[`T(${p.B},${p.S})`] = enc(latency(ctx, theta, p.B, p.S));
        values[`T(${q.B},${q.S})`] = enc(latency(ctx, theta, q.B, q.S));
        for (const [name, iv] of Object.entries(spec.compared(ctx, theta, p))) values[name] = enc(iv);
      }
      return certifiedOutcome(c, values, { B: p.B, S: p.S, B2: q.B, S2: q.S });
    },
  };
}
