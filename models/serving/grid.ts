import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { Rational } from '../arithmetic/rational.js';
import { InputError } from '../errors.js';
import type { GridCell, JsonValue } from '../family.js';
import { fail, integers, MAX_LIST, show } from '../support/zod-fields.js';
import { formatLengthDistribution, generateRequests, parseLengthDistribution, validateGeneratorSpec, type ArrivalKind } from './generator.js';
import type { ServingParams } from './params.js';
import { parseRequestsCsv, validateRequest, type Request } from './request.js';
import { seededRng } from './rng.js';
import type { ServingBoundsSpec } from './search-space.js';
import { compareBySize, compareCandidates } from './workload.js';
import { lastStartingAtOrBelow } from '../support/sorted.js';

/**
 * The serving family's grid vocabulary (sweeps' `grid`, claims' `domain`):
 *
 *   M: 8 | [8, 16] | { from: 4, to: 12 }        integers ≥ 1
 *   B: the same
 *   d0, d1: 1 | "1/2" | [0, "1/4"]               rationals ≥ 0 (d0 + d1 > 0 in every cell)
 *   workload: [ … ]                              one or more workload sources:
 *     { arrivals: "poisson" | "deterministic", rate: "1/2", requests: 5,
 *       prefill: 4 | "2:1,8:1", decode: 3 | "1:1,4:1", grid?: 1000, seeds?: 1 | [1, 2] | { from: 1, to: 10 } }
 *         seeded generator (models/serving/generator.ts), one workload per seed (default seed 1);
 *     { csv: "data/serving/requests-sample.csv" }  a requests CSV (path relative to the working directory);
 *     { requests: [[arrival, prefill, decode], …] } or [{ arrival_time, prefill_length, decode_length }, …]  inline.
 *
 * Cells are the product parameters × workloads, enumerated in the minimality
 * order (`compareCandidates`): workloads grouped by (number of requests, total
 * length); per group every parameter set (M, B, d0, d1 ascending, rationals by
 * height), and within it the group's workloads in order.
 */
export type WorkloadSource =
  | { kind: 'generate'; arrivals: ArrivalKind; rate: string; requests: number; prefill: string; decode: string; grid: number; seeds: number[] }
  | { kind: 'csv'; csv: string }
  | { kind: 'inline'; requests: [string, number, number][] };

export interface ServingGrid {
  M: number[];
  B: number[];
  d0: Rational[];
  d1: Rational[];
  workload: WorkloadSource[];
}

/** A rational ≥ 0, a list of them, or { from, to } over integers. */
const nonNegativeRationals = z.unknown().transform((v, ctx): Rational[] => {
  const one = (x: unknown, path: (string | number)[]): Rational | null => {
    try {
      const r = typeof x === 'number' ? Rational.fromNumber(x) : typeof x === 'string' ? Rational.parse(x) : null;
      if (r && r.sign() >= 0) return r.normalized();
    } catch {
      /* reported below */
    }
    fail(ctx, `expected a rational ≥ 0 such as 0, 1 or "1/2" (got ${show(x)})`, path);
    return null;
  };
  let list: (Rational | null)[];
  if (Array.isArray(v)) {
    if (v.length === 0) return fail(ctx, 'the list is empty');
    list = v.map((x, i) => one(x, [i]));
  } else if (typeof v === 'object' && v !== null) {
    const ints = integers(0).safeParse(v);
    if (!ints.success) return fail(ctx, ints.error.issues[0].message, ints.error.issues[0].path as (string | number)[]);
    list = ints.data.map((x) => Rational.fromInteger(x));
  } else list = [one(v, [])];
  if (list.some((r) => r === null)) return z.NEVER;
  return [...new Map((list as Rational[]).map((r) => [r.toString(), r])).values()].sort(compareBySize);
});

const lengths = (name: string, v: unknown, ctx: z.RefinementCtx): string | null => {
  try {
    return formatLengthDistribution(parseLengthDistribution(name, typeof v === 'number' ? String(v) : (v as string)));
  } catch (error) {
    fail(ctx, error instanceof InputError ? error.message : `${name}: expected a length or "value:weight" pairs (got ${show(v)})`, [name]);
    return null;
  }
};

