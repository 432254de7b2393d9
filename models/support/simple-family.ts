import fc from 'fast-check';
import { z } from 'zod';
import type { Arithmetic } from '../arithmetic/arithmetic.js';
import { exactArithmetic } from '../arithmetic/exact.js';
import { Rational } from '../arithmetic/rational.js';
import { compareByHeight } from '../arithmetic/rational-range.js';
import { InputError } from '../errors.js';
import type { Candidate, FamilyPage, FamilySpace, JsonValue, Quotient, ModelFamily, ParameterSpec } from '../family.js';
import { fail, show } from './zod-fields.js';

/**
 * A model family from a declaration of its coordinates: everything the
 * harness needs (validation, JSON, the minimality order, search space, grid
 * vocabulary, coverage, the counterexample page) is derived from the list of
 * parameters and initial-state coordinates and one `run` function. Meant for
 * small families a research repository declares in its own config, e.g. a
 * one-dimensional map with one parameter.
 *
 * Every coordinate is an exact rational (integers have denominator 1); the
 * minimality order is lexicographic over the coordinates in declaration order
 * (parameters first), integers by value, rationals by height max(|p|, q) then
 * value; the first failing t breaks ties.
 */
export interface CoordinateSpec {
  readonly kind: 'integer' | 'rational';
  /** The domain (inclusive; omit for unbounded). */
  readonly min?: number | string;
  readonly max?: number | string;
  /** The default search range of `check`, e.g. "1..40" or "1/2..4". */
  readonly search: string;
  /** Largest denominator generated (rationals; default 8). */
  readonly maxDenominator?: number;
  readonly description?: string;
}

export type Coordinates = Readonly<Record<string, Rational>>;

export interface SimpleFamilySpec<V extends { t: number }> {
  readonly id: string;
  readonly description: string;
  readonly parameters: Readonly<Record<string, CoordinateSpec>>;
  /** Coordinates of the initial state (none: every run starts the same way). */
  readonly initial?: Readonly<Record<string, CoordinateSpec>>;
  /** A rule across coordinates: the reason a combination is invalid, or null. */
  readonly rule?: (params: Coordinates) => string | null;
  /**
   * The run: a view per t = 0..steps. Values the page should show are numbers
   * or exact values (N); the harness adds `ar` to each view for conjectures.
   */
  run<N>(ar: Arithmetic<N>, params: Coordinates, init: Coordinates, steps: number): Iterable<V>;
}

/** The parameter context of a simple family. */
export interface SimpleContext<N> {
  readonly ar: Arithmetic<N>;
  readonly params: Coordinates;
}

type Bounds = Readonly<Record<string, Rational[]>>;
type Grid = Readonly<Record<string, Rational[]>>;
type C = Candidate<Coordinates, Coordinates>;

/** Most values one coordinate may take in a search or grid. */
const VALUE_LIMIT = 20_000;
const TAIL = (t: number) => Math.min(200, Math.max(10, t));

