import { Rational } from '../arithmetic/rational.js';
import { InputError } from '../errors.js';
import type { Candidate, JsonValue, ModelFamily, ParameterSpec, StateFacts } from '../family.js';
import { servingPage } from './family-page.js';
import { gridFromJson, gridProblem, gridRandomBounds, gridToJson, normalizeGrid, ServingGridCells, servingGridShape, type ServingGrid } from './grid.js';
import { encodeServingParams, parseServingParams, type ServingParams } from './params.js';
import { validateRequest, type Request } from './request.js';
import {
  DEFAULT_SERVING_BOUNDS,
  parseIntRangeFlag,
  parseRationalRangeFlag,
  servingBoundsFromJson,
  servingBoundsToJson,
  ServingSearchSpace,
  validateServingBounds,
  type ServingBoundsSpec,
} from './search-space.js';
import { servingViews, type ServingContext, type ServingView } from './view.js';
import { compareCandidates } from './workload.js';

/** SPEC-serving §B.1, and the workload's size in a search. */
const PARAMETERS: readonly ParameterSpec[] = [
  { name: 'M', kind: 'integer', rule: 'integer ≥ 1', defaultRange: '1..40', flag: '--M <range>', description: 'GPU memory M in tokens, e.g. 1..40' },
  { name: 'B', kind: 'integer', rule: 'integer ≥ 1', defaultRange: '1..40', flag: '--B <range>', description: 'batch token budget B, e.g. 1..40' },
  { name: 'd0', kind: 'rational', rule: 'rational ≥ 0, d0 + d1 > 0', defaultRange: '0..3', flag: '--d0 <range>', description: 'batch time d0, rationals, e.g. 0..3' },
  { name: 'd1', kind: 'rational', rule: 'rational ≥ 0, d0 + d1 > 0', defaultRange: '0..2', flag: '--d1 <range>', description: 'batch time per token d1, rationals, e.g. 0..2' },
];

const FLAGS = [
  ...PARAMETERS.map((p) => ({ flag: p.flag, description: `serving: ${p.description}` })),
  { flag: '--requests <range>', description: 'serving: number of requests of a workload, e.g. 1..6' },
  { flag: '--prefill <range>', description: 'serving: prefill lengths, e.g. 1..8' },
  { flag: '--decode <range>', description: 'serving: decode lengths, e.g. 1..6' },
  { flag: '--arrival-max <n>', description: `serving: arrival times lie in [0, n] (default ${DEFAULT_SERVING_BOUNDS.arrivalMax})` },
  { flag: '--serving-max-denominator <n>', description: `serving: largest denominator of d0, d1 and arrival times (default ${DEFAULT_SERVING_BOUNDS.maxDenominator})` },
];

/** Bounds from `check` flags; the values arrive as raw strings (ranges) or parsed integers (`<n>`). */
function boundsFromFlags(f: Record<string, unknown>): ServingBoundsSpec {
  const d = DEFAULT_SERVING_BOUNDS;
  const text = (k: string) => (typeof f[k] === 'string' ? (f[k] as string) : undefined);
  const intFlag = (k: string) => (typeof f[k] === 'number' ? (f[k] as number) : undefined);
  const ir = (k: 'M' | 'B' | 'requests' | 'prefill' | 'decode') => (text(k) !== undefined ? parseIntRangeFlag(`--${k}`, text(k)!, 1) : d[k]);
  const rr = (k: 'd0' | 'd1') => (text(k) !== undefined ? parseRationalRangeFlag(`--${k}`, text(k)!) : d[k]);
  return validateServingBounds({
    M: ir('M'),
    B: ir('B'),
    d0: rr('d0'),
    d1: rr('d1'),
    requests: ir('requests'),
    prefill: ir('prefill'),
    decode: ir('decode'),
    arrivalMax: intFlag('arrivalMax') ?? d.arrivalMax,
    maxDenominator: intFlag('servingMaxDenominator') ?? d.maxDenominator,
  });
}

/**
 * The workload codec: a list of { arrival_time, prefill_length, decode_length }
 * (arrival exact, "p/q" or a decimal string or number), or of
 * [arrival, prefill, decode] triples; request ids are positions 0..n−1.
 */
export function parseWorkload(raw: unknown): readonly Request[] {
  const bad = (message: string) => new InputError('INVALID_WORKLOAD', message);
  if (!Array.isArray(raw) || raw.length === 0) throw bad(`a serving workload is a non-empty list of { arrival_time, prefill_length, decode_length } (got ${JSON.stringify(raw)?.slice(0, 80)})`);
  return raw.map((row, id) => {
    const o = row as Record<string, unknown>;
    const [a, p, d] = Array.isArray(row) ? row : typeof row === 'object' && row !== null ? [o.arrival_time, o.prefill_length, o.decode_length] : [];
    if (!Array.isArray(row) && typeof row === 'object' && row !== null) {
      const extra = Object.keys(o).filter((k) => !['arrival_time', 'prefill_length', 'decode_length'].includes(k));
      if (extra.length) throw bad(`request ${id}: unknown key "${extra[0]}" (expected arrival_time, prefill_length, decode_length)`);
    }
    let arrival: Rational;
    try {
      if (typeof a !== 'string' && typeof a !== 'number') throw new RangeError();
      arrival = (typeof a === 'number' ? Rational.fromNumber(a) : Rational.parse(a)).normalized();
    } catch {
      throw bad(`request ${id}: arrival_time must be a rational ≥ 0 such as "3/2" (got ${JSON.stringify(a)})`);
    }
    const int = (name: string, v: unknown) => {
      if (typeof v !== 'number' && typeof v !== 'string') throw bad(`request ${id}: ${name} must be an integer ≥ 1 (got ${JSON.stringify(v)})`);
      return Number(v);
    };
    return validateRequest({ id, arrival, prefill: int('prefill_length', p), decode: int('decode_length', d) });
  });
}

