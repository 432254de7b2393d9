import type { TopLevelSpec } from 'vega-lite';
import type { TrajectoryRecord } from './record.js';

const schema = 'https://vega.github.io/schema/vega-lite/v6.json';
const T_AXIS = { field: 't', type: 'quantitative', title: 'batch index t' } as const;
const MODEL_COLORS = { domain: ['Theory', 'Simulation'], range: ['#1f77b4', '#2ca02c'] };

/** A vertical rule at the failing t. */
function failingRule(t: number) {
  return {
    data: { values: [{ t }] },
    mark: { type: 'rule', strokeDash: [4, 3], color: '#c62828' },
    encoding: { x: { field: 't', type: 'quantitative' }, tooltip: [{ field: 't', title: 'failing t' }] },
  };
}

/** Lines over t, one per series, with the failing t marked. */
function linesOverT(
  r: TrajectoryRecord,
  title: { text: string; subtitle: string },
  values: { t: number; series: string; value: number | null }[],
  yTitle: string,
  legend: { title: string | null; scale?: typeof MODEL_COLORS },
): TopLevelSpec {
  return {
    $schema: schema,
    title,
    width: 560,
    height: 200,
    layer: [
      {
        data: { values },
        mark: { type: 'line', point: r.steps.length <= 60 },
        encoding: {
          x: T_AXIS,
          y: { field: 'value', type: 'quantitative', title: yTitle },
          color: { field: 'series', type: 'nominal', title: legend.title, ...(legend.scale ? { scale: legend.scale } : {}) },
          tooltip: [{ field: 't' }, { field: 'series' }, { field: 'value', format: '.6g' }],
        },
      },
      failingRule(r.atFailure.t),
    ],
  } as TopLevelSpec;
}

/** Gᵀ(t) and Gˢ(t). */
export function spreadsSpec(r: TrajectoryRecord): TopLevelSpec {
  const values = r.steps.flatMap((s) => [
    { t: s.t, series: 'Theory', value: s.GT },
    { t: s.t, series: 'Simulation', value: s.GS },
  ]);
  return linesOverT(r, { text: 'Spread G = max M − min M over t', subtitle: 'dashed: the failing t' }, values, 'spread G (requests)', {
    title: 'model',
    scale: MODEL_COLORS,
  });
}

/** Δ = Mᵀ − Mˢ as a heatmap over (t, stage). */
export function deltaHeatmapSpec(r: TrajectoryRecord): TopLevelSpec {
  const values = r.steps.flatMap((s) => s.delta.map((d, stage) => ({ t: s.t, stage, delta: d })));
  // Over finite values only: a Δ beyond the doubles' range is left out of the chart (see renderSvg).
  const extent = Math.max(1e-12, ...values.map((v) => Math.abs(v.delta)).filter(Number.isFinite));
  return {
    $schema: schema,
    title: { text: 'Δ = Mᵀ − Mˢ by stage and t', subtitle: 'red: Theory above Simulation; blue: below' },
    data: { values },
    width: 560,
    height: { step: 22 },
    mark: 'rect',
    encoding: {
      x: { field: 't', type: 'ordinal', title: 'batch index t', axis: { labelExpr: 'datum.value % 5 === 0 ? datum.label : ""' } },
      y: { field: 'stage', type: 'ordinal', title: 'stage s', sort: 'descending' },
      color: { field: 'delta', type: 'quantitative', title: 'Δ (requests)', scale: { scheme: 'redblue', reverse: true, domain: [-extent, extent] } },
      tooltip: [{ field: 't' }, { field: 'stage' }, { field: 'delta', format: '.6g' }],
    },
  } as TopLevelSpec;
}

/** Seed 002 §4.1: Theory admission (may be negative), Simulation admission, Simulation eviction as negative bars. */
export function admissionsSpec(r: TrajectoryRecord): TopLevelSpec {
  const steps = r.steps.filter((s) => s.t > 0);
  const lines = steps.flatMap((s) => [
    { t: s.t, series: 'Theory admission', requests: s.theoryAdmission },
    { t: s.t, series: 'Simulation admission', requests: s.simAdmission },
  ]);
  const bars = steps.map((s) => ({ t: s.t, series: 'Simulation eviction (negative)', requests: -s.eviction.reduce((a, b) => a + b, 0) }));
  const colors = { domain: ['Theory admission', 'Simulation admission', 'Simulation eviction (negative)'], range: ['#1f77b4', '#2ca02c', '#d62728'] };
  return {
    $schema: schema,
    title: { text: 'Admissions and evictions over t', subtitle: 'seed 002 §4.1' },
    width: 560,
    height: 220,
    layer: [
      {
        data: { values: bars },
        mark: { type: 'bar', opacity: 0.8 },
        encoding: {
          x: T_AXIS,
          y: { field: 'requests', type: 'quantitative', title: 'requests per batch' },
          color: { field: 'series', type: 'nominal', scale: colors, title: null },
          tooltip: [{ field: 't' }, { field: 'series' }, { field: 'requests', format: '.6g' }],
        },
      },
      {
        data: { values: lines },
        mark: { type: 'line', point: steps.length <= 60 },
        encoding: {
          x: T_AXIS,
          y: { field: 'requests', type: 'quantitative' },
          color: { field: 'series', type: 'nominal', scale: colors },
          tooltip: [{ field: 't' }, { field: 'series' }, { field: 'requests', format: '.6g' }],
        },
      },
      failingRule(r.atFailure.t),
    ],
  } as TopLevelSpec;
}

