import { classifyCase, type Case } from '../../support/outcome.js';
import type { StepView } from '../../../models/theory-simulation/step-view.js';
import { consideredPositions, decideTie, type TieRule } from '../../support/tie-rule.js';

/**
 * Shared by the conjectures that name m = argmax Mˢ (and n = argmin Mˢ): forms
 * every considered position (pair) under the tie rule, scores each with the
 * conjecture's margin, and returns the deciding one.
 */
export function decideOverM<N>(v: StepView<N>, tie: TieRule, margin: (m: number) => N) {
  const ms = consideredPositions(tie, v.argmaxS);
  // A single position decides under every rule (the usual case: no tie).
  const chosen = ms.length === 1 ? { at: ms[0], margin: margin(ms[0]) } : decideTie(v.ar, tie, ms.map((m) => ({ at: m, margin: margin(m) })));
  return { m: chosen.at, margin: chosen.margin, tie: v.argmaxS.length > 1 };
}

export function decideOverPairs<N>(v: StepView<N>, tie: TieRule, margin: (m: number, n: number) => N) {
  const ms = consideredPositions(tie, v.argmaxS);
  const ns = consideredPositions(tie, v.argminS);
  const chosen =
    ms.length === 1 && ns.length === 1
      ? { at: [ms[0], ns[0]] as const, margin: margin(ms[0], ns[0]) }
      : decideTie(
          v.ar,
          tie,
          ms.flatMap((m) => ns.map((n) => ({ at: [m, n] as const, margin: margin(m, n) }))),
        );
  const [m, n] = chosen.at;
  const caseOf: Case = classifyCase(v.ar, v.delta[m], v.delta[n]);
  return { m, n, margin: chosen.margin, case: caseOf, tie: v.argmaxS.length > 1 || v.argminS.length > 1 };
}
