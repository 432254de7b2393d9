/**
 * The programmatic entry (`import … from 'conjecture-harness'`): the helpers a
 * research repository declares its own conjectures and families with, the
 * types they are written against, the CLI as a function, and the engines
 * behind check, sweep and gate. Claims as vitest tests: `conjecture-harness/vitest`.
 */
export { defineConfig, defineConjecture, defineFamily, type UserConfig } from './config/define.js';
export { findUserConfig, loadUserModule, registryWithModules } from './config/user-config.js';
export { runCli } from './cli/main.js';
export { registry, Registry, CONJECTURES } from '../conjectures/registry.js';
export { FAMILIES } from '../models/families.js';
export { defineSimpleFamily, type CoordinateSpec, type Coordinates, type SimpleContext, type SimpleFamilySpec } from '../models/support/simple-family.js';
export type {
  Conjecture,
  ConjectureOptions,
  ContextOf,
  FamilyTypes,
  ParameterConjecture,
  Precondition,
  StepConjecture,
  TrajectoryChecker,
  TrajectoryConjecture,
  ViewOf,
} from '../conjectures/types.js';
export { byMargin, vacuous, undecided, type Outcome, type OutcomeStatus } from '../conjectures/support/outcome.js';
export type {
  Candidate,
  CornerSize,
  CoverageDimension,
  CoverageSpec,
  FamilyGrid,
  FamilyGridSpec,
  FamilyPage,
  FamilySearch,
  FamilySpace,
  FlagSpec,
  GridCell,
  Invariance,
  JsonValue,
  ModelFamily,
  ParameterSpec,
  Quotient,
  SearchLevel,
  StateFacts,
  StepViewLike,
} from '../models/family.js';
export type { Arithmetic } from '../models/arithmetic/arithmetic.js';
export { InputError } from '../models/errors.js';
export { theorySimulation, theorySimulationPerType } from '../models/theory-simulation/family.js';
export { SCALE_B, SCALE_FREE, SCALE_RATES } from '../models/theory-simulation/invariances.js';
export type { StepView, PerTypeStepView } from '../models/theory-simulation/step-view.js';
export type { ParameterContext } from '../models/theory-simulation/context.js';
export type { ModelParams } from '../models/theory-simulation/params.js';
export { runCheck, runCheckInWorkers, type Certification, type CheckRequest, type CheckReport } from './search/check.js';
export { ClassWorkers } from './search/class-workers.js';
export { replayCounterexample } from './search/replay.js';
export { parseReplayRequest } from './search/counterexample.js';
export { loadConfigFile, resolveConfig, type SweepConfig } from './sweep/config.js';
export { runSweep } from './sweep/run.js';
export { loadClaimsFile, resolveClaims, type Claim } from './gate/claims.js';
export { runGate, type GateResult } from './gate/gate.js';
export { Rational, exactArithmetic, decimalArithmetic, float64Arithmetic } from '../models/arithmetic/index.js';
export type * from './schema.js';
