import type { DecidingFigures } from '../schema.js';

/** The deciding policy's figures (see deciding.ts), kept apart so that saved-state code needs no engine. */

export const emptyDecidingFigures = (path: DecidingFigures['path']): DecidingFigures => ({
  path,
  cells: 0,
  cellsScreened: 0,
  fallbacks: { tie: 0, branch: 0, bound: 0, error: 0, exactValues: 0 },
  verdicts: { screened: 0, exact: 0 },
});

/** a += b (the same path); associative and commutative, so shards and batches add up in any order. */
export function addDecidingFigures(a: DecidingFigures, b: DecidingFigures): DecidingFigures {
  if (a.path !== b.path) a.path = 'mixed';
  a.cells += b.cells;
  a.cellsScreened += b.cellsScreened;
  // Figures saved before a reason existed lack it: count it as 0.
  for (const k of Object.keys(emptyDecidingFigures(a.path).fallbacks) as (keyof DecidingFigures['fallbacks'])[]) a.fallbacks[k] = (a.fallbacks[k] ?? 0) + (b.fallbacks[k] ?? 0);
  a.verdicts.screened += b.verdicts.screened;
  a.verdicts.exact += b.verdicts.exact;
  return a;
}