export const workloadToJson = (rs: readonly Request[]): JsonValue =>
  rs.map((r) => ({ arrival_time: r.arrival.toString(), prefill_length: r.prefill, decode_length: r.decode }));

function parseParams(raw: unknown): ServingParams {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new InputError('INVALID_PARAMS', `serving parameters must be an object {M, B, d0, d1} (got ${JSON.stringify(raw)})`);
  const extra = Object.keys(raw).filter((k) => !['M', 'B', 'd0', 'd1'].includes(k));
  if (extra.length) throw new InputError('INVALID_PARAMS', `unknown serving parameter "${extra[0]}" (the serving family has M, B, d0, d1)`);
  return parseServingParams(raw as { M: unknown; B: unknown; d0: unknown; d1: unknown });
}

/** Swap-outs before the batch (0: none), for the sweeps' eviction-depth statistics. */
function stateFacts(view: unknown): StateFacts {
  const v = view as ServingView;
  let n = 0;
  for (const e of v.events) if (e.kind === 'memory' && e.type === 'swap_out') n++;
  return { evictionDepth: n };
}

const coverageKeys = (p: ServingParams) => ({ MB: `${p.M},${p.B}`, d1: String(p.d1.toNumber()) });

type ServingFamily = ModelFamily<ServingParams, readonly Request[], ServingBoundsSpec, ServingGrid>;

/**
 * The seed-004 serving simulator (SPEC-serving §B, swap + aggressive) as a
 * model family; see models/serving/README.md for how it maps onto the
 * interface. The simulator always computes exactly (Rational times, integer
 * tokens) whatever arithmetic the harness passes: its conjectures' margins
 * are Rationals.
 */
export const serving: ServingFamily = {
  id: 'serving',
  description: 'seed-004 serving simulator (swap + aggressive, SPEC-serving §B): parameters M, B, d0, d1; initial state a workload',
  domain: 'serving',
  parameters: PARAMETERS,
  parseParams,
  paramsToJson: (p) => ({ ...encodeServingParams(p) }),
  paramsKey: (p) => `${p.M},${p.B},${p.d0},${p.d1}`,
  parseInit: parseWorkload,
  initToJson: workloadToJson,
  describe(params, init) {
    const p = params as Record<string, string | number>;
    const base = `M=${p.M} B=${p.B} d0=${p.d0} d1=${p.d1}`;
    if (!Array.isArray(init)) return base;
    const rows = init as { arrival_time: string; prefill_length: number; decode_length: number }[];
    const shown = rows.slice(0, 4).map((r) => `(${r.arrival_time}, ${r.prefill_length}, ${r.decode_length})`).join(' ');
    return `${base}, ${rows.length} request(s) (a, p, d): ${shown}${rows.length > 4 ? ' …' : ''}`;
  },
  compare: (a: Candidate<ServingParams, readonly Request[]>, b: Candidate<ServingParams, readonly Request[]>) =>
    compareCandidates({ params: a.params, requests: a.init }, { params: b.params, requests: b.init }),
  search: {
    defaults: DEFAULT_SERVING_BOUNDS,
    flags: FLAGS,
    fromFlags: boundsFromFlags,
    toJson: servingBoundsToJson,
    parseBounds: servingBoundsFromJson,
    space: (bounds) => new ServingSearchSpace(bounds),
  },
  grid: {
    shape: servingGridShape,
    problem: gridProblem,
    normalize: normalizeGrid,
    toJson: gridToJson,
    fromJson: gridFromJson,
    enumerate(grid) {
      const cells = new ServingGridCells(grid);
      return { size: cells.size, cellAt: (i) => cells.cellAt(i), expectedCells: (c) => cells.expectedCells(c.scope === 'parameters', coverageKeys) };
    },
    randomBounds: gridRandomBounds,
  },
  context: (_ar, params): ServingContext => ({ params }),
  accepts: () => true,
  run: (context, init, steps) => servingViews((context as ServingContext).params, init, steps),
  stateFacts,
  coverage: {
    dimensions: [
      { id: 'MB', label: '(M, B)', kind: 'pair', axes: ['M', 'B'] },
      { id: 'd1', label: 'd1 (batch time per token)', kind: 'bands' },
    ],
    keys: coverageKeys,
  },
  record: (counterexample, conjecture, candidate) => servingPage(counterexample, conjecture, candidate),
};