export function defineSimpleFamily<V extends { t: number }>(spec: SimpleFamilySpec<V>): ModelFamily<Coordinates, Coordinates, Bounds, Grid> {
  const params = Object.entries(spec.parameters);
  const inits = Object.entries(spec.initial ?? {});
  const all = [...params.map(([n, s]) => ({ name: n, spec: s, part: 'params' as const })), ...inits.map(([n, s]) => ({ name: n, spec: s, part: 'init' as const }))];
  if (params.length === 0) throw new Error(`family "${spec.id}": declare at least one parameter`);
  const bad = (message: string) => new InputError('INVALID_PARAMS', message);

  const parseValue = (name: string, s: CoordinateSpec, raw: unknown): Rational => {
    let r: Rational;
    try {
      if (raw instanceof Rational) r = raw;
      else if (typeof raw === 'number') r = Rational.fromNumber(raw);
      else if (typeof raw === 'string') r = Rational.parse(raw);
      else throw new RangeError();
    } catch {
      throw bad(`${name} must be ${ruleText(s)} (got ${show(raw)})`);
    }
    if (s.kind === 'integer' && !r.isInteger()) throw bad(`${name} must be ${ruleText(s)} (got ${r})`);
    if (s.min !== undefined && r.compare(Rational.parse(String(s.min))) < 0) throw bad(`${name} must be ${ruleText(s)} (got ${r})`);
    if (s.max !== undefined && r.compare(Rational.parse(String(s.max))) > 0) throw bad(`${name} must be ${ruleText(s)} (got ${r})`);
    return r;
  };
  const parseRecord = (what: 'params' | 'init', raw: unknown): Coordinates => {
    const coords = what === 'params' ? params : inits;
    const given = (raw ?? {}) as Record<string, unknown>;
    if (typeof given !== 'object' || Array.isArray(given)) throw bad(`${what} must be an object with ${coords.map(([n]) => n).join(', ')}`);
    const unknown = Object.keys(given).filter((k) => !coords.some(([n]) => n === k));
    if (unknown.length) throw bad(`unknown ${what === 'params' ? 'parameter' : 'initial-state coordinate'} "${unknown[0]}" (${spec.id} has ${coords.map(([n]) => n).join(', ') || 'none'})`);
    const out: Record<string, Rational> = {};
    for (const [name, s] of coords) {
      if (given[name] === undefined) throw bad(`${name} is missing (${ruleText(s)})`);
      out[name] = parseValue(name, s, given[name]);
    }
    if (what === 'params' && spec.rule) {
      const why = spec.rule(out);
      if (why) throw bad(why);
    }
    return out;
  };
  const toJson = (coords: [string, CoordinateSpec][], v: Coordinates): Record<string, JsonValue> =>
    Object.fromEntries(coords.map(([n, s]) => [n, s.kind === 'integer' ? Number(v[n].num) : v[n].toString()]));
  const compareValue = (s: CoordinateSpec, a: Rational, b: Rational) => (s.kind === 'integer' ? a.compare(b) : compareByHeight(a, b));
  const compare = (a: C, b: C): number => {
    for (const c of all) {
      const d = compareValue(c.spec, a[c.part][c.name], b[c.part][c.name]);
      if (d !== 0) return d;
    }
    return 0;
  };
  const valid = (c: C) => !spec.rule || spec.rule(c.params) === null;

  const rangeValues = (name: string, s: CoordinateSpec, text: string): Rational[] => {
    const [lo, hi = lo] = text.split('..').map((x) => x.trim());
    let min: Rational;
    let max: Rational;
    try {
      min = Rational.parse(lo);
      max = Rational.parse(hi);
    } catch {
      throw new InputError('BAD_FLAG', `--${name} expects a value or a range such as ${s.search} (got "${text}")`);
    }
    const values = valuesBetween(min, max, s.kind === 'integer' ? 1 : (s.maxDenominator ?? 8)).filter((v) => {
      try {
        parseValue(name, s, v);
        return true;
      } catch {
        return false;
      }
    });
    if (values.length === 0) throw new InputError('BAD_FLAG', `--${name} ${text} holds no value that is ${ruleText(s)}`);
    if (values.length > VALUE_LIMIT) throw new InputError('BAD_FLAG', `--${name} ${text} holds ${values.length} values (at most ${VALUE_LIMIT}): narrow it`);
    return values.sort((a, b) => compareValue(s, a, b));
  };
  const defaults: Bounds = Object.fromEntries(all.map((c) => [c.name, rangeValues(c.name, c.spec, c.spec.search)]));

  const gridField = (name: string, s: CoordinateSpec) =>
    z.unknown().transform((v, ctx): Rational[] => {
      const one = (x: unknown, path: (string | number)[]) => {
        try {
          return parseValue(name, s, x);
        } catch (error) {
          fail(ctx, (error as Error).message, path);
          return null;
        }
      };
      if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
        const { from, to } = v as { from?: unknown; to?: unknown };
        if (from === undefined || to === undefined) return fail(ctx, `expected a value, a list or { from, to } (got ${show(v)})`);
        try {
          return rangeValues(name, s, `${String(from)}..${String(to)}`);
        } catch (error) {
          return fail(ctx, (error as Error).message);
        }
      }
      const list = Array.isArray(v) ? v : [v];
      if (list.length === 0) return fail(ctx, 'the list is empty');
      const parsed = list.map((x, i) => one(x, Array.isArray(v) ? [i] : []));
      if (parsed.some((x) => x === null)) return z.NEVER;
      const unique = new Map((parsed as Rational[]).map((r) => [r.toString(), r]));
      return [...unique.values()].sort((a, b) => compareValue(s, a, b));
    });

  const space = (bounds: Bounds): FamilySpace<Coordinates, Coordinates> => new SimpleSpace(all, bounds, compare, valid);

  return {
    id: spec.id,
    description: spec.description,
    domain: spec.id,
    parameters: all.map(
      (c): ParameterSpec => ({
        name: c.name,
        kind: c.spec.kind,
        rule: ruleText(c.spec),
        defaultRange: c.spec.search,
        flag: `--${c.name} <range>`,
        description: `${c.part === 'init' ? 'initial state: ' : ''}${c.spec.description ?? c.name}, e.g. ${c.spec.search}`,
      }),
    ),
    parseParams: (raw) => parseRecord('params', raw),
    paramsToJson: (p) => toJson(params, p),
    paramsKey: (p) => params.map(([n]) => p[n].toString()).join(','),
    parseInit: (raw) => parseRecord('init', raw),
    initToJson: (i) => toJson(inits, i),
    describe: (p, i) =>
      [...Object.entries(p), ...(i && typeof i === 'object' && !Array.isArray(i) ? Object.entries(i) : [])].map(([k, v]) => `${k}=${String(v)}`).join(' '),
    compare,
    search: {
      defaults,
      flags: all.map((c) => ({ flag: `--${c.name} <range>`, description: `${c.spec.description ?? c.name} (${spec.id}), e.g. ${c.spec.search}` })),
      fromFlags: (flags) => Object.fromEntries(all.map((c) => [c.name, typeof flags[c.name] === 'string' ? rangeValues(c.name, c.spec, flags[c.name] as string) : defaults[c.name]])),
      toJson: (b) => Object.fromEntries(Object.entries(b).map(([k, vs]) => [k, { min: vs[0].toString(), max: vs[vs.length - 1].toString(), values: vs.length }])),
      space: (bounds) => space(bounds),
    },
    grid: {
      shape: Object.fromEntries(all.map((c) => [c.name, gridField(c.name, c.spec)])),
      problem: () => null,
      normalize: (g) => g,
      toJson: (g) => Object.fromEntries(Object.entries(g).map(([k, vs]) => [k, vs.map(String)])),
      fromJson: (json) => Object.fromEntries(Object.entries(json).map(([k, vs]) => [k, (vs as string[]).map((x) => Rational.parse(x))])),
      enumerate: (g) => {
        // The size is a product of list lengths: counting is free, nothing is listed.
        const lists = all.map((c) => g[c.name]);
        const initSize = lists.slice(params.length).reduce((n, l) => n * l.length, 1);
        const size = lists.reduce((n, l) => n * l.length, 1);
        const cellAt = (index: number) => {
          const c = decode(all, lists, index);
          return { ...c, initIndex: index % initSize };
        };
        return {
          size,
          cellAt,
          expectedCells: (conjecture) => {
            const perCell = conjecture.scope === 'parameters' ? 1 : initSize;
            const first = lists[0];
            const rest = size / initSize / first.length;
            return { [params[0][0]]: Object.fromEntries(first.map((v) => [coverageKey(v), rest * perCell])) };
          },
        };
      },
      randomBounds: (g) => g,
    },
    context: <N>(ar: Arithmetic<N>, p: Coordinates): SimpleContext<N> => ({ ar, params: p }),
    accepts: () => true,
    // Each view also carries the arithmetic, so conjectures compute with it (`view.ar`).
    *run<N>(context: unknown, init: Coordinates, steps: number) {
      const ctx = context as SimpleContext<N>;
      for (const view of spec.run(ctx.ar, ctx.params, init, steps)) yield { ...view, ar: ctx.ar };
    },
    stateFacts: () => ({ evictionDepth: 0 }),
    coverage: {
      dimensions: [{ id: params[0][0], label: params[0][0], kind: 'bands' }],
      keys: (p) => ({ [params[0][0]]: coverageKey(p[params[0][0]]) }),
    },
    record: (counterexample, _conjecture, candidate) => simplePage(spec, counterexample.t, candidate),
  };
}

