import type { CoverageDimension } from '../../harness/schema.js';
import type { TopLevelSpec } from 'vega-lite';
import type { CoverageCell } from '../coverage.js';
import { baseConfig, FAIL_SHARE_RANGE, OUTCOME_COLORS, OUTCOMES, type CoverageOutcome } from './render.js';

const outcomeScale = (outcomes: readonly CoverageOutcome[] = OUTCOMES) => ({ domain: [...outcomes], range: outcomes.map((o) => OUTCOME_COLORS[o]) });

/** Approximate width in px of a label in the charts' sans-serif font. */
export const textWidth = (text: string, fontSize: number) => Math.ceil([...text].length * fontSize * 0.62);

/**
 * Axis settings so ordinal labels never overlap: horizontal when each fits its
 * band, else rotated (and thinned by Vega's greedy overlap removal as a last resort).
 */
export function axisLabelFit(labels: readonly string[], step: number, fontSize = 11): { labelAngle: number; labelOverlap: 'greedy'; labelLimit: number } {
  const widest = Math.max(0, ...labels.map((l) => textWidth(l, fontSize)));
  return { labelAngle: widest + 4 <= step ? 0 : -45, labelOverlap: 'greedy', labelLimit: 160 };
}

/** A band wide enough for the widest in-cell label. */
export function stepFor(labels: readonly string[], fontSize: number, min: number): number {
  return Math.max(min, Math.max(0, ...labels.map((l) => textWidth(l, fontSize))) + 10);
}

const pct = (x: number) => (x > 0 && x < 0.01 ? '<1%' : x < 1 && x > 0.99 ? '>99%' : `${Math.round(x * 100)}%`);

/** The short text inside a coverage cell. */
export function cellLabel(c: CoverageCell): string {
  switch (c.outcome) {
    case 'refuted':
      return c.failShare === null ? 'fail' : `${pct(c.failShare)} fail`;
    case 'partial':
      return `${c.cells}/${c.expected}`;
    case 'not reached':
      return '–';
    case 'mostly vacuous':
      return `${pct(1 - (c.checkedShare ?? 0))} vac`;
    default:
      return c.outcome;
  }
}

const DARK: ReadonlySet<CoverageOutcome> = new Set(['held', 'vacuous', 'undecided']);

/**
 * Heatmap over a pair dimension of a family. Refuted cells are coloured by the share of checked
 * states that fail (a sequential scale with its own legend); every other
 * outcome (held, mostly vacuous, vacuous, undecided, partial, not reached)
 * keeps its own colour. The label says the failing or vacuous share; the
 * tooltip has every count.
 */
export function coverageMapSpec(id: string, cells: (CoverageCell & { y: number; x: number })[], dimension: CoverageDimension): TopLevelSpec {
  const fontSize = 10;
  const [yName, xName] = dimension.axes ?? ['y', 'x'];
  const values = cells.map((c) => ({
    ...c,
    label: cellLabel(c),
    textColor: DARK.has(c.outcome) || (c.outcome === 'refuted' && (c.failShare ?? 0) > 0.25) ? 'white' : 'black',
    failPercent: c.failShare === null ? null : Math.round(c.failShare * 10000) / 100,
    checkedPercent: c.checkedShare === null ? null : Math.round(c.checkedShare * 10000) / 100,
  }));
  const step = stepFor(values.map((v) => v.label), fontSize, 44);
  const present = OUTCOMES.filter((o) => o !== 'refuted');
  const tooltip = [
    { field: 'y', title: yName },
    { field: 'x', title: xName },
    { field: 'outcome' },
    { field: 'failPercent', title: 'failing share of checked states (%)' },
    { field: 'checkedPercent', title: 'checked (non-vacuous) share of states (%)' },
    { field: 'statesChecked', title: 'states checked' },
    { field: 'statesFailed', title: 'states failed' },
    { field: 'statesVacuous', title: 'states vacuous' },
    { field: 'statesUndecided', title: 'states undecided' },
    { field: 'cells', title: 'cells evaluated' },
    { field: 'expected', title: 'cells declared' },
    { field: 'failed', title: 'cells failed' },
    { field: 'vacuous', title: 'cells vacuous' },
  ];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: `${id}: coverage over ${dimension.label}`,
      subtitle: ['refuted: coloured by the failing share of checked states;', `other cells by outcome ("mostly vacuous": held with < ${Math.round(50)}% of states checked)`],
    },
    config: baseConfig,
    data: { values },
    width: { step },
    height: { step: 26 },
    encoding: {
      x: { field: 'x', type: 'ordinal', title: xName, axis: axisLabelFit(values.map((v) => String(v.x)), step) },
      y: { field: 'y', type: 'ordinal', title: yName, sort: 'descending', axis: { labelOverlap: 'greedy' } },
    },
    layer: [
      {
        transform: [{ filter: "datum.outcome !== 'refuted'" }],
        mark: { type: 'rect', stroke: 'white' },
        encoding: {
          color: { field: 'outcome', type: 'nominal', scale: outcomeScale(present), title: 'outcome', legend: { orient: 'right' } },
          tooltip,
        },
      },
      {
        transform: [{ filter: "datum.outcome === 'refuted'" }],
        mark: { type: 'rect', stroke: 'white' },
        encoding: {
          color: {
            field: 'failShare',
            type: 'quantitative',
            scale: { type: 'sqrt', domain: [0, 1], range: [...FAIL_SHARE_RANGE] },
            title: 'refuted: failing share',
            legend: { orient: 'right', format: '.0%', gradientLength: 90 },
          },
          tooltip,
        },
      },
      {
        mark: { type: 'text', fontSize },
        encoding: { text: { field: 'label' }, color: { field: 'textColor', type: 'nominal', scale: null } },
      },
    ],
    resolve: { scale: { color: 'independent' }, legend: { color: 'independent' } },
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
  const step = 48;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: `${id}: coverage over ${dimension.label} bands`, subtitle: 'cells by outcome (a refuted cell has at least one failing state)' },
    config: baseConfig,
    data: { values },
    width: { step },
    height: 180,
    mark: 'bar',
    encoding: {
      x: { field: 'band', type: 'ordinal', sort: null, title: dimension.label, axis: axisLabelFit(bands.map((b) => b.band), step) },
      y: { field: 'cells', type: 'quantitative', title: 'cells (parameter combination × start)' },
      color: { field: 'outcome', type: 'nominal', scale: outcomeScale(['held', 'refuted', 'vacuous', 'not reached']), title: 'outcome' },
      tooltip: [{ field: 'band' }, { field: 'outcome' }, { field: 'cells' }],
    },
  } as TopLevelSpec;
}

/** Bars of counts by category (cases A–D, eviction depth). */
export function countsSpec(title: string, xTitle: string, counts: Record<string, number>): TopLevelSpec {
  const step = 40;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    config: baseConfig,
    data: { values: Object.entries(counts).map(([k, n]) => ({ k, n })) },
    width: { step },
    height: 140,
    mark: 'bar',
    encoding: {
      x: { field: 'k', type: 'ordinal', title: xTitle, sort: null, axis: axisLabelFit(Object.keys(counts), step) },
      y: { field: 'n', type: 'quantitative', title: 'states' },
      tooltip: [{ field: 'k', title: xTitle }, { field: 'n', title: 'states' }],
    },
  } as TopLevelSpec;
}
