import { latAboveAsymptote } from './lat-above-asymptote.js';
import { latHighLimitAbs } from './lat-high-limit-abs.js';
import { latHighLimit } from './lat-high-limit.js';
import { latIdentifiable } from './lat-identifiable.js';
import { latLowLimitB } from './lat-low-limit-B.js';
import { latLowLimitS } from './lat-low-limit-S.js';
import { latLowLimit } from './lat-low-limit.js';
import { latNondecreasingB } from './lat-nondecreasing-B.js';
import { latNondecreasingS } from './lat-nondecreasing-S.js';
import { latPerRequestNonincreasing } from './lat-per-request-nonincreasing.js';
import { latPerTokenNonincreasing } from './lat-per-token-nonincreasing.js';
import { latPerWorkNonincreasing } from './lat-per-work-nonincreasing.js';
import { slaArgminFeasible } from './sla-argmin-feasible.js';
import { thrDiminishingReturns } from './thr-diminishing-returns.js';
import type { AnyLatencyConjecture } from './types.js';

export { gridCells } from './support.js';
export type { AnyLatencyConjecture, GridConjecture, RealConjecture, ThetaConjecture, LatencyAt, LatencyConjecture, LatencyMargin, LatencyOptions, LatencyScope, SlaConjecture, SlaQuery } from './types.js';

/** Every seed-003 conjecture of SPEC-serving §D, in the order of the table. */
export const LATENCY_CONJECTURES: readonly AnyLatencyConjecture[] = [
  latLowLimit,
  latLowLimitB,
  latLowLimitS,
  latHighLimit,
  latHighLimitAbs,
  latAboveAsymptote,
  latNondecreasingB,
  latNondecreasingS,
  latPerTokenNonincreasing,
  latPerRequestNonincreasing,
  latPerWorkNonincreasing,
  thrDiminishingReturns,
  latIdentifiable,
  slaArgminFeasible,
];

export function latencyConjecture(id: string): AnyLatencyConjecture | undefined {
  return LATENCY_CONJECTURES.find((c) => c.id === id);
}
