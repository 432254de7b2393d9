import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { Rational } from '../arithmetic/rational.js';
import type { ConjectureInfo, FamilyGrid, FamilyGridSpec, JsonValue } from '../family.js';
import { fail, integers, MAX_LIST, show } from '../support/zod-fields.js';
import { compareInit, type LatencyInit, type LatencyParams } from './candidate.js';
import { compareRationalByHeight } from './order.js';
import { coordinateViolation, THETA_KEYS, THETA_LABELS, thetaFromJson, type Theta, type ThetaKey } from './params.js';
import { inputKindOf, type LatencyBounds } from './search.js';

/**
 * The latency grid vocabulary (sweep `grid`, claim `domain`):
 *   Pmax … tauS   each a rational, a list, or { from, to } (integers), in A.1;
 *   theta         a θ object, or the path of a JSON file holding one (a fit.json
 *                 works: its theta.rational is read), relative to the working
 *                 directory; it gives every coordinate not listed explicitly;
 *   physical      true: only S ≥ B (default false);
 *   B             integers ≥ 1 (a value, a list or { from, to });
 *   S             integers ≥ 1: the points (B, S) of the grid;
 *   target        rationals > 0: the SLA queries (B, T*) of the grid.
 * At least one of S and target. Cells: every θ (coordinates in the order of
 * THETA_KEYS, the last innermost) × every input (points in the minimality
 * order, then queries), so cells come in the family's minimality order.
 */
export interface LatencyGrid {
  readonly theta?: Theta;
  readonly physical: boolean;
  readonly B: number[];
  readonly S?: number[];
  readonly target?: Rational[];
  readonly Pmax?: Rational[];
  readonly kB?: Rational[];
  readonly kS?: Rational[];
  readonly w0?: Rational[];
  readonly w1?: Rational[];
  readonly tau0?: Rational[];
  readonly tauB?: Rational[];
  readonly tauS?: Rational[];
}

function toRational(x: unknown): Rational {
  if (x instanceof Rational) return x;
  if (typeof x === 'number') return Rational.fromNumber(x);
  if (typeof x === 'string') return Rational.parse(x);
  throw new RangeError();
}

/** A list of rationals obeying a rule; undefined stays undefined (the coordinate may come from `theta`). */
const rationals = (label: string, violation: (r: Rational) => string | null) =>
  z.unknown().transform((v, ctx): Rational[] | undefined => {
    if (v === undefined) return undefined;
    const one = (x: unknown, path: (string | number)[]): Rational | null => {
      let r: Rational;
      try {
        r = toRational(x);
      } catch {
        fail(ctx, `${label}: expected a rational such as 2 or "1/10" (got ${show(x)})`, path);
        return null;
      }
      const why = violation(r);
      if (why) {
        fail(ctx, `${label} ${why} (got ${r})`, path);
        return null;
      }
      return r;
    };
    let list: (Rational | null)[];
    if (Array.isArray(v)) {
      if (v.length === 0) return fail(ctx, 'the list is empty');
      list = v.map((x, i) => one(x, [i]));
    } else if (typeof v === 'object' && v !== null) {
      const ints = integers(0).safeParse(v);
      if (!ints.success) {
        for (const issue of ints.error.issues) fail(ctx, issue.message, issue.path as (string | number)[]);
        return z.NEVER;
      }
      list = ints.data.map((x) => one(x, []));
    } else list = [one(v, [])];
    if (list.some((r) => r === null)) return z.NEVER;
    return [...new Map((list as Rational[]).map((r) => [r.toString(), r])).values()].sort(compareRationalByHeight);
  });

const thetaField = z.unknown().transform((v, ctx): Theta | undefined => {
  if (v === undefined) return undefined;
  try {
    if (typeof v === 'string') {
      let text: string;
      try {
        text = readFileSync(v, 'utf8');
      } catch {
        return fail(ctx, `no such file ${JSON.stringify(v)} (theta: a θ object or the path of a JSON file such as a fit.json, relative to the working directory)`);
      }
      return thetaFromJson(JSON.parse(text));
    }
    return thetaFromJson(v);
  } catch (error) {
    return fail(ctx, (error as Error).message);
  }
});

export const latencyGridShape = {
  ...Object.fromEntries(THETA_KEYS.map((k) => [k, rationals(`θ.${THETA_LABELS[k]}`, (r) => coordinateViolation(k, r)).optional()])),
  theta: thetaField.optional(),
  physical: z.boolean().default(false),
  B: integers(1),
  S: integers(1).optional(),
  target: rationals('target', (r) => (r.sign() > 0 ? null : 'must be > 0')).optional(),
} as z.ZodRawShape;

/** The inputs of a grid in the minimality order. */
export function gridInputs(g: LatencyGrid): LatencyInit[] {
  const points: LatencyInit[] = [];
  for (const B of g.B) for (const S of g.S ?? []) if (!g.physical || S >= B) points.push({ kind: 'point', B, S });
  const queries: LatencyInit[] = [];
  for (const B of g.B) for (const target of g.target ?? []) queries.push({ kind: 'sla', B, target });
  return [...points, ...queries].sort(compareInit);
}

