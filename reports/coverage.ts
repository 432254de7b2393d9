import type { CoverageDimension, ConjectureSummary, CoverageCounts } from '../harness/schema.js';
import type { CoverageOutcome } from './charts/render.js';

/** One cell of a coverage map: what happened to the grid cells it stands for. */
export interface CoverageCell {
  key: string;
  outcome: CoverageOutcome;
  cells: number;
  expected: number;
  failed: number;
  vacuous: number;
  statesChecked: number;
  statesFailed: number;
  /** null when the summary predates these counts. */
  statesVacuous: number | null;
  statesUndecided: number | null;
  /** Share of checked states that fail (null when none was checked): what a refuted cell is coloured by. */
  failShare: number | null;
  /** Share of evaluated states that were checked rather than vacuous (by cells when state counts are missing). */
  checkedShare: number | null;
}

/** Below this share of checked (non-vacuous) states, a cell that held is marked "mostly vacuous", not "held". */
export const MOSTLY_VACUOUS_BELOW = 0.5;

/** Share of evaluated states (or, for older summaries, cells) that were checked, not vacuous. */
export function checkedShare(counts: CoverageCounts | undefined): number | null {
  if (!counts || counts.cells === 0) return null;
  if (counts.statesVacuous !== undefined) {
    const all = counts.statesChecked + counts.statesVacuous;
    return all === 0 ? null : counts.statesChecked / all;
  }
  return (counts.cells - counts.cellsVacuous) / counts.cells;
}

/**
 * refuted: some cell failed; not reached: none evaluated; partial: some not
 * evaluated yet; vacuous: nothing was checked (every precondition false);
 * undecided: some states could not be decided; mostly vacuous: held, but less
 * than half of the states were checked; held: every cell evaluated, none
 * failed, mostly checked. A cell is "held" only on real evidence.
 */
export function classify(counts: CoverageCounts | undefined, expected: number): CoverageOutcome {
  if (!counts || counts.cells === 0) return 'not reached';
  if (counts.cellsFailed > 0 || counts.statesFailed > 0) return 'refuted';
  if (counts.cells < expected) return 'partial';
  if (counts.cellsVacuous === counts.cells || counts.statesChecked === 0) return 'vacuous';
  if ((counts.statesUndecided ?? 0) > 0) return 'undecided';
  const share = checkedShare(counts);
  if (share !== null && share < MOSTLY_VACUOUS_BELOW) return 'mostly vacuous';
  return 'held';
}

function cell(key: string, counts: CoverageCounts | undefined, expected: number): CoverageCell {
  const statesChecked = counts?.statesChecked ?? 0;
  const statesFailed = counts?.statesFailed ?? 0;
  return {
    key,
    outcome: classify(counts, expected),
    cells: counts?.cells ?? 0,
    expected,
    failed: counts?.cellsFailed ?? 0,
    vacuous: counts?.cellsVacuous ?? 0,
    statesChecked,
    statesFailed,
    statesVacuous: counts ? (counts.statesVacuous ?? null) : 0,
    statesUndecided: counts ? (counts.statesUndecided ?? null) : 0,
    failShare: statesChecked > 0 ? statesFailed / statesChecked : null,
    checkedShare: checkedShare(counts),
  };
}

/** A pair dimension of one conjecture (keys "y,x"): every pair the grid declares, reached or not. */
export function pairCoverage(c: ConjectureSummary, dimension: CoverageDimension): (CoverageCell & { y: number; x: number })[] {
  return Object.entries(c.expected[dimension.id] ?? {})
    .map(([key, expected]) => {
      const [y, x] = key.split(',').map(Number);
      return { ...cell(key, c.coverage[dimension.id]?.[key], expected), y, x };
    })
    .sort((a, b) => a.x - b.x || a.y - b.y);
}

/** A numeric dimension grouped into at most `bands` bands of consecutive grid values. */
export function bandCoverage(c: ConjectureSummary, dimension: CoverageDimension, bands = 8): (CoverageCell & { band: string })[] {
  const expectedByKey = c.expected[dimension.id] ?? {};
  const countsByKey = c.coverage[dimension.id] ?? {};
  const values = Object.keys(expectedByKey).map(Number).sort((a, b) => a - b);
  const size = Math.max(1, Math.ceil(values.length / bands));
  const out: (CoverageCell & { band: string })[] = [];
  for (let i = 0; i < values.length; i += size) {
    const group = values.slice(i, i + size);
    const band = group.length === 1 ? `${group[0]}` : `${group[0]}–${group[group.length - 1]}`;
    const sum: Required<CoverageCounts> = { cells: 0, cellsFailed: 0, cellsVacuous: 0, statesChecked: 0, statesFailed: 0, statesVacuous: 0, statesUndecided: 0 };
    let expected = 0;
    let stateCounts = true;
    for (const v of group) {
      expected += expectedByKey[String(v)];
      const counts = countsByKey[String(v)];
      if (!counts) continue;
      if (counts.statesVacuous === undefined) stateCounts = false;
      for (const k of Object.keys(sum) as (keyof CoverageCounts)[]) sum[k] += counts[k] ?? 0;
    }
    const { statesVacuous, statesUndecided, ...base } = sum;
    out.push({ ...cell(band, stateCounts ? sum : base, expected), band });
  }
  return out;
}

/** Share of vacuous states among everything evaluated (grid). */
export const vacuousShare = (c: ConjectureSummary) => c.statesVacuous / Math.max(1, c.statesChecked + c.statesVacuous);
