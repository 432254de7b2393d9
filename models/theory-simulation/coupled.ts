import { simulationStep, theoryStep, type SimulationStep, type TheoryStep } from './merged.js';
import {
  mergedView,
  perTypeSimulationStep,
  perTypeTheoryStep,
  type PerTypeState,
} from './per-type.js';
import type { ModelSetup } from './setup.js';

/**
 * Coupled runs: Theory and Simulation from the same state, one record per
 * t = 0..steps. At t = 0 there is no admission and no eviction.
 */

export interface CoupledRecord<N> {
  readonly t: number;
  readonly theory: readonly N[];
  readonly simulation: readonly N[];
  /** aᵀ(t) (null at t = 0). */
  readonly theoryAdmission: N | null;
  /** ã(t) of the Simulation (null at t = 0). */
  readonly desired: N | null;
  /** aˢ(t) = max(ã, 0) (null at t = 0). */
  readonly simAdmission: N | null;
  /** Simulation after the advance, before admission or eviction (null at t = 0). */
  readonly simAdvanced: readonly N[] | null;
  /** Eviction per stage at this step. */
  readonly eviction: readonly N[];
  readonly evicted: boolean;
  /** Total evicted over its life from the cohort now at each stage. */
  readonly cohortEviction: readonly N[];
}

/** The record at t = 0: both models at the initial state, no admission, no eviction. */
export function firstRecord<N>(initial: readonly N[], zeros: readonly N[]): CoupledRecord<N> {
  return {
    t: 0,
    theory: initial,
    simulation: initial,
    theoryAdmission: null,
    desired: null,
    simAdmission: null,
    simAdvanced: null,
    eviction: zeros,
    evicted: false,
    cohortEviction: zeros,
  };
}

export function* coupledRun<N>(m: ModelSetup<N>, initial: readonly N[], steps: number): Generator<CoupledRecord<N>> {
  const { ar } = m;
  let theory: readonly N[] = initial;
  let simulation: readonly N[] = initial;
  let cohort: readonly N[] = m.zeros;
  yield firstRecord(initial, m.zeros);
  for (let t = 1; t <= steps; t++) {
    const sim = simulationStep(m, simulation);
    const th = theory === simulation ? sharedTheoryStep(sim) : theoryStep(m, theory);
    theory = th.state;
    simulation = sim.state;
    cohort = cohort.map((_, s) => {
      const carried = s === 0 ? ar.zero : cohort[s - 1];
      return sim.evicted && !ar.isZero(sim.eviction[s]) ? ar.normalize(ar.add(carried, sim.eviction[s])) : carried;
    });
    yield {
      t,
      theory,
      simulation,
      theoryAdmission: th.admission,
      desired: sim.desired,
      simAdmission: sim.admission,
      simAdvanced: sim.advanced,
      eviction: sim.eviction,
      evicted: sim.evicted,
      cohortEviction: cohort,
    };
  }
}

/**
 * The Theory's step from the Simulation's when both start from one state: the same ã, the
 * same advanced cohorts. Until the first eviction both models then hold the very same state,
 * and afterwards every cohort that was never cut is the same object in both, which lets a
 * certified-enclosure backend see Δ_s = 0 exactly (values are identical either way).
 */
function sharedTheoryStep<N>(sim: SimulationStep<N>): TheoryStep<N> {
  if (!sim.evicted) return { state: sim.state, admission: sim.desired };
  const state = sim.advanced.slice();
  state[0] = sim.desired;
  return { state, admission: sim.desired };
}

export interface PerTypeCoupledRecord<N> {
  readonly t: number;
  readonly theory: PerTypeState<N>;
  readonly simulation: PerTypeState<N>;
  /** Total admissions (null at t = 0); Theory's equals its ã. */
  readonly theoryAdmission: N | null;
  readonly desired: N | null;
  readonly simAdmission: N | null;
  /** Eviction per type per stage. */
  readonly eviction: PerTypeState<N>;
  readonly evicted: boolean;
  /** Merged views of both states. */
  readonly theoryMerged: readonly N[];
  readonly simulationMerged: readonly N[];
}

export function* perTypeCoupledRun<N>(
  m: ModelSetup<N>,
  initial: PerTypeState<N>,
  steps: number,
): Generator<PerTypeCoupledRecord<N>> {
  const none: PerTypeState<N> = { A: initial.A.map(() => m.ar.zero), B: m.zeros };
  let theory = initial;
  let simulation = initial;
  const initialMerged = mergedView(m, initial);
  yield {
    t: 0,
    theory,
    simulation,
    theoryAdmission: null,
    desired: null,
    simAdmission: null,
    eviction: none,
    evicted: false,
    theoryMerged: initialMerged,
    simulationMerged: initialMerged,
  };
  for (let t = 1; t <= steps; t++) {
    const sim = perTypeSimulationStep(m, simulation);
    // Until the Simulation's first eviction both models hold one state (one object, as in
    // coupledRun): the Theory's step from it is the Simulation's, the same values once computed.
    const th = theory === simulation && !sim.evicted ? { state: sim.state, admission: sim.desired } : perTypeTheoryStep(m, theory);
    theory = th.state;
    simulation = sim.state;
    const theoryMerged = mergedView(m, theory);
    yield {
      t,
      theory,
      simulation,
      theoryAdmission: th.admission,
      desired: sim.desired,
      simAdmission: sim.admission,
      eviction: sim.eviction,
      evicted: sim.evicted,
      theoryMerged,
      simulationMerged: simulation === theory ? theoryMerged : mergedView(m, simulation),
    };
  }
}