const lists = (g: LatencyGrid) => THETA_KEYS.map((k) => g[k] ?? (g.theta ? [g.theta[k]] : []));

const coverageKey = (r: Rational) => String(r.toNumber());

export function enumerateLatencyGrid(g: LatencyGrid): FamilyGrid<LatencyParams, LatencyInit> {
  const theta = lists(g);
  const inputs = gridInputs(g);
  const thetaCount = theta.reduce((n, l) => n * l.length, 1);
  const size = thetaCount * inputs.length;
  const cellAt = (index: number) => {
    if (!Number.isSafeInteger(index) || index < 0 || index >= size) throw new RangeError(`cell ${index} is outside the grid (0..${size - 1})`);
    const initIndex = index % inputs.length;
    let r = (index - initIndex) / inputs.length;
    const values = {} as Record<ThetaKey, Rational>;
    for (let i = THETA_KEYS.length - 1; i >= 0; i--) {
      const k = r % theta[i].length;
      r = (r - k) / theta[i].length;
      values[THETA_KEYS[i]] = theta[i][k];
    }
    return { params: { theta: values, physical: g.physical }, init: inputs[initIndex], initIndex };
  };
  return {
    size,
    cellAt,
    expectedCells(conjecture: ConjectureInfo) {
      const perTheta = inputKindOf(conjecture) === 'none' ? 1 : inputs.length;
      const kB = theta[1];
      const kS = theta[2];
      const tauB = theta[6];
      const pairs: Record<string, number> = {};
      const rest = thetaCount / kB.length / kS.length;
      for (const b of kB) for (const s of kS) pairs[`${coverageKey(b)},${coverageKey(s)}`] = (pairs[`${coverageKey(b)},${coverageKey(s)}`] ?? 0) + rest * perTheta;
      const bands: Record<string, number> = {};
      for (const t of tauB) bands[coverageKey(t)] = (bands[coverageKey(t)] ?? 0) + (thetaCount / tauB.length) * perTheta;
      return { kBkS: pairs, tauB: bands };
    },
  };
}

function span(xs: Rational[], maxDenominator: number) {
  let min = xs[0];
  let max = xs[0];
  for (const x of xs) {
    if (x.compare(min) < 0) min = x;
    if (x.compare(max) > 0) max = x;
  }
  const den = Math.max(maxDenominator, ...xs.map((x) => Number(x.den)));
  return { min, max, maxDenominator: den };
}

export const latencyGridSpec: FamilyGridSpec<LatencyParams, LatencyInit, LatencyGrid, LatencyBounds> = {
  shape: latencyGridShape,
  problem(g) {
    for (const k of THETA_KEYS) {
      if (!g[k] && !g.theta) return { path: [k], message: `θ.${THETA_LABELS[k]} is not given: list it, or give every coordinate at once with theta (a θ object or a fit.json)` };
    }
    if (!g.S && !g.target) return { path: ['S'], message: 'give S (points (B, S)) or target (SLA queries (B, T*)), or both' };
    if (gridInputs(g).length === 0) return { path: ['S'], message: 'no point has S ≥ B (physical), and there is no target: the grid is empty' };
    const size = lists(g).reduce((n, l) => n * l.length, 1) * gridInputs(g).length;
    if (size > 50_000_000) return { path: [], message: `the grid has ${size} cells (at most 50000000): narrow it` };
    return null;
  },
  normalize(g) {
    const out: Record<string, unknown> = { physical: g.physical, B: g.B };
    if (g.S) out.S = g.S;
    if (g.target) out.target = g.target;
    lists(g).forEach((l, i) => (out[THETA_KEYS[i]] = l));
    return out as unknown as LatencyGrid;
  },
  toJson(g) {
    const n = latencyGridSpec.normalize(g);
    const out: Record<string, JsonValue> = {};
    for (const k of THETA_KEYS) out[k] = n[k]!.map(String);
    out.physical = n.physical;
    out.B = n.B;
    if (n.S) out.S = n.S;
    if (n.target) out.target = n.target.map(String);
    return out;
  },
  fromJson(json) {
    const parse = (xs: unknown) => (xs as string[]).map((x) => Rational.parse(x));
    const out: Record<string, unknown> = { physical: json.physical === true, B: json.B as number[] };
    for (const k of THETA_KEYS) out[k] = parse(json[k]);
    if (json.S) out.S = json.S as number[];
    if (json.target) out.target = parse(json.target);
    return out as unknown as LatencyGrid;
  },
  enumerate: (g) => enumerateLatencyGrid(latencyGridSpec.normalize(g)),
  randomBounds(g, maxDenominator) {
    const n = latencyGridSpec.normalize(g);
    const theta = {} as Record<ThetaKey, ReturnType<typeof span>>;
    for (const k of THETA_KEYS) theta[k] = span(n[k]!, maxDenominator);
    const ints = (xs: number[]) => ({ min: Math.min(...xs), max: Math.max(...xs) });
    return {
      theta,
      physical: n.physical,
      B: ints(n.B),
      S: n.S ? ints(n.S) : null,
      target: n.target ? span(n.target, maxDenominator) : null,
    };
  },
};

export { MAX_LIST };
