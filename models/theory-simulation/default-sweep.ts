/**
 * The embedded default sweep (`conjecture sweep` without a config): every
 * conjecture over small and larger prefill lengths (small l0 is where A is
 * mostly unstable, larger l0 where it is mostly stable), finishing in a few
 * minutes on 2 cores.
 */
export const DEFAULT_SWEEP_CONFIG = `{
  name: "default",
  conjectures: "all",
  grid: {
    l0: [1, 2, 3, 4, 6, 8, 12, 16, 24, 32],
    lA: { from: 1, to: 5 },
    lB: { from: 2, to: 6 },       // combinations with lA >= lB are skipped
    B: [60],
    lambdaA: [1, 2, 3],
    lambdaB: [1, 2, 3],
    init: ["canonical", { kind: "lattice", units: 2 }],
    steps: 60,
  },
  random: { runs: 400, seed: 7 },
  arithmetic: "exact",
  tie: "all",
}`;
