import type { ConjectureInfo, CounterexampleLike, FamilyPage, JsonValue } from '../family.js';
import {
  admissionsSpec,
  deltaHeatmapSpec,
  energiesSpec,
  evictionsByStageSpec,
  spreadsSpec,
  statesAtFailureSpec,
} from './charts.js';
import type { InitialState } from './initial-state.js';
import type { ModelParams } from './params.js';
import { trajectoryRecord, type TrajectoryRecord } from './record.js';

/**
 * The counterexample page of the Theory/Simulation families: the states at
 * the failing t with every tied m and n marked, the trajectory charts (seed
 * 002 §4) and `trajectory.csv` with seed 002 §6's columns.
 */
export function theoryPage(counterexample: CounterexampleLike, conjecture: ConjectureInfo, candidate: { params: ModelParams; init: InitialState }): FamilyPage {
  const r = trajectoryRecord(counterexample, conjecture, candidate);
  const p = r.params;
  const charts: FamilyPage['charts'] = [
    { name: 'spreads', caption: 'Gᵀ(t) and Gˢ(t)', spec: spreadsSpec(r) as unknown as JsonValue },
    { name: 'delta-heatmap', caption: 'Δ by stage and t', spec: deltaHeatmapSpec(r) as unknown as JsonValue },
    { name: 'admissions', caption: 'admissions and evictions (seed 002 §4.1)', spec: admissionsSpec(r) as unknown as JsonValue },
    { name: 'evictions-by-stage', caption: 'evictions by stage (seed 002 §4.2)', spec: evictionsByStageSpec(r) as unknown as JsonValue },
    { name: 'states-at-failure', caption: 'Mᵀ and Mˢ at the failing t', spec: statesAtFailureSpec(r) as unknown as JsonValue },
  ];
  if (r.conjecture.energy && r.stable) charts.push({ name: 'energies', caption: 'Vᵀ, Vˢ and ⟨xˢ, Δ⟩_P', spec: energiesSpec(r) as unknown as JsonValue });
  const stability = `${r.stable ? 'stable' : 'not stable'} (decided exactly)${r.spectralRadiusEstimate !== null ? `; float estimate ρ(A) ≈ ${r.spectralRadiusEstimate.toPrecision(6)}` : ''}`;
  return {
    facts: [
      { label: 'parameters', value: `l0 = ${p.l0}, lA = ${p.lA}, lB = ${p.lB}, B = ${p.B} tokens, λA = ${p.lambdaA}, λB = ${p.lambdaB}` },
      { label: 'initial state', value: JSON.stringify(r.init) },
      { label: 'stability of A', value: stability },
    ],
    tables: [
      {
        title: `States at t = ${r.atFailure.t} (exact)`,
        columns: ['stage', 'Mᵀ', 'Mˢ', 'Δ = Mᵀ − Mˢ', 'marks'],
        rows: r.atFailure.theory.map((x, s) => [
          String(s),
          x,
          r.atFailure.simulation[s],
          r.atFailure.delta[s],
          [r.atFailure.m.includes(s) ? 'm' : '', r.atFailure.n.includes(s) ? 'n' : ''].filter(Boolean).join(', '),
        ]),
      },
    ],
    charts,
    csv: trajectoryCsv(r),
    steps: r.steps.length - 1,
    data: { W: r.W, Nstar: r.Nstar, stable: r.stable, spectralRadiusEstimate: r.spectralRadiusEstimate },
  };
}

/**
 * Seed 002 §6: batch, theory_admission, sim_admission, sim_eviction_total,
 * sim_eviction_stage0, …; at batch 0 the "admissions" are the initial stage-0
 * counts. Values are doubles (exact values: the witness and `replay`).
 */
function trajectoryCsv(r: TrajectoryRecord): FamilyPage['csv'] {
  const stages = r.steps[0].theory.length;
  return {
    note: 'seed 002 §6 columns; at batch 0 the admissions are the initial stage-0 counts; values are doubles',
    columns: ['batch', 'theory_admission', 'sim_admission', 'sim_eviction_total', ...Array.from({ length: stages }, (_, s) => `sim_eviction_stage${s}`)],
    rows: r.steps.map((s) => [
      s.t,
      s.theoryAdmission ?? s.theory[0],
      s.simAdmission ?? s.simulation[0],
      s.eviction.reduce((a, b) => a + b, 0),
      ...s.eviction,
    ]),
  };
}
