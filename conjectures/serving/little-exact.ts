import { Rational } from '../../models/arithmetic/rational.js';
import { exactArithmetic as ar } from '../../models/arithmetic/exact.js';
import { byMargin } from '../support/outcome.js';
import { LittleIntegrator } from '../../models/serving/little.js';
import { vacuous } from '../support/outcome.js';
import { defineServingConjecture } from './generic.js';
import type { ServingRunConjecture } from './types.js';

/**
 * C.5: when every request completes, ∫_0^{T_end} L(t) dt = Σ_i (c_i − a_i),
 * with L(t) = #{i : a_i ≤ t < c_i} integrated piecewise from the arrival and
 * completion events, and Σ (c − a) from the completion traces.
 */
const fold: ServingRunConjecture = {
  id: 'little-exact',
  statement: 'all complete ⇒ ∫_0^T L dt = Σ_i (c_i − a_i) (so L̄ = λ̂·W̄)',
  source: '004 (Little\'s law), SPEC-serving §C.5',
  scope: 'run',
  margin: '−|∫ L dt − Σ (c_i − a_i)|; holds iff = 0',
  start() {
    const little = new LittleIntegrator();
    let sum = Rational.ZERO;
    return {
      event(e) {
        if (e.kind === 'memory' && e.type === 'arrival') little.arrival(e.time);
        else if (e.kind === 'memory' && e.type === 'completion') little.completion(e.time);
        else if (e.kind === 'complete') sum = sum.add(e.trace.completion.sub(e.trace.request.arrival)).normalized();
        else if (e.kind === 'snapshot') little.flush(e.time);
        return null;
      },
      finish(end) {
        if (end.incomplete.length > 0) return vacuous(`${end.incomplete.length} request(s) never complete`);
        little.flush(end.time);
        const integral = little.integral();
        return byMargin(ar, integral.sub(sum).abs().neg(), { integralL: integral, sumDelays: sum, T: end.time }, { positions: { batch: end.batches } });
      },
    };
  },
};

export const littleExact = defineServingConjecture(fold, { atEnd: true, inScope: 'the run did not end' });
