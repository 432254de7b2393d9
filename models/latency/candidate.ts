import { Rational } from '../arithmetic/rational.js';
import { InputError } from '../errors.js';
import type { Candidate, JsonValue } from '../family.js';
import type { ContextPool } from './certify.js';
import { compareRationalByHeight } from './order.js';
import { THETA_KEYS, thetaFromJson, thetaToJson, validatePoint, type Point, type Theta } from './params.js';

/**
 * How the latency family maps onto the generic ModelFamily interface
 * (documented in models/latency/README.md):
 *
 * - parameters P = θ (eight exact rationals, A.1) and the domain option
 *   `physical` (S ≥ B), so that a counterexample carries both;
 * - initial state I = the input the statement is evaluated at: a point (B, S)
 *   of the integer domain, or an SLA query (B, T*) for `sla-argmin-feasible`;
 * - a run yields one view, at t = 0.
 */
export interface LatencyParams {
  readonly theta: Theta;
  readonly physical: boolean;
}

export type LatencyInit = { readonly kind: 'point'; readonly B: number; readonly S: number } | { readonly kind: 'sla'; readonly B: number; readonly target: Rational };

export type LatencyCandidateG = Candidate<LatencyParams, LatencyInit>;

/** The parameter context: θ, the domain option, and the certified-arithmetic pool shared by every run on θ. */
export interface LatencyContext<N> {
  readonly ar: import('../arithmetic/arithmetic.js').Arithmetic<N>;
  readonly params: LatencyParams;
  readonly theta: Theta;
  readonly physical: boolean;
  /** Interval contexts at 64 … 4096 bits, with their e^x caches (one pool per θ). */
  readonly pool: ContextPool;
}

/** The one view of a run (t = 0): the context and the input. */
export interface LatencyView<N> {
  readonly t: number;
  readonly ctx: LatencyContext<N>;
  readonly theta: Theta;
  readonly physical: boolean;
  readonly pool: ContextPool;
  readonly init: LatencyInit;
  /** The point, for point inputs. */
  readonly point?: Point;
}

const bad = (message: string) => new InputError('INVALID_PARAMS', message);

/** params JSON: θ's eight coordinates as "p/q" strings, plus `physical` (omitted when false). */
export function parseLatencyParams(raw: unknown): LatencyParams {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw bad(`latency parameters must be an object with ${THETA_KEYS.join(', ')} (and optionally physical: true)`);
  }
  const { physical, ...theta } = raw as Record<string, unknown>;
  if (physical !== undefined && typeof physical !== 'boolean') throw bad(`physical must be true or false (got ${JSON.stringify(physical)})`);
  return { theta: thetaFromJson(theta), physical: physical === true };
}

export function latencyParamsToJson(p: LatencyParams): Record<string, JsonValue> {
  return { ...thetaToJson(p.theta), ...(p.physical ? { physical: true } : {}) };
}

export function latencyParamsKey(p: LatencyParams): string {
  return `${THETA_KEYS.map((k) => p.theta[k].toString()).join(',')}${p.physical ? ',physical' : ''}`;
}

const badInit = (message: string) => new InputError('INVALID_INIT', message);

/** init JSON: { B, S } (a point) or { B, target: "p/q" } (an SLA query). */
export function parseLatencyInit(raw: unknown): LatencyInit {
  if (raw === undefined || raw === null) return { kind: 'point', B: 1, S: 1 };
  if (typeof raw !== 'object' || Array.isArray(raw)) throw badInit(`a latency input is { B, S } or { B, target } (got ${JSON.stringify(raw)})`);
  const { B, S, target, ...rest } = raw as Record<string, unknown>;
  const extra = Object.keys(rest);
  if (extra.length) throw badInit(`unknown key "${extra[0]}" in a latency input (expected { B, S } or { B, target })`);
  const integer = (name: string, v: unknown) => {
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1) throw badInit(`${name} must be an integer ≥ 1 (got ${JSON.stringify(v)})`);
    return v;
  };
  if (target !== undefined) {
    if (S !== undefined) throw badInit('a latency input has S (a point) or target (an SLA query), not both');
    let t: Rational;
    try {
      t = typeof target === 'number' ? Rational.fromNumber(target) : Rational.parse(String(target));
    } catch {
      throw badInit(`target must be a rational such as "120" or "241/2" (got ${JSON.stringify(target)})`);
    }
    if (t.sign() <= 0) throw badInit(`target must be > 0 (got ${t})`);
    return { kind: 'sla', B: integer('B', B), target: t };
  }
  validatePoint({ B: integer('B', B), S: integer('S', S) });
  return { kind: 'point', B: B as number, S: S as number };
}

export function latencyInitToJson(init: LatencyInit): JsonValue {
  return init.kind === 'point' ? { B: init.B, S: init.S } : { B: init.B, target: init.target.toString() };
}

/**
 * The minimality order of the latency family (smaller first), lexicographic over:
 *   1. θ, coordinate by coordinate in the order Pmax, kB, kS, w0, w1, τ0, τB, τS,
 *      each by height max(|p|, q), then by value;
 *   2. `physical`: false before true;
 *   3. the input: points before SLA queries; points by B + S, then B; queries by
 *      B, then T* by height, then value.
 * A total order (equal keys are equal candidates). θ comes first so that a grid
 * (parameter sets outermost, inputs innermost) lists its cells in this order.
 */
export function compareLatency(a: LatencyCandidateG, b: LatencyCandidateG): number {
  for (const key of THETA_KEYS) {
    const c = compareRationalByHeight(a.params.theta[key], b.params.theta[key]);
    if (c !== 0) return c;
  }
  if (a.params.physical !== b.params.physical) return a.params.physical ? 1 : -1;
  return compareInit(a.init, b.init);
}

export function compareInit(a: LatencyInit, b: LatencyInit): number {
  if (a.kind !== b.kind) return a.kind === 'point' ? -1 : 1;
  if (a.kind === 'point' && b.kind === 'point') return a.B + a.S - (b.B + b.S) || a.B - b.B;
  const x = a as Extract<LatencyInit, { kind: 'sla' }>;
  const y = b as Extract<LatencyInit, { kind: 'sla' }>;
  return x.B - y.B || compareRationalByHeight(x.target, y.target);
}

export function describeLatency(params: Record<string, JsonValue>, init?: JsonValue): string {
  const p = params as Record<string, string | boolean>;
  const theta = `Pmax=${p.Pmax} kB=${p.kB} kS=${p.kS} w0=${p.w0} w1=${p.w1} τ0=${p.tau0} τB=${p.tauB} τS=${p.tauS}${p.physical ? ' physical' : ''}`;
  if (init === undefined || init === null || typeof init !== 'object' || Array.isArray(init)) return theta;
  const i = init as Record<string, JsonValue>;
  return 'target' in i ? `${theta}, B=${i.B} T*=${i.target}` : `${theta}, B=${i.B} S=${i.S}`;
}