function inlineRequests(rows: unknown[], ctx: z.RefinementCtx): [string, number, number][] | null {
  const out: [string, number, number][] = [];
  for (const [i, row] of rows.entries()) {
    const [a, p, d] = Array.isArray(row)
      ? row
      : typeof row === 'object' && row !== null
        ? [(row as Record<string, unknown>).arrival_time, (row as Record<string, unknown>).prefill_length, (row as Record<string, unknown>).decode_length]
        : [];
    try {
      const r = validateRequest({ id: i, arrival: Rational.parse(String(a)).normalized(), prefill: Number(p), decode: Number(d) });
      out.push([r.arrival.toString(), r.prefill, r.decode]);
    } catch (error) {
      fail(ctx, `request ${i}: expected [arrival, prefill, decode] or { arrival_time, prefill_length, decode_length } with arrival ≥ 0 and integer lengths ≥ 1 (${error instanceof InputError ? error.message : `got ${show(row)}`})`, ['requests', i]);
      return null;
    }
  }
  return out;
}

const workloadSource = z.unknown().transform((v, ctx): WorkloadSource => {
  if (Array.isArray(v)) {
    const rows = inlineRequests(v, ctx);
    return rows ? { kind: 'inline', requests: rows } : z.NEVER;
  }
  if (typeof v !== 'object' || v === null) return fail(ctx, `expected a generator spec, { csv } or { requests: [...] } (got ${show(v)})`);
  const o = v as Record<string, unknown>;
  if ('csv' in o) {
    const extra = Object.keys(o).filter((k) => k !== 'csv');
    if (extra.length) return fail(ctx, `unknown key "${extra[0]}" (a CSV source is { csv: "path" })`, [extra[0]]);
    if (typeof o.csv !== 'string' || o.csv === '') return fail(ctx, `csv must be a file path (got ${show(o.csv)})`, ['csv']);
    return { kind: 'csv', csv: o.csv };
  }
  if (Array.isArray(o.requests)) {
    const extra = Object.keys(o).filter((k) => k !== 'requests');
    if (extra.length) return fail(ctx, `unknown key "${extra[0]}" (an inline workload is { requests: [...] })`, [extra[0]]);
    if (o.requests.length === 0) return fail(ctx, 'the workload needs at least one request', ['requests']);
    const rows = inlineRequests(o.requests, ctx);
    return rows ? { kind: 'inline', requests: rows } : z.NEVER;
  }
  const allowed = ['arrivals', 'rate', 'requests', 'prefill', 'decode', 'grid', 'seeds'];
  const extra = Object.keys(o).filter((k) => !allowed.includes(k));
  if (extra.length) return fail(ctx, `unknown key "${extra[0]}" (a generator spec has ${allowed.join(', ')})`, [extra[0]]);
  const arrivals = o.arrivals ?? 'poisson';
  if (arrivals !== 'poisson' && arrivals !== 'deterministic') return fail(ctx, `arrivals must be "poisson" or "deterministic" (got ${show(arrivals)})`, ['arrivals']);
  let rate: Rational;
  try {
    rate = typeof o.rate === 'number' ? Rational.fromNumber(o.rate) : Rational.parse(String(o.rate));
  } catch {
    return fail(ctx, `rate must be a rational > 0 such as "1/2" (got ${show(o.rate)})`, ['rate']);
  }
  if (rate.sign() <= 0) return fail(ctx, `rate must be > 0 (got ${rate})`, ['rate']);
  if (typeof o.requests !== 'number' || !Number.isSafeInteger(o.requests) || o.requests < 1 || o.requests > 100_000) {
    return fail(ctx, `requests must be an integer from 1 to 100000 (got ${show(o.requests)})`, ['requests']);
  }
  const grid = o.grid ?? 1000;
  if (typeof grid !== 'number' || !Number.isSafeInteger(grid) || grid < 1) return fail(ctx, `grid must be an integer ≥ 1 (got ${show(grid)})`, ['grid']);
  if (o.prefill === undefined) return fail(ctx, 'prefill is required (a length or "value:weight" pairs)', ['prefill']);
  if (o.decode === undefined) return fail(ctx, 'decode is required (a length or "value:weight" pairs)', ['decode']);
  const prefill = lengths('prefill', o.prefill, ctx);
  const decode = lengths('decode', o.decode, ctx);
  if (prefill === null || decode === null) return z.NEVER;
  const seeds = integers(0).safeParse(o.seeds ?? 1);
  if (!seeds.success) return fail(ctx, `seeds: ${seeds.error.issues[0].message}`, ['seeds']);
  try {
    validateGeneratorSpec({ arrivals, rate, grid, prefill: parseLengthDistribution('prefill', prefill), decode: parseLengthDistribution('decode', decode), count: o.requests });
  } catch (error) {
    return fail(ctx, (error as Error).message);
  }
  return { kind: 'generate', arrivals, rate: rate.toString(), requests: o.requests, prefill, decode, grid, seeds: seeds.data };
});

