/**
 * The programmatic entry (`import … from 'conjecture-harness'`): the CLI as a
 * function, the registry, and the engines behind check, sweep and gate.
 * Claims as vitest tests: `conjecture-harness/vitest`.
 */
export { runCli } from './cli/main.js';
export { registry, Registry, CONJECTURES } from '../conjectures/registry.js';
export type { Conjecture } from '../conjectures/types.js';
export { runCheck, type CheckRequest, type CheckReport } from './search/check.js';
export { DEFAULT_BOUNDS } from '../models/theory-simulation/bounds.js';
export { replayCounterexample } from './search/replay.js';
export { parseReplayRequest, type CounterexampleJson } from './search/counterexample.js';
export { loadConfigFile, resolveConfig, type SweepConfig } from './sweep/config.js';
export { runSweep } from './sweep/run.js';
export type { SweepSummary, ConjectureSummary } from './sweep/summary.js';
export { loadClaimsFile, resolveClaims, type Claim } from './gate/claims.js';
export { runGate, type GateResult } from './gate/gate.js';
export { Rational, exactArithmetic, decimalArithmetic, float64Arithmetic } from '../models/arithmetic/index.js';
export { validateParams } from '../models/theory-simulation/params.js';