/** Seed 002 §4.2: evicted requests by stage at each eviction step. */
export function evictionsByStageSpec(r: TrajectoryRecord): TopLevelSpec {
  const values = r.steps.flatMap((s) => s.eviction.map((e, stage) => ({ t: s.t, stage: `stage ${stage}`, order: stage, evicted: e })).filter((v) => v.evicted > 0));
  return {
    $schema: schema,
    title: { text: 'Evictions by stage', subtitle: values.length ? 'seed 002 §4.2; requests evicted at each step, stacked by stage' : 'no eviction in this run' },
    data: { values: values.length ? values : [{ t: 0, stage: 'stage 1', order: 1, evicted: 0 }] },
    width: 560,
    height: 180,
    mark: 'bar',
    encoding: {
      x: { field: 't', type: 'ordinal', title: 'batch index t', scale: { domain: r.steps.filter((s) => s.t > 0).map((s) => s.t) }, axis: { labelExpr: 'datum.value % 5 === 0 ? datum.label : ""' } },
      y: { field: 'evicted', type: 'quantitative', title: 'requests evicted' },
      color: { field: 'stage', type: 'nominal', title: 'stage', sort: { field: 'order' } },
      order: { field: 'order' },
      tooltip: [{ field: 't' }, { field: 'stage' }, { field: 'evicted', format: '.6g' }],
    },
  } as TopLevelSpec;
}

/** Mᵀ and Mˢ at the failing t, with every tied m = argmax Mˢ and n = argmin Mˢ marked. */
export function statesAtFailureSpec(r: TrajectoryRecord): TopLevelSpec {
  const at = r.steps[Math.min(r.atFailure.t, r.steps.length - 1)];
  const values = at.theory.flatMap((x, stage) => [
    { stage, model: 'Theory', requests: x },
    { stage, model: 'Simulation', requests: at.simulation[stage] },
  ]);
  // Marks sit on the Simulation bar (m and n are positions in Mˢ).
  const marks = [
    ...r.atFailure.m.map((stage) => ({ stage, model: 'Simulation', label: 'm', requests: at.simulation[stage] })),
    ...r.atFailure.n.map((stage) => ({ stage, model: 'Simulation', label: 'n', requests: at.simulation[stage] })),
  ];
  return {
    $schema: schema,
    title: { text: `States at the failing t = ${r.atFailure.t}`, subtitle: 'm = argmax Mˢ, n = argmin Mˢ (every tied stage marked)' },
    width: Math.max(200, 64 * at.theory.length),
    height: 200,
    encoding: { x: { field: 'stage', type: 'ordinal', title: 'stage s' } },
    layer: [
      {
        data: { values },
        mark: 'bar',
        encoding: {
          xOffset: { field: 'model', sort: ['Theory', 'Simulation'] },
          y: { field: 'requests', type: 'quantitative', title: 'requests (merged state M)' },
          color: { field: 'model', type: 'nominal', scale: MODEL_COLORS, title: 'model' },
          tooltip: [{ field: 'stage' }, { field: 'model' }, { field: 'requests', format: '.6g' }],
        },
      },
      {
        data: { values: marks },
        mark: { type: 'text', dy: -10, fontWeight: 'bold', color: '#c62828' },
        encoding: {
          xOffset: { field: 'model', sort: ['Theory', 'Simulation'] },
          y: { field: 'requests', type: 'quantitative' },
          text: { field: 'label' },
        },
      },
    ],
  } as TopLevelSpec;
}

/** Vᵀ, Vˢ and ⟨xˢ, Δ⟩_P over t (energy conjectures, when A is stable). */
export function energiesSpec(r: TrajectoryRecord): TopLevelSpec {
  const values = r.steps.flatMap((s) => [
    { t: s.t, series: 'Vᵀ = ‖xᵀ‖²_P', value: s.VT },
    { t: s.t, series: 'Vˢ = ‖xˢ‖²_P', value: s.VS },
    { t: s.t, series: '⟨xˢ, Δ⟩_P', value: s.innerXsDelta },
  ]);
  return linesOverT(r, { text: 'Energies over t', subtitle: 'V(M) = ‖M − M*‖²_P with AᵀPA − P = −I' }, values, 'energy (requests²)', { title: null });
}
