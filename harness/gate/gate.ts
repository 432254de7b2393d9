import { join } from 'node:path';
import pLimit from 'p-limit';
import type { Registry } from '../../conjectures/registry.js';
import { writeFiles } from '../../reports/index.js';
import { GATE_REPORTERS, type GateReport } from '../../reports/gate/index.js';
import { writeSweepArtifacts } from '../explain/artifacts.js';
import { configToJson } from '../sweep/config.js';
import { Corpus } from '../sweep/corpus.js';
import { BatchEvaluator } from '../sweep/batch.js';
import { InlineExecutor, ThreadExecutor, type Executor } from '../sweep/executor.js';
import type { Claim } from './claims.js';
import type { DecidingPath } from '../schema.js';
import { runClaim, type ClaimResult } from './run-claim.js';

export interface GateOptions {
  registry: Registry;
  outDir: string;
  /** Worker threads shared out among the claims; 0 evaluates in this thread (tests, vitest API). */
  workers: number;
  corpusDir: string | null;
  /** The deciding path (default `filtered`; `exact` gives the same results on exact rationals only). */
  path?: DecidingPath;
  clock: () => number;
  wallClock: () => Date;
  signal?: AbortSignal;
  log?: (line: string) => void;
}

export interface GateResult extends GateReport {}

/** One claim: its sweep (on `workers` threads, 0 = this thread) and its reports in `dir`. */
export async function checkOneClaim(
  claim: Claim,
  dir: string,
  workers: number,
  o: Pick<GateOptions, 'registry' | 'clock' | 'wallClock' | 'signal' | 'path'>,
): Promise<ClaimResult> {
  const path = o.path ?? 'filtered';
  const executor: Executor =
    workers === 0
      ? new InlineExecutor(new BatchEvaluator(claim.sweep, o.registry, path))
      : new ThreadExecutor(workers, { config: configToJson(claim.sweep), modules: o.registry.modules, path });
  const { result, sweep } = await runClaim(claim, { registry: o.registry, dir, executor, clock: o.clock, wallClock: o.wallClock, signal: o.signal });
  await writeSweepArtifacts(dir, sweep, o.registry);
  return result;
}

/**
 * Runs every claim through the sweep engine (claims in parallel, the workers
 * shared out), after replaying the counterexample corpus; stores the
 * counterexamples found; writes each claim's reports and the gate's.
 * `passed` is true only when every claim's expectation is met.
 */
export async function runGate(claims: readonly Claim[], o: GateOptions): Promise<GateResult> {
  const log = o.log ?? (() => {});
  const started = o.clock();
  const corpus = o.corpusDir ? new Corpus(o.corpusDir) : null;
  const ids = [...new Set(claims.map((c) => c.conjecture))];
  const replay = corpus ? corpus.replay(ids, o.registry) : null;
  if (corpus && replay) {
    log(`corpus ${corpus.dir}: ${replay.replayed} stored counterexample(s) replayed, ${replay.stillFailing} still fail` +
      (replay.noLongerFailing.length ? `, ${replay.noLongerFailing.length} NO LONGER FAIL: ${replay.noLongerFailing.join(', ')}` : ''));
    for (const entry of replay.invalid) log(`corpus: skipped an invalid entry: ${entry}`);
  }

  // Claims run side by side; each gets an equal share of the workers (at least one).
  const concurrency = Math.max(1, Math.min(o.workers || 1, claims.length));
  const perClaim = o.workers === 0 ? 0 : Math.max(1, Math.floor(o.workers / concurrency));
  const limit = pLimit(concurrency);
  const results: ClaimResult[] = await Promise.all(
    claims.map((claim) =>
      limit(async () => {
        const result = await checkOneClaim(claim, join(o.outDir, 'claims', claim.slug), perClaim, o);
        log(`${result.met ? 'ok  ' : 'FAIL'} ${claim.name}: ${result.verdict}`);
        return result;
      }),
    ),
  );

  let added = 0;
  if (corpus) for (const r of results) if (r.minimal && corpus.add(r.minimal)) added++;
  const report: GateResult = {
    passed: results.every((r) => r.met),
    results,
    corpus: corpus && replay ? { dir: corpus.dir, ...replay, added } : null,
    seconds: (o.clock() - started) / 1000,
  };
  for (const reporter of Object.values(GATE_REPORTERS)) writeFiles(o.outDir, await reporter.render(report));
  return report;
}
