import { exactArithmetic } from '../../models/arithmetic/exact.js';
import type { Rational } from '../../models/arithmetic/rational.js';
import type { Outcome } from '../../conjectures/support/outcome.js';
import type { Registry } from '../../conjectures/registry.js';
import { evaluateCell } from '../engine/cell.js';
import { witnessToJson, type ReplayRequest, type WitnessJson } from './counterexample.js';
import { PredicateError } from './evaluate.js';

export interface ReplayResult {
  conjecture: string;
  /** `refuted` when the recomputed state fails exactly. */
  verdict: 'refuted' | 'unrefuted';
  t: number;
  /** What the conjecture says at t (`absent` when t is outside its scope, e.g. no eviction at t). */
  status: Outcome<Rational>['status'] | 'absent' | 'stopped';
  margin?: string;
  witness?: WitnessJson;
  case?: string;
  note?: string;
  /** Whether the recomputed margin equals the recorded one (when one was recorded). */
  marginMatchesRecord?: boolean;
}

/** Recomputes a counterexample exactly from its parameters, initial state and t. */
/** `stop` is asked before every step (a time limit): true ends the recomputation unfinished. */
export function replayCounterexample(request: ReplayRequest, registry: Registry, stop: () => boolean = () => false): ReplayResult {
  const conjecture = registry.get(request.conjecture);
  const family = registry.familyOf(conjecture);
  const { candidate, t } = request;
  const ctx = family.context(exactArithmetic, candidate.params);
  const at = conjecture.scope === 'parameters' ? 0 : t;
  let found: Outcome<Rational> | null = null;
  const ended = evaluateCell(
    ctx,
    () => family,
    [{ conjecture, options: request.options }],
    { params: candidate.params, init: candidate.init, steps: at },
    (_, time, outcome: Outcome<Rational>) => {
      if (time === at) found = outcome;
      return time < at;
    },
    (_, time, error) => {
      throw new PredicateError(candidate, time, error);
    },
    stop,
  );
  if (ended === 'stopped') return { conjecture: conjecture.id, verdict: 'unrefuted', t, status: 'stopped' };
  const outcome = found as Outcome<Rational> | null;
  if (!outcome) return { conjecture: conjecture.id, verdict: 'unrefuted', t, status: 'absent' };
  const margin = outcome.margin?.toString();
  return {
    conjecture: conjecture.id,
    verdict: outcome.status === 'fails' ? 'refuted' : 'unrefuted',
    t,
    status: outcome.status,
    ...(margin !== undefined ? { margin } : {}),
    witness: witnessToJson(exactArithmetic, outcome),
    ...(outcome.case ? { case: outcome.case } : {}),
    ...(outcome.note ? { note: outcome.note } : {}),
    ...(request.recorded?.margin !== undefined ? { marginMatchesRecord: request.recorded.margin === margin } : {}),
  };
}
