import type { CoverageDimension } from '../../harness/schema.js';
import type { TopLevelSpec } from 'vega-lite';
import type { CoverageCell } from '../coverage.js';
import { baseConfig, OUTCOME_COLORS, OUTCOMES } from './render.js';

const outcomeScale = { domain: OUTCOMES, range: OUTCOMES.map((o) => OUTCOME_COLORS[o]) };

/** Heatmap over a pair dimension of a family: the outcome of each pair's cells, with counts. */
export function coverageMapSpec(id: string, cells: (CoverageCell & { y: number; x: number })[], dimension: CoverageDimension): TopLevelSpec {
  const [yName, xName] = dimension.axes ?? ['y', 'x'];
  const values = cells.map((c) => ({
    ...c,
    label: c.outcome === 'refuted' ? `${c.failed}/${c.cells} failed` : c.outcome === 'not reached' ? '0' : `${c.cells}/${c.expected}`,
  }));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: `${id}: coverage over ${dimension.label}`, subtitle: 'cells per pair by outcome; label: failed or evaluated / declared cells' },
    config: baseConfig,
    data: { values },
    width: { step: 64 },
    height: { step: 30 },
    encoding: {
      x: { field: 'x', type: 'ordinal', title: xName },
      y: { field: 'y', type: 'ordinal', title: yName, sort: 'descending' },
    },
    layer: [
      {
        mark: { type: 'rect', stroke: 'white' },
        encoding: {
          color: { field: 'outcome', type: 'nominal', scale: outcomeScale, title: 'outcome' },
          tooltip: [
            { field: 'y', title: yName },
            { field: 'x', title: xName },
            { field: 'outcome' },
            { field: 'cells', title: 'cells evaluated' },
            { field: 'expected', title: 'cells declared' },
            { field: 'failed', title: 'cells failed' },
            { field: 'vacuous', title: 'cells vacuous' },
          ],
        },
      },
      { mark: { type: 'text', fontSize: 10 }, encoding: { text: { field: 'label' }, color: { value: 'black' } } },
    ],
  } as TopLevelSpec;
}

/** Stacked bars per band of a numeric dimension: cells held, refuted, vacuous, not yet reached. */
export function bandsSpec(id: string, bands: (CoverageCell & { band: string })[], dimension: CoverageDimension): TopLevelSpec {
  const values = bands.flatMap((b) => [
    { band: b.band, outcome: 'refuted', cells: b.failed },
    { band: b.band, outcome: 'vacuous', cells: b.vacuous },
    { band: b.band, outcome: 'held', cells: Math.max(0, b.cells - b.failed - b.vacuous) },
    { band: b.band, outcome: 'not reached', cells: Math.max(0, b.expected - b.cells) },
  ]);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: `${id}: coverage over ${dimension.label} bands`, subtitle: 'cells by outcome (a refuted cell has at least one failing state)' },
    config: baseConfig,
    data: { values },
    width: { step: 48 },
    height: 180,
    mark: 'bar',
    encoding: {
      x: { field: 'band', type: 'ordinal', sort: null, title: dimension.label },
      y: { field: 'cells', type: 'quantitative', title: 'cells (parameter combination × start)' },
      color: { field: 'outcome', type: 'nominal', scale: outcomeScale, title: 'outcome' },
      tooltip: [{ field: 'band' }, { field: 'outcome' }, { field: 'cells' }],
    },
  } as TopLevelSpec;
}

/** Bars of counts by category (cases A–D, eviction depth). */
export function countsSpec(title: string, xTitle: string, counts: Record<string, number>): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    config: baseConfig,
    data: { values: Object.entries(counts).map(([k, n]) => ({ k, n })) },
    width: { step: 40 },
    height: 140,
    mark: 'bar',
    encoding: {
      x: { field: 'k', type: 'ordinal', title: xTitle, sort: null },
      y: { field: 'n', type: 'quantitative', title: 'states' },
      tooltip: [{ field: 'k', title: xTitle }, { field: 'n', title: 'states' }],
    },
  } as TopLevelSpec;
}
