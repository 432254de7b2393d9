import { findUserConfig, registryWithModules } from '../config/user-config.js';
import { join } from 'node:path';
import { test } from 'vitest';
import { registry as defaultRegistry, type Registry } from '../../conjectures/registry.js';
import { Json5Source } from '../sweep/json5-source.js';
import { DEFAULT_CLAIM_TIME_LIMIT_MS, resolveClaims, type Claim } from './claims.js';
import { checkOneClaim } from './gate.js';
import { Corpus } from '../sweep/corpus.js';
import type { DecidingPath } from '../schema.js';
import type { ClaimResult } from './run-claim.js';

/**
 * Claims as vitest tests, after @fast-check/vitest: `conjectureTest(name,
 * claim)` registers a test that sweeps the claim's domain exactly and fails
 * with the minimal counterexample and its replay command.
 *
 *   conjectureTest('token balance holds', {
 *     conjecture: 'token-balance',
 *     domain: { ... },   // the vocabulary of the conjecture family's grid (see the README)
 *     expect: 'holds',
 *   });
 */

/** A claim as written in a claims file (the same fields, as a JavaScript object). */
export interface ClaimSpec {
  conjecture: string;
  domain: Record<string, unknown>;
  expect: 'holds' | 'refuted' | 'open';
  options?: { tie?: 'all' | 'any' | 'first' };
  budget?: { exhaustive?: boolean; random?: number; seed?: number; maxDenominator?: number; timeLimit?: string };
  acceptSampling?: boolean;
  maxVacuousShare?: number;
}

export interface CheckClaimOptions {
  /** Worker threads (default 0: evaluate in the test's own thread). */
  workers?: number;
  /** Where the claim's sweep and reports go (default out/vitest-claims). */
  outDir?: string;
  /** Counterexample corpus (default none). */
  corpusDir?: string | null;
  /** The conjectures and families to use (default: the built-in ones and the user config's). */
  registry?: Registry;
  /** A user config (default: the `conjecture.config.*` found from the working directory). */
  config?: string;
  /** `filtered` (default): certified screening with exact fallback; `exact`: exact rationals only. Same results. */
  arithmetic?: DecidingPath;
}

const userRegistries = new Map<string, Promise<Registry>>();

/** The built-in registry extended by the user config (loaded once per file). */
function userRegistry(config?: string): Promise<Registry> {
  const file = config ?? findUserConfig(process.cwd());
  if (!file) return Promise.resolve(defaultRegistry);
  if (!userRegistries.has(file)) userRegistries.set(file, registryWithModules(defaultRegistry, [file]));
  return userRegistries.get(file)!;
}

/** Validates and checks one claim; resolves to its result (never throws for an unmet claim). */
export async function checkClaim(name: string, spec: ClaimSpec, options: CheckClaimOptions = {}): Promise<ClaimResult> {
  const registry = options.registry ?? (await userRegistry(options.config));
  const [claim] = resolveClaims(Json5Source.fromValue(`claim "${name}"`, { claims: [{ name, ...spec }] }), registry);
  const dir = join(options.outDir ?? join('out', 'vitest-claims'), claim.slug);
  const clock = () => performance.now();
  const result = await checkOneClaim(claim, dir, options.workers ?? 0, { registry, clock, wallClock: () => new Date(), path: options.arithmetic ?? 'filtered' });
  if (options.corpusDir && result.minimal) new Corpus(options.corpusDir).add(result.minimal);
  return result;
}

/** The message a failing claim test shows: what was expected, what was found, the counterexample. */
export function describeUnmetClaim(r: ClaimResult): string {
  const lines = [`claim "${r.name}" (${r.conjecture}, expected ${r.expect}) not met: ${r.verdict}`];
  if (r.minimal) {
    lines.push(
      `  minimal counterexample: ${JSON.stringify({ params: r.minimal.params, init: r.minimal.init, t: r.minimal.t })}`,
      `  margin: ${r.minimal.margin ?? 'n/a'}`,
      `  witness: ${JSON.stringify(r.minimal.witness)}`,
      `  replay: ${r.minimal.replay}`,
    );
  }
  lines.push(`  report: ${join(r.dir, 'index.html')}`);
  return lines.join('\n');
}

/** Thrown by a claim test whose expectation is not met; carries the result. */
export class UnmetClaimError extends Error {
  constructor(readonly result: ClaimResult) {
    super(describeUnmetClaim(result));
    this.name = 'UnmetClaimError';
  }
}

/** Sweeps the claim and throws an UnmetClaimError (with the counterexample) unless its expectation is met. */
export async function expectClaim(name: string, spec: ClaimSpec, options?: CheckClaimOptions): Promise<ClaimResult> {
  const result = await checkClaim(name, spec, options);
  if (!result.met) throw new UnmetClaimError(result);
  return result;
}

function register(kind: 'run' | 'skip' | 'only', name: string, spec: ClaimSpec, options?: CheckClaimOptions & { timeout?: number }): void {
  const body = async () => {
    await expectClaim(name, spec, options);
  };
  // The claim's own time cap, plus a minute for finalizing and reports.
  const timeout = options?.timeout ?? (safeResolve(name, spec, options?.registry)?.timeLimitMs ?? DEFAULT_CLAIM_TIME_LIMIT_MS) + 60_000;
  if (kind === 'skip') test.skip(name, body, timeout);
  else if (kind === 'only') test.only(name, body, timeout);
  else test(name, body, timeout);
}

/** The claim's resolved form for its time cap; a bad claim is reported by the test itself. */
function safeResolve(name: string, spec: ClaimSpec, registry?: Registry): Claim | undefined {
  try {
    return resolveClaims(Json5Source.fromValue(`claim "${name}"`, { claims: [{ name, ...spec }] }), registry ?? defaultRegistry)[0];
  } catch {
    return undefined;
  }
}

/** Registers a vitest test for a claim (the test's timeout follows the claim's time cap). */
export const conjectureTest = Object.assign(
  (name: string, spec: ClaimSpec, options?: CheckClaimOptions & { timeout?: number }) => register('run', name, spec, options),
  {
    skip: (name: string, spec: ClaimSpec, options?: CheckClaimOptions & { timeout?: number }) => register('skip', name, spec, options),
    only: (name: string, spec: ClaimSpec, options?: CheckClaimOptions & { timeout?: number }) => register('only', name, spec, options),
  },
);
