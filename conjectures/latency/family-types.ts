import type { LatencyContext, LatencyView } from '../../models/latency/candidate.js';

/** The latency family's context and view, for its conjectures' types (see FamilyTypes). */
declare module '../types.js' {
  interface FamilyTypes<N> {
    latency: { context: LatencyContext<N>; view: LatencyView<N> };
  }
}
