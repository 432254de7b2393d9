import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { ModelFamily } from '../../models/family.js';
import type { Registry } from '../../conjectures/registry.js';
import { TIE_RULES, type TieRule } from '../../conjectures/support/tie-rule.js';
import type { SweepConfigJson } from '../schema.js';
import { Json5Source } from './json5-source.js';
import { issueMessage } from './zod-messages.js';
import { atomText, parseAtom, type Atom } from '../regions/features.js';

export type { SweepConfigJson };

/** The family a config without `family` sweeps (and whose id its JSON then leaves out). */
export const DEFAULT_FAMILY = 'theory-simulation';

/** The harness's own grid keys, after the family's vocabulary. */
export interface GridRun {
  /** t = 0..steps. */
  steps: number;
  /** false: the grid only bounds the random samples (the sweep is random-only). */
  exhaustive: boolean;
}

/** A sweep configuration, resolved: the family, its grid (sorted value lists), every default filled in. */
export interface SweepConfig {
  name: string;
  /** The model family whose domain the grid is written in. */
  family: ModelFamily;
  conjectures: string[];
  grid: GridRun & Record<string, unknown>;
  random: { runs: number; seed: number; maxDenominator: number };
  arithmetic: 'exact';
  tie: TieRule;
  /** Above this share of vacuous states a conjecture is inconclusive, not verified. */
  maxVacuousShare: number;
  /** A conjunction of conditions over the family's features: grid cells and samples failing it are skipped, not counted (empty: none). */
  where?: readonly Atom[];
}

const MAX_STEPS = 100_000;

export const tieSchema = z.enum(TIE_RULES as [TieRule, ...TieRule[]]);

/** The grid (or a claim's domain) of a family: its vocabulary, then `steps` and `exhaustive`. */
export function gridSchema(family: ModelFamily) {
  return z
    .object({
      ...family.grid.shape,
      steps: z.number().int().min(0).max(MAX_STEPS),
      exhaustive: z.boolean().default(true),
    })
    .strict();
}

const schema = z
  .object({
    name: z.string().min(1).regex(/^[\w.-]+$/, 'use letters, digits, ".", "_" or "-" (it names the output folder)'),
    family: z.string().min(1).optional(),
    conjectures: z.union([z.literal('all'), z.array(z.string()).min(1)], { error: 'expected "all" or a list of conjecture ids' }).default('all'),
    grid: z.unknown(),
    random: z
      .object({
        runs: z.number().int().min(0).max(10_000_000),
        // Only random samples need a seed: with runs 0 it may be left out.
        seed: z.number().int().optional(),
        maxDenominator: z.number().int().min(1).max(1000).default(4),
      })
      .strict()
      .superRefine((r, ctx) => {
        if (r.runs > 0 && r.seed === undefined) ctx.addIssue({ code: 'custom', message: 'is required when runs > 0', path: ['seed'] });
      })
      .transform((r) => ({ runs: r.runs, seed: r.seed ?? 0, maxDenominator: r.maxDenominator }))
      .default({ runs: 0, seed: 0, maxDenominator: 4 }),
    arithmetic: z.literal('exact', {
      error: 'sweeps decide every state exactly: arithmetic must be "exact" (use `check --arithmetic` to screen)',
    }).default('exact'),
    tie: tieSchema.default('all'),
    maxVacuousShare: z.number().min(0).max(1).default(0.9),
    where: z.array(z.string()).optional(),
  })
  .strict();

/** Parses `where` atoms of a family, each error located at its entry. */
export function parseWhere(family: ModelFamily, source: Json5Source, at: (string | number)[], where: readonly string[] | undefined): Atom[] {
  return (where ?? []).map((text, i) => {
    try {
      return parseAtom(family, text);
    } catch (error) {
      throw source.error([...at, i], (error as Error).message);
    }
  });
}

/** Parses with a zod schema; the first issue becomes an error naming file, line, column and field. */
export function parseWith<T>(schemaOf: z.ZodType<T>, source: Json5Source): T {
  return parseAt(schemaOf, source, [], source.value);
}

/** Parses the value at `at` of a document (errors are located under `at`). */
export function parseAt<T>(schemaOf: z.ZodType<T>, source: Json5Source, at: (string | number)[], value: unknown): T {
  const parsed = schemaOf.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = [...at, ...(issue.path as (string | number)[])];
  const message = issueMessage(issue, value, schemaOf);
  const unknownKey = issue.code === 'unrecognized_keys';
  throw source.error(unknownKey ? [...path, issue.keys[0]] : path, message, unknownKey);
}

