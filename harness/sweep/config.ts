import { createHash } from 'node:crypto';
import { z } from 'zod';
import { Rational } from '../../models/arithmetic/rational.js';
import type { Registry } from '../../conjectures/registry.js';
import { TIE_RULES, type TieRule } from '../../conjectures/support/tie-rule.js';
import { Json5Source } from './json5-source.js';
import { issueMessage } from './zod-messages.js';
import { emptyRandomRange, emptyRandomRangeMessage } from './random-range-check.js';

/** Initial-state families of a grid (SPEC §3), expanded per lB into cells. */
export type InitSpec =
  | { kind: 'canonical' }
  /** Every u ∈ ℕ^lB with Σu = units: balanced M0 = u·B/ΣWu, or unbalanced M0 = u·N*. */
  | { kind: 'lattice'; units: number; balanced: boolean }
  /** Every (uA, uB) with Σ = units: X0.A = uA·N*, X0.B = uB·N* (per-type conjectures only). */
  | { kind: 'per-type-lattice'; units: number };

/** A sweep configuration, resolved: sorted value lists, every default filled in. */
export interface SweepConfig {
  name: string;
  conjectures: string[];
  grid: {
    l0: number[];
    lA: number[];
    lB: number[];
    B: Rational[];
    lambdaA: Rational[];
    lambdaB: Rational[];
    init: InitSpec[];
    steps: number;
    /** false: the grid only bounds the random samples (the sweep is random-only). */
    exhaustive: boolean;
  };
  random: { runs: number; seed: number; maxDenominator: number };
  arithmetic: 'exact';
  tie: TieRule;
  /** Above this share of vacuous states a conjecture is inconclusive, not verified. */
  maxVacuousShare: number;
}

const MAX_STEPS = 100_000;
const MAX_LIST = 10_000;

type Ctx = z.RefinementCtx;

function fail(ctx: Ctx, message: string, path: (string | number)[] = []): typeof z.NEVER {
  ctx.addIssue({ code: 'custom', message, path });
  return z.NEVER;
}

const show = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v) ?? String(v));

/** An integer, a list of integers, or { from, to } (inclusive). */
const integers = (min: number) =>
  z.unknown().transform((v, ctx): number[] => {
    const isInt = (x: unknown): x is number => typeof x === 'number' && Number.isSafeInteger(x);
    const check = (x: unknown, path: (string | number)[]) => {
      if (!isInt(x)) return fail(ctx, `expected an integer (got ${show(x)})`, path);
      if (x < min) return fail(ctx, `must be ≥ ${min} (got ${x})`, path);
      return x;
    };
    if (isInt(v)) return [check(v, []) as number];
    if (Array.isArray(v)) {
      if (v.length === 0) return fail(ctx, 'the list is empty');
      const out = v.map((x, i) => check(x, [i]));
      return [...new Set(out as number[])].sort((a, b) => a - b);
    }
    if (typeof v === 'object' && v !== null) {
      const { from, to, ...rest } = v as Record<string, unknown>;
      const extra = Object.keys(rest);
      if (extra.length) return fail(ctx, `unknown key "${extra[0]}" (a range is { from, to })`, [extra[0]]);
      const a = check(from, ['from']);
      const b = check(to, ['to']);
      if (!isInt(a) || !isInt(b)) return z.NEVER;
      if (b < a) return fail(ctx, `empty range: to (${b}) < from (${a})`, ['to']);
      if (b - a >= MAX_LIST) return fail(ctx, `range too large (${b - a + 1} values; at most ${MAX_LIST})`);
      return Array.from({ length: b - a + 1 }, (_, i) => a + i);
    }
    return fail(ctx, `expected an integer, a list of integers or { from, to } (got ${show(v)})`);
  });

/** A positive rational (number or "p/q"), a list of them, or { from, to } over integers. */
const rationals = z.unknown().transform((v, ctx): Rational[] => {
  const one = (x: unknown, path: (string | number)[]): Rational | null => {
    let r: Rational;
    try {
      if (typeof x === 'number') r = Rational.fromNumber(x);
      else if (typeof x === 'string') r = Rational.parse(x);
      else throw new RangeError();
    } catch {
      fail(ctx, `expected a rational such as 60 or "3/2" (got ${show(x)})`, path);
      return null;
    }
    if (r.sign() <= 0) {
      fail(ctx, `must be greater than 0 (got ${r})`, path);
      return null;
    }
    return r;
  };
  const unique = (rs: (Rational | null)[]) => {
    if (rs.some((r) => r === null)) return z.NEVER;
    const byText = new Map((rs as Rational[]).map((r) => [r.toString(), r]));
    return [...byText.values()];
  };
  if (Array.isArray(v)) {
    if (v.length === 0) return fail(ctx, 'the list is empty');
    return unique(v.map((x, i) => one(x, [i])));
  }
  if (typeof v === 'object' && v !== null) {
    const ints = integers(1).safeParse(v);
    if (!ints.success) {
      for (const issue of ints.error.issues) fail(ctx, issue.message, issue.path as (string | number)[]);
      return z.NEVER;
    }
    return ints.data.map((x) => Rational.fromInteger(x));
  }
  return unique([one(v, [])]);
});

