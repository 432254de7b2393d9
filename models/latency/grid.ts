import type { GridBounds } from './arbitraries.js';
import type { Point } from './params.js';

/**
 * Every point of the grid 1..Bmax × 1..Smax (S ≥ B when physical), in the
 * minimality order of order.ts: by B + S, then B.
 */
export function gridPoints(grid: GridBounds): Point[] {
  const out: Point[] = [];
  for (let sum = 2; sum <= grid.Bmax + grid.Smax; sum++) {
    for (let B = Math.max(1, sum - grid.Smax); B <= Math.min(grid.Bmax, sum - 1); B++) {
      const S = sum - B;
      if (grid.physical && S < B) continue;
      out.push({ B, S });
    }
  }
  return out;
}

/** Validates grid bounds (integers ≥ 1). */
export function checkGrid(grid: GridBounds): GridBounds {
  for (const key of ['Bmax', 'Smax'] as const) {
    if (!Number.isSafeInteger(grid[key]) || grid[key] < 1) throw new RangeError(`grid.${key} must be an integer ≥ 1 (got ${grid[key]})`);
  }
  return grid;
}
