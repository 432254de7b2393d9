import type { Arithmetic } from '../../models/arithmetic/arithmetic.js';
import { InputError } from '../../models/errors.js';
import type { Candidate, ModelFamily } from '../../models/family.js';
import type { Registry } from '../../conjectures/registry.js';
import type { CounterexampleJson, WitnessJson } from '../schema.js';
import type { Case, Outcome } from '../../conjectures/support/outcome.js';
import { TIE_RULES, type TieRule } from '../../conjectures/support/tie-rule.js';
import type { ConjectureOptions } from '../../conjectures/types.js';

/** Exact values as strings, positions as numbers. */
export function witnessToJson<N>(ar: Arithmetic<N>, outcome: Outcome<N>): WitnessJson {
  const out: WitnessJson = {};
  for (const [name, value] of Object.entries(outcome.values)) {
    out[name] = Array.isArray(value)
      ? (value as readonly unknown[]).map((x) => (Array.isArray(x) ? x.map((y) => ar.format(y as N)) : ar.format(x as N))) as
          | string[]
          | string[][]
      : ar.format(value as N);
  }
  for (const [name, position] of Object.entries(outcome.positions ?? {})) {
    out[name] = Array.isArray(position) ? [...position] : (position as number);
  }
  return out;
}

/** Single-quoted for POSIX shells (JSON holds no single quotes but we escape anyway). */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

export function replayCommand(counterexample: Pick<CounterexampleJson, 'conjecture' | 'options' | 'params' | 'init' | 't'>): string {
  const { conjecture, options, params, init, t } = counterexample;
  return `npx conjecture replay ${shellQuote(JSON.stringify({ conjecture, options, params, init, t }))}`;
}

export type { CounterexampleJson, WitnessJson };

export function counterexampleJson<N>(
  ar: Arithmetic<N>,
  family: ModelFamily,
  conjectureId: string,
  options: ConjectureOptions,
  candidate: Candidate,
  t: number,
  outcome: Outcome<N>,
  locallyMinimal: boolean,
  /** Given by `check` only: whether every smaller candidate of its bounds was decided. */
  certifiedMinimal?: boolean,
): CounterexampleJson {
  const base = {
    conjecture: conjectureId,
    options: { tie: options.tie },
    params: family.paramsToJson(candidate.params),
    init: family.initToJson(candidate.init),
    t,
    ...(outcome.margin !== undefined ? { margin: ar.format(outcome.margin) } : {}),
    witness: witnessToJson(ar, outcome),
    ...(outcome.case ? { case: outcome.case } : {}),
    ...(outcome.tie !== undefined ? { tie: outcome.tie } : {}),
    ...(outcome.note ? { note: outcome.note } : {}),
  };
  return { ...base, locallyMinimal, ...(certifiedMinimal !== undefined ? { certifiedMinimal } : {}), replay: replayCommand(base) };
}

/** What `replay` needs from a counterexample (or from a whole `check --json` output). */
export interface ReplayRequest {
  conjecture: string;
  options: ConjectureOptions;
  candidate: Candidate;
  t: number;
  /** The recorded margin and witness, compared with the recomputation when present. */
  recorded?: { margin?: string; witness?: WitnessJson };
}

const badReplay = (message: string) => new InputError('INVALID_COUNTEREXAMPLE', message);

export function parseReplayRequest(value: unknown, registry: Registry): ReplayRequest {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw badReplay('a counterexample must be a JSON object with conjecture, params, init and t');
  }
  let v = value as Record<string, unknown>;
  if (typeof v.counterexample === 'object' && v.counterexample !== null) {
    v = { conjecture: v.conjecture, ...(v.counterexample as Record<string, unknown>) };
  } else if ('verdict' in v && !('params' in v)) {
    throw badReplay(`this check output holds no counterexample (verdict "${String(v.verdict)}")`);
  }
  if (typeof v.conjecture !== 'string') throw badReplay('the counterexample must name its "conjecture" (an id)');
  if (!Number.isSafeInteger(v.t) || (v.t as number) < 0) {
    throw badReplay(`"t" must be an integer ≥ 0 (got ${JSON.stringify(v.t)})`);
  }
  const rawOptions = (v.options ?? {}) as Record<string, unknown>;
  const tie = rawOptions.tie ?? 'all';
  if (!(TIE_RULES as readonly unknown[]).includes(tie)) {
    throw badReplay(`options.tie must be one of ${TIE_RULES.join(', ')} (got ${JSON.stringify(tie)})`);
  }
  if (typeof v.params !== 'object' || v.params === null) throw badReplay('the counterexample needs "params"');
  const family = registry.familyOf(registry.get(v.conjecture));
  const params = family.parseParams(v.params);
  const init = family.parseInit(v.init);
  return {
    conjecture: v.conjecture,
    options: { tie: tie as TieRule },
    candidate: { params, init },
    t: v.t as number,
    recorded: {
      ...(typeof v.margin === 'string' ? { margin: v.margin } : {}),
      ...(typeof v.witness === 'object' && v.witness !== null ? { witness: v.witness as WitnessJson } : {}),
    },
  };
}