/** Coverage keys are numbers (the reports order and band them numerically). */
const coverageKey = (v: Rational) => String(v.toNumber());

function ruleText(s: CoordinateSpec): string {
  const kind = s.kind === 'integer' ? 'an integer' : 'a rational';
  if (s.min !== undefined && s.max !== undefined) return `${kind} from ${s.min} to ${s.max}`;
  if (s.min !== undefined) return `${kind} ≥ ${s.min}`;
  if (s.max !== undefined) return `${kind} ≤ ${s.max}`;
  return kind;
}

/** Every p/q with q ≤ maxDenominator in [min, max], each once. */
function valuesBetween(min: Rational, max: Rational, maxDenominator: number): Rational[] {
  const seen = new Map<string, Rational>();
  for (let q = 1; q <= maxDenominator; q++) {
    const lo = ceilDiv(min.num * BigInt(q), min.den);
    const hi = floorDiv(max.num * BigInt(q), max.den);
    if (hi - lo > BigInt(VALUE_LIMIT)) return new Array(VALUE_LIMIT + 1).fill(Rational.ZERO); // reported as too large
    for (let p = lo; p <= hi; p++) {
      const r = Rational.of(p, q);
      seen.set(r.toString(), r);
    }
  }
  return [...seen.values()];
}
const floorDiv = (a: bigint, b: bigint) => (a >= 0n ? a / b : -((-a + b - 1n) / b));
const ceilDiv = (a: bigint, b: bigint) => -floorDiv(-a, b);

