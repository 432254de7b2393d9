import type { Certified } from '../../models/latency/certify.js';
import type { Interval } from '../../models/latency/interval.js';
import { inDomain, type Point } from '../../models/latency/params.js';
import type { GridBounds } from '../../models/latency/arbitraries.js';
import { gridPoints } from '../../models/latency/grid.js';
import type { Outcome } from '../support/outcome.js';
import type { GridConjecture, LatencyMargin, LatencyOptions } from './types.js';

/** An enclosure as text. */
export const enc = (iv: Interval): string => iv.format(20);

/**
 * Outcome of a certified margin: holds when certainly > 0, fails when
 * certainly < 0, undecided otherwise (an exact tie is never certified).
 */
export function certifiedOutcome(
  c: Certified,
  values: Outcome<LatencyMargin>['values'],
  positions: Outcome<LatencyMargin>['positions'] = {},
): Outcome<LatencyMargin> {
  const margin = c.enclosure ? enc(c.enclosure) : undefined;
  const withBits = { ...values, ...(margin ? { precisionBits: String(c.bits) } : {}) };
  if (c.sign === 'undecided') {
    return {
      status: 'undecided',
      ...(margin ? { margin } : {}),
      values: withBits,
      positions,
      note: `the margin's enclosure contains 0 at ${c.bits} bits (an exact tie is never certified)`,
    };
  }
  return { status: c.sign > 0 ? 'holds' : 'fails', margin, values: withBits, positions };
}

/** The neighbour a grid conjecture compares a cell with. */
export function pairPoint(p: Point, pair: 'B' | 'S'): Point {
  return pair === 'B' ? { B: p.B + 1, S: p.S } : { B: p.B, S: p.S + 1 };
}

/** The vacuous outcome when the cell or its neighbour is outside the domain. */
export function outsideDomain(p: Point, q: Point | null, options: LatencyOptions): Outcome<LatencyMargin> | null {
  if (!inDomain(p, options)) return { status: 'vacuous', values: {}, note: `(B=${p.B}, S=${p.S}) is outside the domain${options.physical ? ' (physical: S ≥ B)' : ''}` };
  if (q && !inDomain(q, options)) {
    return { status: 'vacuous', values: {}, positions: { B: p.B, S: p.S }, note: `the compared point (B=${q.B}, S=${q.S}) is outside the domain (physical: S ≥ B)` };
  }
  return null;
}

/**
 * The cells of a grid at which a grid conjecture is evaluated: every (B, S) of
 * 1..Bmax × 1..Smax (minimality order) whose compared neighbour is also in the
 * grid and in the domain (S ≥ B when physical).
 */
export function gridCells(c: GridConjecture, grid: GridBounds): Point[] {
  return gridPoints(grid).filter((p) => {
    if (!c.pair) return true;
    const q = pairPoint(p, c.pair);
    return q.B <= grid.Bmax && q.S <= grid.Smax && (!grid.physical || q.S >= q.B);
  });
}
