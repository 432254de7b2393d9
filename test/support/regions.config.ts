import { defineConfig } from '../../harness/config/define.js';
import { planted } from './planted.js';

/**
 * Planted false conjectures whose regions are known in advance, for the
 * region maps and `conjecture refine`: the tests pin what the machinery must
 * find, never a verdict it is meant to discover.
 */
/** Fails (at t = 1) exactly when l0 ≤ 3 and lB is odd. */
export const PLANTED_L0_LB_ODD = planted('planted-l0-lb-odd', (p, t) => p.l0 <= 3 && p.lB % 2 === 1 && t === 1);
/** Fails (at t = 0) exactly when A is unstable (decided exactly). */
export const PLANTED_UNSTABLE = planted('planted-unstable', (_p, t, view) => t === 0 && !view.ctx.linear.stability.stable);
/** Fails (at t = 2) exactly when gcd(lA, lB) > 1. */
export const PLANTED_GCD = planted('planted-gcd', (p, t) => t === 2 && gcd(p.lA, p.lB) > 1);

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

export default defineConfig({ conjectures: [PLANTED_L0_LB_ODD, PLANTED_UNSTABLE, PLANTED_GCD] });