interface Coord {
  readonly name: string;
  readonly spec: CoordinateSpec;
  readonly part: 'params' | 'init';
}

/** The candidate at `index` of the product of the coordinate lists (the last coordinate innermost). */
function decode(all: readonly Coord[], lists: readonly Rational[][], index: number): C {
  const params: Record<string, Rational> = {};
  const init: Record<string, Rational> = {};
  let r = index;
  for (let i = all.length - 1; i >= 0; i--) {
    const k = r % lists[i].length;
    r = (r - k) / lists[i].length;
    (all[i].part === 'params' ? params : init)[all[i].name] = lists[i][k];
  }
  return { params, init };
}

/** The search space: every coordinate from its ordered list of values. */
class SimpleSpace implements FamilySpace<Coordinates, Coordinates> {
  readonly levels;

  constructor(
    private readonly all: readonly Coord[],
    private readonly bounds: Bounds,
    private readonly compare: (a: C, b: C) => number,
    private readonly valid: (c: C) => boolean,
  ) {
    this.levels = all.map((c) => ({ id: c.name, mode: 'enumerate' as const }));
  }

  private lists(): Rational[][] {
    return this.all.map((c) => this.bounds[c.name]);
  }

  private build(indices: readonly number[]): C {
    const lists = this.lists();
    const params: Record<string, Rational> = {};
    const init: Record<string, Rational> = {};
    this.all.forEach((c, i) => ((c.part === 'params' ? params : init)[c.name] = lists[i][indices[i]]));
    return { params, init };
  }

  private indicesOf(c: C): number[] {
    return this.all.map((coord, i) => this.lists()[i].findIndex((v) => v.equals(c[coord.part][coord.name])));
  }

  arbitrary(): fc.Arbitrary<C> {
    // Indices shrink towards 0, the smallest value of each coordinate in the minimality order.
    return fc
      .tuple(...this.lists().map((l) => fc.integer({ min: 0, max: l.length - 1 })))
      .map((idx) => this.build(idx))
      .filter((c) => this.valid(c));
  }

  *corner(): Iterable<C> {
    const lists = this.lists();
    const sizes = lists.map((l) => Math.min(l.length, 4));
    const total = sizes.reduce((a, b) => a * b, 1);
    for (let n = 0; n < Math.min(total, 256); n++) {
      const idx: number[] = [];
      let r = n;
      for (let i = sizes.length - 1; i >= 0; i--) {
        idx[i] = r % sizes[i];
        r = (r - idx[i]) / sizes[i];
      }
      const c = this.build(idx);
      if (this.valid(c)) yield c;
    }
  }

  neighbours(c: C): C[] {
    const base = this.indicesOf(c);
    if (base.some((i) => i < 0)) return [];
    const out: C[] = [];
    base.forEach((at, i) => {
      for (let k = 0; k < at; k++) {
        const idx = [...base];
        idx[i] = k;
        // Decreasing a coordinate frees every later one: also try them at their smallest.
        out.push(this.build(idx), this.build(idx.map((x, j) => (j > i ? 0 : x))));
      }
    });
    return out.filter((n) => this.valid(n) && this.compare(n, c) < 0).sort(this.compare);
  }

  sampleBelow(): null {
    return null;
  }

  /** No invariances: each candidate is its own class, listed in the product order. */
  quotient(): Quotient<Coordinates, Coordinates> {
    const lists = this.lists();
    const size = lists.reduce((n, l) => n * l.length, 1);
    const self = this;
    return {
      invariances: [],
      size,
      *candidates() {
        for (let n = 0; n < size; n++) {
          const c = self.build(self.digits(n));
          if (self.valid(c)) yield c;
        }
      },
      representative: (c) => c,
      countBelow: (c) => {
        const idx = self.indicesOf(c);
        if (idx.some((i) => i < 0)) return null;
        // Its position in the product (invalid combinations below it included: an upper bound).
        return idx.reduce((acc, k, i) => acc * lists[i].length + k, 0);
      },
    };
  }