const initSpec = z.unknown().transform((v, ctx): InitSpec => {
  if (v === 'canonical') return { kind: 'canonical' };
  const expected = 'expected "canonical", { kind: "lattice", units, balanced? } or { kind: "per-type-lattice", units }';
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail(ctx, `${expected} (got ${show(v)})`);
  const { kind, units, balanced, ...rest } = v as Record<string, unknown>;
  const extra = Object.keys(rest);
  if (extra.length) return fail(ctx, `unknown key "${extra[0]}"`, [extra[0]]);
  if (kind !== 'lattice' && kind !== 'per-type-lattice') return fail(ctx, `${expected} (got kind ${show(kind)})`, ['kind']);
  if (typeof units !== 'number' || !Number.isSafeInteger(units) || units < 1 || units > 64) {
    return fail(ctx, `units must be an integer from 1 to 64 (got ${show(units)})`, ['units']);
  }
  if (balanced !== undefined && typeof balanced !== 'boolean') return fail(ctx, `balanced must be true or false`, ['balanced']);
  if (kind === 'per-type-lattice') {
    if (balanced !== undefined) return fail(ctx, 'balanced applies to "lattice" only', ['balanced']);
    return { kind, units };
  }
  return { kind, units, balanced: balanced ?? true };
});

/** The parameter domain: shared by sweep configs (`grid`) and claims (`domain`). */
export const gridSchema = z
  .object({
    l0: integers(1),
    lA: integers(1),
    lB: integers(2),
    B: rationals,
    lambdaA: rationals,
    lambdaB: rationals,
    init: z.array(initSpec).min(1).default([{ kind: 'canonical' }]),
    steps: z.number().int().min(0).max(MAX_STEPS),
    exhaustive: z.boolean().default(true),
  })
  .strict();

export const tieSchema = z.enum(TIE_RULES as [TieRule, ...TieRule[]]);

const schema = z
  .object({
    name: z.string().min(1).regex(/^[\w.-]+$/, 'use letters, digits, ".", "_" or "-" (it names the output folder)'),
    conjectures: z.union([z.literal('all'), z.array(z.string()).min(1)], { error: 'expected "all" or a list of conjecture ids' }).default('all'),
    grid: gridSchema,
    random: z
      .object({
        runs: z.number().int().min(0).max(10_000_000),
        seed: z.number().int(),
        maxDenominator: z.number().int().min(1).max(1000).default(4),
      })
      .strict()
      .default({ runs: 0, seed: 0, maxDenominator: 4 }),
    arithmetic: z.literal('exact', {
      error: 'sweeps decide every state exactly: arithmetic must be "exact" (use `check --arithmetic` to screen)',
    }).default('exact'),
    tie: tieSchema.default('all'),
    maxVacuousShare: z.number().min(0).max(1).default(0.9),
  })
  .strict();

/**
 * Validates a parsed document against the schema and the registry; every
 * error names the file, line, column and field.
 */
/** Parses with a zod schema; the first issue becomes an error naming file, line, column and field. */
export function parseWith<T>(schemaOf: z.ZodType<T>, source: Json5Source): T {
  const parsed = schemaOf.safeParse(source.value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue.path as (string | number)[];
  const message = issueMessage(issue, source.value, schemaOf);
  const unknownKey = issue.code === 'unrecognized_keys';
  throw source.error(unknownKey ? [...path, issue.keys[0]] : path, message, unknownKey);
}

/** A grid must have at least one lA < lB. */
export function checkGridNotEmpty(grid: { lA: number[]; lB: number[] }, source: Json5Source, path: (string | number)[]): void {
  if (!grid.lA.some((a) => grid.lB.some((b) => a < b))) {
    throw source.error([...path, 'lA'], `no lA is below any lB, so the grid is empty (lB: ${grid.lB.join(', ')})`);
  }
}

export function resolveConfig(source: Json5Source, registry: Registry): SweepConfig {
  const c = parseWith(schema, source);
  checkGridNotEmpty(c.grid, source, ['grid']);
  const empty = c.random.runs > 0 ? emptyRandomRange(c.grid, c.random.maxDenominator) : null;
  if (empty) throw source.error(['grid', empty.field], emptyRandomRangeMessage(empty, 'random.maxDenominator', c.random.maxDenominator));
  const ids = c.conjectures === 'all' ? registry.list().map((x) => x.id) : c.conjectures;
  if (c.conjectures !== 'all') {
    c.conjectures.forEach((id, i) => {
      try {
        registry.get(id);
      } catch (error) {
        throw source.error(['conjectures', i], (error as Error).message);
      }
    });
  }
  const dedupe = new Map(c.grid.init.map((s) => [JSON.stringify(s), s]));
  return {
    ...c,
    conjectures: [...new Set(ids)],
    grid: { ...c.grid, init: [...dedupe.values()] },
  };
}

export function loadConfigFile(path: string, registry: Registry): SweepConfig {
  return resolveConfig(Json5Source.readFile(path, 'sweep config'), registry);
}

/** The config as JSON (rationals as strings): what summaries record and hashes cover. */
export function configToJson(c: SweepConfig) {
  return {
    ...c,
    grid: {
      ...c.grid,
      B: c.grid.B.map(String),
      lambdaA: c.grid.lambdaA.map(String),
      lambdaB: c.grid.lambdaB.map(String),
    },
  };
}
export type SweepConfigJson = ReturnType<typeof configToJson>;

export function configFromJson(json: SweepConfigJson): SweepConfig {
  return {
    ...json,
    grid: {
      ...json.grid,
      B: json.grid.B.map((x) => Rational.parse(x)),
      lambdaA: json.grid.lambdaA.map((x) => Rational.parse(x)),
      lambdaB: json.grid.lambdaB.map((x) => Rational.parse(x)),
    },
  };
}

/** Identifies what a sweep computes (resume and merge refuse to mix different ones). */
export function configHash(c: SweepConfig): string {
  const { name: _name, ...rest } = configToJson(c);
  return createHash('sha256').update(JSON.stringify(rest)).digest('hex').slice(0, 16);
}