/** A family's whole-grid rule (e.g. a non-empty grid), located under `at`. */
export function checkGrid(family: ModelFamily, grid: unknown, source: Json5Source, at: (string | number)[]): void {
  const problem = family.grid.problem(grid);
  if (problem) throw source.error([...at, ...problem.path], problem.message);
}

/** The family of a sweep: named, or that of the listed conjectures, or the default. */
function sweepFamily(c: { family?: string; conjectures: 'all' | string[] }, registry: Registry, source: Json5Source): ModelFamily {
  const located = <T>(path: (string | number)[], f: () => T): T => {
    try {
      return f();
    } catch (error) {
      throw source.error(path, (error as Error).message);
    }
  };
  const named = c.family !== undefined ? located(['family'], () => registry.family(c.family!)) : null;
  const listed = c.conjectures === 'all' ? [] : c.conjectures.map((id, i) => located(['conjectures', i], () => registry.get(id)));
  const family = named ?? (listed.length ? registry.familyOf(listed[0]) : registry.family(DEFAULT_FAMILY));
  listed.forEach((conjecture, i) => {
    if (registry.familyOf(conjecture).domain !== family.domain) {
      throw source.error(['conjectures', i], `"${conjecture.id}" runs on family "${conjecture.family}", whose parameters differ from those of "${family.id}": sweep it in a config of its own`);
    }
  });
  return family;
}

/** Validates a parsed document against the schema and the registry; every error names the file, line, column and field. */
export function resolveConfig(source: Json5Source, registry: Registry): SweepConfig {
  const c = parseWith(schema, source);
  const family = sweepFamily(c, registry, source);
  const grid = parseAt(gridSchema(family), source, ['grid'], c.grid) as Record<string, unknown> & GridRun;
  checkGrid(family, grid, source, ['grid']);
  const ids =
    c.conjectures === 'all' ? registry.list().filter((x) => registry.familyOf(x).domain === family.domain).map((x) => x.id) : c.conjectures;
  const { family: _named, where: rawWhere, ...rest } = c;
  const where = parseWhere(family, source, ['where'], rawWhere);
  return {
    ...rest,
    ...(where.length ? { where } : {}),
    family,
    conjectures: [...new Set(ids)],
    grid: { ...(family.grid.normalize(grid) as Record<string, unknown>), steps: grid.steps, exhaustive: grid.exhaustive },
  };
}

export function loadConfigFile(path: string, registry: Registry): SweepConfig {
  return resolveConfig(Json5Source.readFile(path, 'sweep config'), registry);
}

/** The config as JSON (rationals as strings): what summaries record and hashes cover. */
export function configToJson(c: SweepConfig): SweepConfigJson {
  const { family, grid, ...rest } = c;
  const { steps, exhaustive, ...vocabulary } = grid;
  return {
    name: rest.name,
    ...(family.id === DEFAULT_FAMILY ? {} : { family: family.id }),
    conjectures: rest.conjectures,
    grid: { ...family.grid.toJson(vocabulary), steps, exhaustive },
    random: rest.random,
    arithmetic: rest.arithmetic,
    tie: rest.tie,
    maxVacuousShare: rest.maxVacuousShare,
    ...(c.where?.length ? { where: c.where.map((a) => atomText(a)) } : {}),
  };
}

export function configFromJson(json: SweepConfigJson, registry: Registry): SweepConfig {
  const family = registry.family(json.family ?? DEFAULT_FAMILY);
  const { steps, exhaustive, ...vocabulary } = json.grid;
  const { family: _id, where, ...rest } = json;
  const atoms = (where ?? []).map((text) => parseAtom(family, text));
  return { ...rest, ...(atoms.length ? { where: atoms } : {}), family, grid: { ...(family.grid.fromJson(vocabulary) as Record<string, unknown>), steps, exhaustive } };
}

/** Identifies what a sweep computes (resume and merge refuse to mix different ones). */
export function configHash(c: SweepConfig): string {
  return configHashOfJson(configToJson(c));
}

/** The same hash from the config's JSON form (as state.json keeps it): everything but the name. */
export function configHashOfJson(json: SweepConfigJson): string {
  const { name: _name, ...rest } = json;
  return createHash('sha256').update(JSON.stringify(rest)).digest('hex').slice(0, 16);
}
