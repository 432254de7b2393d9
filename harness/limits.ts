import { InputError } from '../models/errors.js';

/**
 * How much work a command accepts before it starts. Each limit has a flag
 * that raises it; input beyond a limit is refused with a message naming the
 * estimate, the limit and the flag, before anything runs.
 */
export interface WorkLimits {
  /** Steps of one trajectory (`--steps`, a config's `steps`, a replay's `t`). */
  readonly maxSteps: number;
  /** Grid cells of one sweep (lattice vectors included). */
  readonly maxCells: number;
  /** States of one sweep: (cells + random samples) × (steps + 1). */
  readonly maxStates: number;
}

export const DEFAULT_LIMITS: WorkLimits = Object.freeze({ maxSteps: 100_000, maxCells: 10_000_000, maxStates: 10_000_000_000 });

const big = (n: number) => (Number.isFinite(n) ? n.toLocaleString('en-US') : 'astronomically many');

export function checkSteps(steps: number, limits: WorkLimits, what = '--steps'): void {
  if (steps > limits.maxSteps) {
    throw new InputError('TOO_LARGE', `${what} ${big(steps)} is more than ${big(limits.maxSteps)} steps per trajectory; lower it, or raise the limit with --max-steps`);
  }
}

/** Refuses a sweep whose grid or state count is beyond the limits (the grid is counted, never listed). */
export function checkSweepSize(cells: number, samples: number, steps: number, limits: WorkLimits): void {
  if (cells > limits.maxCells) {
    throw new InputError(
      'TOO_LARGE',
      `the grid has ${cells > Number.MAX_SAFE_INTEGER ? `more than ${big(limits.maxCells)}` : big(cells)} cells (lattice initial states included): more than the limit of ${big(limits.maxCells)}; narrow the grid, or raise the limit with --max-cells`,
    );
  }
  const states = (cells + samples) * (steps + 1);
  if (states > limits.maxStates) {
    throw new InputError(
      'TOO_LARGE',
      `the sweep would evaluate ${big(states)} states (${big(cells + samples)} cells and samples × ${steps + 1} steps): more than the limit of ${big(limits.maxStates)}; narrow the grid or the steps, or raise the limit with --max-states`,
    );
  }
}