  /** Mixed-radix digits of a position in the product of the lists. */
  private digits(n: number): number[] {
    const lists = this.lists();
    const idx: number[] = [];
    let r = n;
    for (let i = lists.length - 1; i >= 0; i--) {
      idx[i] = r % lists[i].length;
      r = (r - idx[i]) / lists[i].length;
    }
    return idx;
  }

  *enumerateBelow(best: C, level: string): Iterable<C> {
    const at = this.all.findIndex((c) => c.name === level);
    const base = this.indicesOf(best);
    if (at < 0 || base.some((i) => i < 0)) return;
    const lists = this.lists();
    const tailSizes = lists.slice(at + 1).map((l) => l.length);
    const tailTotal = tailSizes.reduce((a, b) => a * b, 1);
    for (let k = 0; k < base[at]; k++) {
      for (let n = 0; n < tailTotal; n++) {
        const idx = base.slice(0, at);
        idx.push(k);
        let r = n;
        const tail: number[] = [];
        for (let i = tailSizes.length - 1; i >= 0; i--) {
          tail[i] = r % tailSizes[i];
          r = (r - tail[i]) / tailSizes[i];
        }
        const c = this.build([...idx, ...tail]);
        if (this.valid(c)) yield c;
      }
    }
  }
}

type Numeric = { num: bigint; den: bigint; toNumber(): number; toString(): string };
const isExact = (v: unknown): v is Numeric => typeof v === 'object' && v !== null && typeof (v as Numeric).num === 'bigint' && typeof (v as Numeric).toNumber === 'function';

/** The page of a simple family: the run's scalar values over t, exact at the failing t. */
function simplePage<V extends { t: number }>(spec: SimpleFamilySpec<V>, t: number, c: C): FamilyPage {
  const steps = t + TAIL(t);
  const views = [...spec.run(exactArithmetic, c.params, c.init, steps)];
  const fields = Object.keys(views[0] ?? {}).filter((k) => k !== 't' && views.every((v) => isExact((v as Record<string, unknown>)[k]) || typeof (v as Record<string, unknown>)[k] === 'number'));
  const num = (x: unknown) => (isExact(x) ? x.toNumber() : (x as number));
  const at = views.find((v) => v.t === t) as Record<string, unknown> | undefined;
  const values = views.flatMap((v) => fields.map((f) => ({ t: v.t, series: f, value: num((v as Record<string, unknown>)[f]) })));
  const chart = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: `${spec.id}: the run`, subtitle: `values over t; the failing t = ${t} is marked` },
    width: 560,
    height: 220,
    layer: [
      {
        data: { values },
        mark: { type: 'line', point: views.length <= 60 },
        encoding: {
          x: { field: 't', type: 'quantitative', title: 't' },
          y: { field: 'value', type: 'quantitative', title: 'value' },
          color: { field: 'series', type: 'nominal', title: null },
          tooltip: [{ field: 't' }, { field: 'series' }, { field: 'value' }],
        },
      },
      { data: { values: [{ t }] }, mark: { type: 'rule', strokeDash: [4, 3], color: '#c62828' }, encoding: { x: { field: 't', type: 'quantitative' } } },
    ],
  };
  const coords = [...Object.entries(c.params), ...Object.entries(c.init)];
  return {
    facts: [
      { label: 'parameters', value: Object.entries(c.params).map(([k, v]) => `${k} = ${v}`).join(', ') },
      ...(Object.keys(c.init).length ? [{ label: 'initial state', value: Object.entries(c.init).map(([k, v]) => `${k} = ${v}`).join(', ') }] : []),
    ],
    tables: at ? [{ title: `Values at t = ${t} (exact)`, columns: ['value', 'exact'], rows: fields.map((f) => [f, String(at[f])]) }] : [],
    charts: fields.length ? [{ name: 'run', caption: `${fields.join(', ')} over t`, spec: chart as unknown as JsonValue }] : [],
    csv: { note: `t and ${fields.join(', ') || 'no numeric values'} as doubles (${coords.map(([k, v]) => `${k}=${v}`).join(' ')})`, columns: ['t', ...fields], rows: views.map((v) => [v.t, ...fields.map((f) => num((v as Record<string, unknown>)[f]))]) },
    steps,
  };
}
