import type { ModelSetup } from './setup.js';

/**
 * One step of the merged models (SPEC §3): advance, desired admission, then
 * Theory admits ã (possibly negative) while Simulation admits max(ã, 0) and
 * evicts from the lowest stages when ã < 0.
 */

export interface TheoryStep<N> {
  readonly state: N[];
  /** aᵀ = ãᵀ, possibly negative. */
  readonly admission: N;
}

export interface SimulationStep<N> {
  readonly state: N[];
  /** ã of the Simulation: (B − E)/W_0 after the advance. */
  readonly desired: N;
  /** max(ã, 0). */
  readonly admission: N;
  /** The advanced state M' (M'_0 = 0) before admission or eviction. */
  readonly advanced: readonly N[];
  /** e_s = M'_s − M_s ≥ 0 (all zero without eviction). */
  readonly eviction: readonly N[];
  readonly evicted: boolean;
}

/** M'_s = M_{s−1}, M'_0 = 0; the last stage completes. */
export function advance<N>(m: ModelSetup<N>, M: readonly N[]): N[] {
  const next = new Array<N>(M.length);
  next[0] = m.ar.zero;
  for (let s = 1; s < M.length; s++) next[s] = M[s - 1];
  return next;
}

/** ã = (B − Σ_{s≥1} W_s M'_s) / W_0 for an advanced state. */
export function desiredAdmission<N>(m: ModelSetup<N>, advanced: readonly N[]): N {
  const { ar, W } = m;
  // advanced[0] = 0, so the full dot product is the occupied tokens of stages ≥ 1.
  const occupied = ar.dot(W, advanced);
  return ar.normalize(ar.div(ar.sub(m.B, occupied), W[0]));
}

export function theoryStep<N>(m: ModelSetup<N>, M: readonly N[]): TheoryStep<N> {
  const state = advance(m, M);
  const admission = desiredAdmission(m, state);
  state[0] = admission;
  return { state, admission };
}

export function simulationStep<N>(m: ModelSetup<N>, M: readonly N[]): SimulationStep<N> {
  const { ar } = m;
  const advanced = advance(m, M);
  const desired = desiredAdmission(m, advanced);
  if (ar.sign(desired) >= 0) {
    const state = advanced.slice();
    state[0] = desired;
    return { state, desired, admission: desired, advanced, eviction: m.zeros, evicted: false };
  }
  const { state, eviction } = evictFromBottom(m, advanced);
  return { state, desired, admission: ar.zero, advanced, eviction, evicted: true };
}

/**
 * Keeps stages whole from lB−1 down while the running total stays ≤ B; the
 * first stage that does not fit keeps exactly what brings the total to B, every
 * lower stage is evicted entirely. Called only when the advanced state is over B.
 */
export function evictFromBottom<N>(m: ModelSetup<N>, advanced: readonly N[]): { state: N[]; eviction: N[] } {
  const { ar, W, B } = m;
  const state = advanced.slice();
  const eviction = advanced.map(() => ar.zero);
  let running = ar.zero;
  let s = advanced.length - 1;
  for (; s >= 1; s--) {
    const stageTokens = ar.mul(W[s], advanced[s]);
    const total = ar.add(running, stageTokens);
    if (ar.compare(total, B) <= 0) {
      running = total;
      continue;
    }
    state[s] = ar.normalize(ar.div(ar.sub(B, running), W[s]));
    eviction[s] = ar.normalize(ar.sub(advanced[s], state[s]));
    break;
  }
  for (let k = s - 1; k >= 1; k--) {
    eviction[k] = advanced[k];
    state[k] = ar.zero;
  }
  return { state, eviction };
}
