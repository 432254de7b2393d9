import { z } from 'zod';
import type { Registry } from '../../conjectures/registry.js';
import { checkGrid, gridSchema, parseAt, parseWhere, parseWith, tieSchema, type GridRun, type SweepConfig } from '../sweep/config.js';
import { Json5Source } from '../sweep/json5-source.js';
import { parseDuration } from '../duration.js';

/** What a claim expects of its conjecture on its domain. */
export type Expectation = 'holds' | 'refuted' | 'open';

/** A claim, resolved: the sweep that decides it and what the result must be. */
export interface Claim {
  name: string;
  /** Folder-safe form of the name (unique within a claims file). */
  slug: string;
  conjecture: string;
  expect: Expectation;
  /** `holds` also passes on a random-only (sampled) result. */
  acceptSampling: boolean;
  /** Time cap of the claim's sweep. */
  timeLimitMs: number;
  sweep: SweepConfig;
}

export const DEFAULT_CLAIM_TIME_LIMIT_MS = 10 * 60_000;
/** A `holds` claim fails above this share of vacuous states unless it sets its own. */
export const DEFAULT_CLAIM_VACUOUS_SHARE = 0.9;

const durationText = z.string().transform((v, ctx) => {
  try {
    return parseDuration(v);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
    return z.NEVER;
  }
});

const claimSchema = z
  .object({
    name: z.string().min(1).optional(),
    conjecture: z.string().min(1),
    options: z.object({ tie: tieSchema.default('all') }).strict().default({ tie: 'all' }),
    /** The vocabulary of the conjecture's family (a sweep's `grid`). */
    domain: z.unknown(),
    /** Conditions over the family's features (see `where` of sweeps): cells of the domain failing them are skipped. */
    where: z.array(z.string()).optional(),
    expect: z.enum(['holds', 'refuted', 'open'], { error: 'expect must be "holds", "refuted" or "open"' }),
    budget: z
      .object({
        /** false: random runs only (the domain only bounds the samples). */
        exhaustive: z.boolean().default(true),
        random: z.number().int().min(0).max(10_000_000).default(0),
        seed: z.number().int().default(1),
        maxDenominator: z.number().int().min(1).max(1000).default(4),
        timeLimit: durationText.optional(),
      })
      .strict()
      .default({ exhaustive: true, random: 0, seed: 1, maxDenominator: 4 }),
    acceptSampling: z.boolean().default(false),
    maxVacuousShare: z.number().min(0).max(1).default(DEFAULT_CLAIM_VACUOUS_SHARE),
  })
  .strict();

const fileSchema = z.object({ claims: z.array(claimSchema).min(1) }).strict();

/** Validates claims (file or code) against the schema and the registry. */
export function resolveClaims(source: Json5Source, registry: Registry): Claim[] {
  const { claims } = parseWith(fileSchema, source);
  const slugs = new Set<string>();
  return claims.map((c, i) => {
    const at = ['claims', i];
    let family;
    try {
      family = registry.familyOf(registry.get(c.conjecture));
    } catch (error) {
      throw source.error([...at, 'conjecture'], (error as Error).message);
    }
    if (c.domain === undefined) throw source.error(at, 'domain: is required (the parameters the claim covers, in the vocabulary of a sweep\'s grid)');
    const domain = parseAt(gridSchema(family), source, [...at, 'domain'], c.domain) as Record<string, unknown> & GridRun;
    checkGrid(family, domain, source, [...at, 'domain']);
    const where = parseWhere(family, source, [...at, 'where'], c.where);
    if (!c.budget.exhaustive && c.budget.random === 0) {
      throw source.error([...at, 'budget'], 'the budget checks nothing: set exhaustive: true or random runs > 0');
    }
    const name = c.name ?? `${c.conjecture} ${c.expect}`;
    let slug = name.toLowerCase().replace(/[^a-z0-9.-]+/g, '-').replace(/^-+|-+$/g, '') || `claim-${i + 1}`;
    while (slugs.has(slug)) slug += `-${i + 1}`;
    slugs.add(slug);
    return {
      name,
      slug,
      conjecture: c.conjecture,
      expect: c.expect,
      acceptSampling: c.acceptSampling,
      timeLimitMs: c.budget.timeLimit ?? DEFAULT_CLAIM_TIME_LIMIT_MS,
      sweep: {
        name: slug,
        family,
        conjectures: [c.conjecture],
        grid: { ...domain, exhaustive: c.budget.exhaustive },
        random: { runs: c.budget.random, seed: c.budget.seed, maxDenominator: c.budget.maxDenominator },
        arithmetic: 'exact',
        tie: c.options.tie,
        maxVacuousShare: c.maxVacuousShare,
        ...(where.length ? { where } : {}),
      },
    };
  });
}

export function loadClaimsFile(path: string, registry: Registry): Claim[] {
  return resolveClaims(Json5Source.readFile(path, 'claims file'), registry);
}
