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
}

/**
 * refuted: some cell failed; not reached: none evaluated; partial: some not
 * evaluated yet; vacuous: every evaluated cell had a false precondition; held:
 * every cell evaluated, none failed, not all vacuous.
 */
export function classify(counts: CoverageCounts | undefined, expected: number): CoverageOutcome {
  if (!counts || counts.cells === 0) return 'not reached';
  if (counts.cellsFailed > 0) return 'refuted';
  if (counts.cells < expected) return 'partial';
  if (counts.cellsVacuous === counts.cells) return 'vacuous';
  return 'held';
}

function cell(key: string, counts: CoverageCounts | undefined, expected: number): CoverageCell {
  return {
    key,
    outcome: classify(counts, expected),
    cells: counts?.cells ?? 0,
    expected,
    failed: counts?.cellsFailed ?? 0,
    vacuous: counts?.cellsVacuous ?? 0,
    statesChecked: counts?.statesChecked ?? 0,
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
    const sum: CoverageCounts = { cells: 0, cellsFailed: 0, cellsVacuous: 0, statesChecked: 0, statesFailed: 0 };
    let expected = 0;
    for (const v of group) {
      expected += expectedByKey[String(v)];
      const counts = countsByKey[String(v)];
      if (counts) for (const k of Object.keys(sum) as (keyof CoverageCounts)[]) sum[k] += counts[k];
    }
    out.push({ ...cell(band, sum, expected), band });
  }
  return out;
}

/** Share of vacuous states among everything evaluated (grid). */
export const vacuousShare = (c: ConjectureSummary) => c.statesVacuous / Math.max(1, c.statesChecked + c.statesVacuous);
