import { certifiedSign } from '../../models/latency/certify.js';
import { excessOverAsymptote, latency, tLin } from '../../models/latency/formula.js';
import type { Point } from '../../models/latency/params.js';
import { DEFAULT_LATENCY_OPTIONS, type GridConjecture } from './types.js';
import { certifiedOutcome, enc, outsideDomain } from './support.js';
import { pointConjecture } from './generic.js';

/**
 * T > Tlin at every cell. T − Tlin = (Work/Pmax)·(x + y(1−x))/((1−x)(1−y)),
 * x = e^{−kB·B}, y = e^{−kS·S}, is evaluated in that cancellation-free form, so
 * the enclosure stays tight relative to the value even where it is tiny.
 */
export const latAboveAsymptote: GridConjecture = {
  id: 'lat-above-asymptote',
  statement: 'T(B,S) > Tlin(B,S)',
  source: '003 §4.1',
  scope: 'grid',
  margin: 'T − Tlin (certified enclosure); holds iff > 0',
  check(theta, p: Point, options = DEFAULT_LATENCY_OPTIONS) {
    const out = outsideDomain(p, null, options);
    if (out) return out;
    const c = certifiedSign((ctx) => excessOverAsymptote(ctx, theta, p.B, p.S), options.pool);
    const ctx = c.enclosure!.ctx;
    return certifiedOutcome(c, { T: enc(latency(ctx, theta, p.B, p.S)), Tlin: tLin(theta, p.B, p.S) }, { B: p.B, S: p.S });
  },
};

/** As a conjecture of the `latency` model family (at t = 0 of each run from a point (B, S)). */
export const latAboveAsymptoteConjecture = pointConjecture(latAboveAsymptote);
