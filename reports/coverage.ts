import type { ConjectureSummary } from '../harness/sweep/summary.js';
import type { CoverageCounts } from '../harness/sweep/tally.js';
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

/** The (lA, lB) map of one conjecture: every pair the grid declares, reached or not. */
export function pairCoverage(c: ConjectureSummary): (CoverageCell & { lA: number; lB: number })[] {
  return Object.entries(c.expected.pairs)
    .map(([key, expected]) => {
      const [lA, lB] = key.split(',').map(Number);
      return { ...cell(key, c.coverage.pairs[key], expected), lA, lB };
    })
    .sort((a, b) => a.lB - b.lB || a.lA - b.lA);
}

/** l0 grouped into at most `bands` bands of consecutive grid values. */
export function l0Coverage(c: ConjectureSummary, bands = 8): (CoverageCell & { band: string })[] {
  const values = Object.keys(c.expected.l0).map(Number).sort((a, b) => a - b);
  const size = Math.max(1, Math.ceil(values.length / bands));
  const out: (CoverageCell & { band: string })[] = [];
  for (let i = 0; i < values.length; i += size) {
    const group = values.slice(i, i + size);
    const band = group.length === 1 ? `${group[0]}` : `${group[0]}–${group[group.length - 1]}`;
    const sum: CoverageCounts = { cells: 0, cellsFailed: 0, cellsVacuous: 0, statesChecked: 0, statesFailed: 0 };
    let expected = 0;
    for (const v of group) {
      expected += c.expected.l0[String(v)];
      const counts = c.coverage.l0[String(v)];
      if (counts) for (const k of Object.keys(sum) as (keyof CoverageCounts)[]) sum[k] += counts[k];
    }
    out.push({ ...cell(band, sum, expected), band });
  }
  return out;
}

/** Share of vacuous states among everything evaluated (grid). */
export const vacuousShare = (c: ConjectureSummary) => c.statesVacuous / Math.max(1, c.statesChecked + c.statesVacuous);
