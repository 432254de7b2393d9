import { defineConfig } from '../../harness/config/define.js';
import { planted } from './planted.js';

/**
 * Planted false conjectures for testing the machinery (search, sweep, gate,
 * vitest API, reports): where each fails is known in advance, so tests pin
 * what the machinery must find, never a verdict the harness is meant to
 * discover. Loaded as a user config (`--config`), so worker threads load it too.
 */
export const PLANTED_LB3_T2 = planted('planted-lb3-t2', (p, t) => p.lB >= 3 && t === 2);

export default defineConfig({ conjectures: [PLANTED_LB3_T2] });