export const servingGridShape = {
  M: integers(1),
  B: integers(1),
  d0: nonNegativeRationals,
  d1: nonNegativeRationals,
  workload: z.array(workloadSource).min(1),
};

/** Every workload of one source (generated ones per seed), requests with ids 0..n−1. */
export function materialize(s: WorkloadSource): Request[][] {
  if (s.kind === 'inline') return [s.requests.map(([a, p, d], id) => ({ id, arrival: Rational.parse(a), prefill: p, decode: d }))];
  if (s.kind === 'csv') {
    let text: string;
    try {
      text = readFileSync(s.csv, 'utf8');
    } catch (error) {
      throw new InputError('BAD_WORKLOAD_FILE', `cannot read workload csv ${s.csv}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    const rs = parseRequestsCsv(text, s.csv);
    if (rs.length === 0) throw new InputError('INVALID_WORKLOAD', `workload csv ${s.csv} holds no request`);
    return [rs];
  }
  const spec = { arrivals: s.arrivals, rate: Rational.parse(s.rate), grid: s.grid, prefill: parseLengthDistribution('prefill', s.prefill), decode: parseLengthDistribution('decode', s.decode), count: s.requests };
  return s.seeds.map((seed) => [...generateRequests(spec, seededRng(seed))]);
}

export const workloadKey = (rs: readonly Request[]) => rs.map((r) => `${r.arrival}:${r.prefill}:${r.decode}`).join(' ');
const totalLength = (rs: readonly Request[]) => rs.reduce((s, r) => s + r.prefill + r.decode, 0);

/** Whole-grid rules: some cell must have d0 + d1 > 0. */
export function gridProblem(g: ServingGrid): { path: (string | number)[]; message: string } | null {
  if (g.d0.every((x) => x.isZero()) && g.d1.every((x) => x.isZero())) return { path: ['d1'], message: 'd0 and d1 are all 0: the batch duration d0 + d1·tokens must be > 0' };
  return null;
}

/** The cells of a grid, in the minimality order, with random access. */
export class ServingGridCells {
  readonly size: number;
  readonly params: ServingParams[];
  readonly workloads: Request[][];
  /** Per group of equal (count, total length): first workload index and size. */
  private readonly groups: { first: number; size: number; offset: number }[] = [];

  constructor(readonly grid: ServingGrid) {
    this.params = [];
    for (const M of grid.M) for (const B of grid.B) for (const d0 of grid.d0) for (const d1 of grid.d1) if (d0.sign() > 0 || d1.sign() > 0) this.params.push({ M, B, d0, d1 });
    const unique = new Map<string, Request[]>();
    for (const s of grid.workload) for (const w of materialize(s)) unique.set(workloadKey(w), w);
    const P0 = this.params[0];
    this.workloads = [...unique.values()].sort((a, b) => compareCandidates({ params: P0, requests: a }, { params: P0, requests: b }));
    let offset = 0;
    this.workloads.forEach((w, i) => {
      const prev = this.workloads[i - 1];
      if (i === 0 || prev.length !== w.length || totalLength(prev) !== totalLength(w)) this.groups.push({ first: i, size: 0, offset: 0 });
      this.groups[this.groups.length - 1].size++;
    });
    for (const g of this.groups) {
      g.offset = offset;
      offset += g.size * this.params.length;
    }
    this.size = offset;
    if (this.size > 50_000_000) throw new InputError('GRID_TOO_LARGE', `the serving grid has ${this.size} cells (at most 50000000)`);
  }

  cellAt(index: number): GridCell<ServingParams, readonly Request[]> {
    if (!Number.isSafeInteger(index) || index < 0 || index >= this.size) throw new RangeError(`cell ${index} is outside the grid (size ${this.size})`);
    const g = this.groups[lastStartingAtOrBelow(this.groups, index, (group) => group.offset)];
    const local = index - g.offset;
    const p = Math.floor(local / g.size);
    const w = g.first + (local % g.size);
    return { params: this.params[p], init: this.workloads[w], initIndex: w };
  }

  expectedCells(perParameterSet: boolean, keys: (p: ServingParams) => Record<string, string>): Record<string, Record<string, number>> {
    const out: Record<string, Record<string, number>> = {};
    const per = perParameterSet ? 1 : this.workloads.length;
    for (const p of this.params) {
      for (const [dim, key] of Object.entries(keys(p))) {
        out[dim] ??= {};
        out[dim][key] = (out[dim][key] ?? 0) + per;
      }
    }
    return out;
  }
}

export function gridToJson(g: ServingGrid): Record<string, JsonValue> {
  return {
    M: g.M,
    B: g.B,
    d0: g.d0.map(String),
    d1: g.d1.map(String),
    workload: g.workload.map((s): JsonValue => {
      if (s.kind === 'csv') return { csv: s.csv };
      if (s.kind === 'inline') return { requests: s.requests };
      const { kind: _k, ...rest } = s;
      return rest;
    }),
  };
}

export function gridFromJson(json: Record<string, JsonValue>): ServingGrid {
  const g = json as unknown as { M: number[]; B: number[]; d0: string[]; d1: string[]; workload: Record<string, unknown>[] };
  return {
    M: g.M,
    B: g.B,
    d0: g.d0.map((x) => Rational.parse(x)),
    d1: g.d1.map((x) => Rational.parse(x)),
    workload: g.workload.map((w): WorkloadSource => ('csv' in w ? { kind: 'csv', csv: w.csv as string } : Array.isArray(w.requests) ? { kind: 'inline', requests: w.requests as [string, number, number][] } : ({ kind: 'generate', ...w } as WorkloadSource))),
  };
}

export function normalizeGrid(g: ServingGrid): ServingGrid {
  return { ...g, workload: [...new Map(g.workload.map((s) => [JSON.stringify(s), s])).values()] };
}

/** The bounding box of a grid, for random samples (rationals up to `maxDenominator`). */
export function gridRandomBounds(g: ServingGrid, maxDenominator: number): ServingBoundsSpec {
  const ws = g.workload.flatMap(materialize);
  const all = ws.flat();
  const span = (xs: number[]) => ({ min: Math.min(...xs), max: Math.max(...xs) });
  const rspan = (xs: Rational[]) => ({ min: xs.reduce((a, b) => (b.compare(a) < 0 ? b : a)), max: xs.reduce((a, b) => (b.compare(a) > 0 ? b : a)) });
  const maxArrival = all.reduce((m, r) => (r.arrival.compare(m) > 0 ? r.arrival : m), Rational.ZERO);
  return {
    M: span(g.M),
    B: span(g.B),
    d0: rspan(g.d0),
    d1: rspan(g.d1),
    requests: span(ws.map((w) => w.length)),
    prefill: span(all.map((r) => r.prefill)),
    decode: span(all.map((r) => r.decode)),
    arrivalMax: Math.max(1, Math.ceil(maxArrival.toNumber())),
    maxDenominator,
  };
}

export { MAX_LIST };
