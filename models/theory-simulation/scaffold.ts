import type { FamilyScaffold } from '../family.js';

/** The example `conjecture init` scaffolds: a statement about the Simulation of SPEC §3 that holds by construction. */
export const THEORY_SCAFFOLD: FamilyScaffold = {
  conjectureId: 'simulation-nonnegative',
  conjectureSource: `defineConjecture({
  id: 'simulation-nonnegative',
  statement: 'Mˢ_s ≥ 0 at every stage s and every t',
  source: 'example',
  family: 'theory-simulation',
  // Scaling B, or both rates, leaves every sign of the run unchanged: check decides one candidate per class.
  invariantUnder: ['scale-B', 'scale-rates'],
  scope: 'step',
  preconditions: [],
  names: [],
  margin: 'min_s Mˢ_s; holds iff ≥ 0',
  check(view) {
    return byMargin(view.ar, view.minS, { simulation: view.simulation });
  },
})`,
  claimDomain: `{
        l0: { from: 1, to: 8 }, lA: { from: 1, to: 3 }, lB: { from: 2, to: 5 },
        B: [60], lambdaA: [1, 2], lambdaB: [1, 2],
        init: ["canonical", { kind: "lattice", units: 2 }], steps: 30,
      }`,
  testDomain: `{ l0: { from: 1, to: 4 }, lA: [1, 2], lB: [3, 4], B: [60], lambdaA: [1], lambdaB: [1, 2], steps: 20 }`,
};
