import { exactArithmetic } from '../arithmetic/exact.js';
import type { Rational } from '../arithmetic/rational.js';
import { argmaxAll, argminAll, subVec } from '../arithmetic/vector.js';
import { parameterContext } from './context.js';
import { coupledRun, perTypeCoupledRun } from './coupled.js';
import {
  initialStateToJson,
  materialize,
  materializePerType,
  mergedInitial,
  perTypeInitial,
  type InitialStateJson,
} from './initial-state.js';
import { pInner } from './linear/energy.js';
import { paramsToJson, type ParamsJson } from './params.js';
import type { ConjectureInfo, CounterexampleLike } from '../family.js';
import type { InitialState } from './initial-state.js';
import type { ModelParams } from './params.js';

/** One step of a coupled run, as plotted (doubles; exact values are in `atFailure`). */
export interface RecordStep {
  t: number;
  theory: number[];
  simulation: number[];
  /** null at t = 0. */
  theoryAdmission: number | null;
  simAdmission: number | null;
  /** Requests evicted per stage (merged; per-type models sum both types). */
  eviction: number[];
  GT: number;
  GS: number;
  delta: number[];
  /** Energies and ⟨xˢ, Δ⟩_P, when A is stable. */
  VT: number | null;
  VS: number | null;
  innerXsDelta: number | null;
}

/**
 * Everything a counterexample page shows, computed once exactly and saved, so
 * that reports render from saved results only.
 */
export interface TrajectoryRecord {
  counterexample: CounterexampleLike;
  conjecture: {
    id: string;
    statement: string;
    source: string;
    margin: string;
    scope: string;
    family: string;
    names: string[];
    /** Whether it is stated with the energies V and ⟨·,·⟩_P (its precondition is A stable). */
    energy: boolean;
  };
  params: ParamsJson;
  init: InitialStateJson;
  /** Merged weights W_s and N* (exact). */
  W: string[];
  Nstar: string;
  stable: boolean;
  /** Float estimate of ρ(A) (display only; null when unavailable). */
  spectralRadiusEstimate: number | null;
  /** The run goes on past the failing t to show what follows. */
  steps: RecordStep[];
  /** Exact states at the failing t, with every tied m = argmax Mˢ and n = argmin Mˢ. */
  atFailure: { t: number; theory: string[]; simulation: string[]; delta: string[]; m: number[]; n: number[] };
}

/** How far past the failing t the recorded run goes. */
const tail = (t: number) => Math.min(200, Math.max(10, t));

export function trajectoryRecord(
  counterexample: CounterexampleLike,
  conjecture: ConjectureInfo,
  { params, init }: { params: ModelParams; init: InitialState },
): TrajectoryRecord {
  const request = { t: counterexample.t };
  const ar = exactArithmetic;
  const ctx = parameterContext(ar, params);
  const stable = ctx.linear.stability.stable;
  const steps = request.t + tail(request.t);
  const num = (x: Rational) => x.toNumber();
  const runs: { t: number; theory: readonly Rational[]; simulation: readonly Rational[]; theoryAdmission: Rational | null; simAdmission: Rational | null; eviction: Rational[] }[] = [];
  if (conjecture.family === 'theory-simulation') {
    for (const r of coupledRun(ctx.setup, materialize(ar, mergedInitial(params, init)), steps)) {
      runs.push({ t: r.t, theory: r.theory, simulation: r.simulation, theoryAdmission: r.theoryAdmission, simAdmission: r.simAdmission, eviction: [...r.eviction] });
    }
  } else {
    for (const r of perTypeCoupledRun(ctx.setup, materializePerType(ar, perTypeInitial(params, init)), steps)) {
      const eviction = r.eviction.B.map((b, s) => (s < r.eviction.A.length ? ar.add(b, r.eviction.A[s]) : b));
      runs.push({ t: r.t, theory: r.theoryMerged, simulation: r.simulationMerged, theoryAdmission: r.theoryAdmission, simAdmission: r.simAdmission, eviction });
    }
  }
  const Nstar = ctx.setup.Nstar;
  const recordSteps = runs.map((r): RecordStep => {
    const delta = subVec(ar, r.theory, r.simulation);
    const spread = (xs: readonly Rational[]) => num(xs.reduce((a, b) => (b.compare(a) > 0 ? b : a)).sub(xs.reduce((a, b) => (b.compare(a) < 0 ? b : a))));
    const deviation = (xs: readonly Rational[]) => xs.map((v) => v.sub(Nstar));
    const xT = deviation(r.theory);
    const xS = deviation(r.simulation);
    return {
      t: r.t,
      theory: r.theory.map(num),
      simulation: r.simulation.map(num),
      theoryAdmission: r.theoryAdmission ? num(r.theoryAdmission) : null,
      simAdmission: r.simAdmission ? num(r.simAdmission) : null,
      eviction: r.eviction.map(num),
      GT: spread(r.theory),
      GS: spread(r.simulation),
      delta: delta.map(num),
      VT: stable ? num(pInner(ar, ctx.linear.P, xT, xT)) : null,
      VS: stable ? num(pInner(ar, ctx.linear.P, xS, xS)) : null,
      innerXsDelta: stable ? num(pInner(ar, ctx.linear.P, xS, delta)) : null,
    };
  });
  const at = runs[Math.min(request.t, runs.length - 1)];
  const radius = ctx.linear.spectrumEstimate.spectralRadius;
  return {
    counterexample,
    conjecture: {
      id: conjecture.id,
      statement: conjecture.statement,
      source: conjecture.source,
      margin: conjecture.margin,
      scope: conjecture.scope,
      family: conjecture.family,
      names: [...conjecture.names],
      energy: conjecture.preconditions.some((p) => p.id === 'A-stable'),
    },
    params: paramsToJson(params),
    init: initialStateToJson(init),
    W: ctx.setup.W.map(String),
    Nstar: String(Nstar),
    stable,
    spectralRadiusEstimate: Number.isFinite(radius) ? radius : null,
    steps: recordSteps,
    atFailure: {
      t: at.t,
      theory: at.theory.map(String),
      simulation: at.simulation.map(String),
      delta: subVec(ar, at.theory, at.simulation).map(String),
      m: argmaxAll(ar, at.simulation),
      n: argminAll(ar, at.simulation),
    },
  };
}
