import type { FamilyFeatures } from '../family.js';
import type { ParameterContext } from './context.js';
import type { InitialState } from './initial-state.js';
import { gcdInt, type ModelParams } from './params.js';

const ctxOf = (context: () => unknown) => context() as ParameterContext<unknown>;

const shareOf = (p: ModelParams) => p.lambdaA.div(p.lambdaA.add(p.lambdaB)).toString();

/**
 * Stability decided once per (l0, lA, lB, p): A's first row is −W_s/W_0 and W depends on the
 * lengths and q = 1 − p alone (setup.ts), so grids of many budgets or rate scales (region maps
 * group every cell) do not repeat the exact Schur–Cohn test, nor its garbage.
 */
const stableByShape = new Map<string, boolean>();
const MOST_SHAPES_KEPT = 100_000;

function stableOf(p: ModelParams, context: () => unknown): boolean {
  const key = `${p.l0},${p.lA},${p.lB},${shareOf(p)}`;
  let stable = stableByShape.get(key);
  if (stable === undefined) {
    if (stableByShape.size >= MOST_SHAPES_KEPT) stableByShape.clear();
    stable = ctxOf(context).linear.stability.stable;
    stableByShape.set(key, stable);
  }
  return stable;
}

/**
 * The features a condition on these families may name (region maps, `conjecture
 * refine`, `where`). Every one is exact except `rho`, a float64 estimate of the
 * spectral radius of A shown in bands, never used in a condition.
 *
 * - the parameters l0, lA, lB, B, lambdaA, lambdaB themselves;
 * - gcd = gcd(lA, lB);
 * - p = λA / (λA + λB), the share of type A;
 * - stable: ρ(A) < 1, decided exactly (Schur–Cohn, `ctx.linear.stability`);
 * - init: the initial-state kind, canonical | balanced | unbalanced | per-type.
 */
export const THEORY_FEATURES: FamilyFeatures<ModelParams, InitialState> = {
  features: [
    { name: 'l0', label: 'l0 (prefill length)', kind: 'integer', exactness: 'exact', parameter: true, value: (p) => p.l0 },
    { name: 'lA', label: 'lA (decode steps of A)', kind: 'integer', exactness: 'exact', parameter: true, value: (p) => p.lA },
    { name: 'lB', label: 'lB (decode steps of B)', kind: 'integer', exactness: 'exact', parameter: true, value: (p) => p.lB },
    { name: 'B', label: 'B (token budget)', kind: 'rational', exactness: 'exact', parameter: true, value: (p) => p.B.toString() },
    { name: 'lambdaA', label: 'λA', kind: 'rational', exactness: 'exact', parameter: true, value: (p) => p.lambdaA.toString() },
    { name: 'lambdaB', label: 'λB', kind: 'rational', exactness: 'exact', parameter: true, value: (p) => p.lambdaB.toString() },
    { name: 'gcd', label: 'gcd(lA, lB)', kind: 'integer', exactness: 'exact', value: (p) => gcdInt(p.lA, p.lB) },
    { name: 'p', label: 'p = λA/(λA+λB)', kind: 'rational', exactness: 'exact', value: shareOf },
    { name: 'stable', label: 'A stable (ρ(A) < 1, exact)', kind: 'boolean', exactness: 'exact', value: (p, _i, context) => stableOf(p, context) },
    { name: 'init', label: 'initial-state kind', kind: 'category', exactness: 'exact', value: (_p, init) => init.kind },
    {
      name: 'rho',
      label: 'ρ(A) (float64 estimate, bands only)',
      kind: 'rational',
      exactness: 'estimate',
      value: (_p, _i, context) => ctxOf(context).linear.spectrumEstimate.spectralRadius,
    },
  ],
  maps: [
    { x: 'l0', y: 'lB', by: 'lA' },
    { x: 'lB', y: 'stable' },
    { x: 'l0', y: 'p' },
    { x: 'lB', y: 'init' },
  ],
  boundaries: ['l0'],
};
