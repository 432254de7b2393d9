import { existsSync, readFileSync } from 'node:fs';
import type { Arithmetic } from '../arithmetic/arithmetic.js';
import { InputError } from '../errors.js';
import type { CoverageSpec, ModelFamily, ParameterSpec } from '../family.js';
import {
  compareLatency,
  describeLatency,
  latencyInitToJson,
  latencyParamsKey,
  latencyParamsToJson,
  parseLatencyInit,
  parseLatencyParams,
  type LatencyCandidateG,
  type LatencyContext,
  type LatencyInit,
  type LatencyParams,
  type LatencyView,
} from './candidate.js';
import { ContextPool } from './certify.js';
import { latencyGridSpec, type LatencyGrid } from './family-grid.js';
import { latencyPage } from './page.js';
import { THETA_KEYS, THETA_LABELS, type ThetaKey } from './params.js';
import { boundsFromFlags, boundsFromJson, boundsToJson, DEFAULT_LATENCY_BOUNDS, LatencySpace, type LatencyBounds } from './search.js';

const RULE: Record<ThetaKey, string> = {
  Pmax: 'rational > 0',
  kB: 'rational > 0',
  kS: 'rational > 0',
  w0: 'rational ≥ 0',
  w1: 'rational > 0',
  tau0: 'rational ≥ 0',
  tauB: 'rational ≥ 0',
  tauS: 'rational ≥ 0',
};
const MEANING: Record<ThetaKey, string> = {
  Pmax: 'peak throughput (tokens/ms)',
  kB: 'saturation rate in B (1/request)',
  kS: 'saturation rate in S (1/token)',
  w0: 'fixed work per step',
  w1: 'work per token',
  tau0: 'fixed overhead (ms)',
  tauB: 'overhead per request (ms)',
  tauS: 'overhead per token (ms)',
};

const range = (k: ThetaKey) => {
  const r = DEFAULT_LATENCY_BOUNDS.theta[k];
  return `${r.min}..${r.max}`;
};

/** SPEC-serving A.1–A.2: θ, then the input coordinates B, S and the SLA target T*. */
const PARAMETERS: readonly ParameterSpec[] = [
  ...THETA_KEYS.map(
    (k): ParameterSpec => ({
      name: k,
      kind: 'rational',
      rule: RULE[k],
      defaultRange: range(k),
      flag: `--${k} <range>`,
      description: `θ.${THETA_LABELS[k]}: ${MEANING[k]}, rationals, e.g. ${range(k)}`,
    }),
  ),
  { name: 'B', kind: 'integer', rule: 'integer ≥ 1', defaultRange: '1..16', flag: '--B <range>', description: 'input: requests per step (latency: integers, e.g. 1..16)' },
  { name: 'S', kind: 'integer', rule: 'integer ≥ 1 (≥ B when physical)', defaultRange: '1..64', flag: '--S <range>', description: 'input: tokens per step, integers, e.g. 1..64' },
  { name: 'target', kind: 'rational', rule: 'rational > 0', defaultRange: '1..200', flag: '--target <range>', description: 'input of sla-argmin-feasible: target latency T* (ms), e.g. 1..200' },
];

/** θ from a flag value: inline JSON or a file (a fit.json works). */
function readJsonArgument(text: string): unknown {
  const trimmed = text.trim();
  const source = trimmed.startsWith('{') ? trimmed : existsSync(text) ? readFileSync(text, 'utf8') : null;
  if (source === null) throw new InputError('BAD_FLAG', `--theta: no such file "${text}" (give a θ as JSON, or a file such as out/fit/fit.json)`);
  try {
    return JSON.parse(source);
  } catch (error) {
    throw new InputError('BAD_FLAG', `--theta: ${trimmed.startsWith('{') ? 'the value' : `"${text}"`} is not JSON (${(error as Error).message})`);
  }
}

/** Coverage is keyed by parameters (the interface's `keys(params)`): θ's saturation rates and τB. */
const coverage: CoverageSpec<LatencyParams> = {
  dimensions: [
    { id: 'kBkS', label: '(kB, kS) saturation rates', kind: 'pair', axes: ['kB', 'kS'] },
    { id: 'tauB', label: 'τB (overhead per request, ms)', kind: 'bands' },
  ],
  keys: (p) => ({ kBkS: `${p.theta.kB.toNumber()},${p.theta.kS.toNumber()}`, tauB: String(p.theta.tauB.toNumber()) }),
};

/**
 * The seed-003 step-latency model T(B, S; θ) (SPEC-serving §A). How it maps
 * onto the interface is documented in models/latency/README.md and at the
 * types of candidate.ts: parameters θ (+ physical), initial state = the input
 * (a point (B, S) or an SLA query (B, T*)), one view per run (t = 0).
 */
export const latency: ModelFamily<LatencyParams, LatencyInit, LatencyBounds, LatencyGrid> = {
  id: 'latency',
  description: 'step-latency model T(B,S) = τ0 + Work/Thr + τB·B + τS·S of seed 003, decided by certified interval arithmetic',
  domain: 'latency',
  parameters: PARAMETERS,
  parseParams: parseLatencyParams,
  paramsToJson: latencyParamsToJson,
  paramsKey: latencyParamsKey,
  parseInit: parseLatencyInit,
  initToJson: latencyInitToJson,
  describe: describeLatency,
  compare: compareLatency,
  search: {
    defaults: DEFAULT_LATENCY_BOUNDS,
    flags: [
      ...PARAMETERS.map((p) => ({ flag: p.flag, description: p.description })),
      { flag: '--theta <json or file>', description: 'latency: fix θ to this one (inline JSON or a file; a fit.json from `latency fit` works); --Pmax … still override single coordinates' },
      { flag: '--physical', description: 'latency: only inputs with S ≥ B' },
    ],
    fromFlags: (flags) => boundsFromFlags(flags, readJsonArgument),
    toJson: boundsToJson,
    parseBounds: boundsFromJson,
    space: (bounds, conjecture) => new LatencySpace(bounds, conjecture),
  },
  grid: latencyGridSpec,
  context: <N>(ar: Arithmetic<N>, params: LatencyParams): LatencyContext<N> => ({ ar, params, theta: params.theta, physical: params.physical, pool: new ContextPool() }),
  accepts: () => true,
  *run<N>(context: unknown, init: LatencyInit) {
    const ctx = context as LatencyContext<N>;
    const view: LatencyView<N> = {
      t: 0,
      ctx,
      theta: ctx.theta,
      physical: ctx.physical,
      pool: ctx.pool,
      init,
      ...(init.kind === 'point' ? { point: { B: init.B, S: init.S } } : {}),
    };
    yield view;
  },
  stateFacts: () => ({ evictionDepth: 0 }),
  coverage,
  record: (counterexample, conjecture, candidate) => latencyPage(counterexample, conjecture, candidate as LatencyCandidateG),
};
