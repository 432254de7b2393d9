import type { ServingContext, ServingView } from '../../models/serving/view.js';

/** The serving family's context and views, for its conjectures' types (see FamilyTypes). */
declare module '../types.js' {
  interface FamilyTypes<N> {
    serving: { context: ServingContext; view: ServingView };
  }
}
