import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pLimit from 'p-limit';
import { InputError } from '../../models/errors.js';
import type { Registry } from '../../conjectures/registry.js';
import { BatchEvaluator, sweepGrid, type BatchResult } from './batch.js';
import { checkSteps, checkSweepSize, DEFAULT_LIMITS, type WorkLimits } from '../limits.js';
import { configHash, type SweepConfig } from './config.js';
import { Corpus } from './corpus.js';
import type { Executor } from './executor.js';
import { planBatches, shardBatchCount, type Batch } from './batches.js';
import { silentProgress, type ProgressSink } from './progress.js';
import { addDeciding, addTallies, doneCount, isDone, markDone, newState, readState, STATE_FILE, writeJsonAtomic, type SweepState } from './state.js';
import { finalize, SUMMARY_FILE, type FinalizeOptions, type SweepSummary } from './summary.js';
import { OutcomeWriter } from '../regions/outcomes.js';
import type { DecidingFigures } from '../schema.js';
import { attachRegions } from '../regions/maps.js';

export interface SweepOptions {
  readonly config: SweepConfig;
  readonly registry: Registry;
  readonly outDir: string;
  /** 1-based shard of `count`. */
  readonly shard: { index: number; count: number };
  readonly executor: Executor;
  /** Continue from `outDir`'s checkpoint (refused when it belongs to another config or shard). */
  readonly resume: boolean;
  readonly corpusDir: string | null;
  readonly timeBudgetMs: number | null;
  /** Aborting it ends the sweep cleanly (SIGINT/SIGTERM). */
  readonly signal?: AbortSignal;
  readonly progress?: ProgressSink;
  /** Monotonic clock (ms) and wall clock, injected. */
  readonly clock: () => number;
  readonly wallClock: () => Date;
  readonly checkpointEveryMs?: number;
  /** Notes for the person running it (corpus replay, resume). */
  readonly log?: (line: string) => void;
  /** Work refused before it starts (default DEFAULT_LIMITS). */
  readonly limits?: WorkLimits;
  /** How an incomplete result says to finish it (see FinalizeOptions). */
  readonly resumeAdvice?: FinalizeOptions['resumeAdvice'];
}

/** Refuses a sweep beyond the limits, counting its grid (never listing it), before any work. */
export function checkSweepLimits(config: SweepConfig, limits: WorkLimits = DEFAULT_LIMITS): void {
  checkSteps(config.grid.steps, limits, 'steps');
  checkSweepSize(sweepGrid(config, limits.maxCells).size, config.random.runs, config.grid.steps, limits);
}

/** Time kept for shrinking random counterexamples after the batches. */
const SHRINK_BUDGET_MS = 30_000;

/**
 * Runs (or resumes) a sweep: replays the corpus, evaluates this shard's
 * batches on the executor, checkpoints as it goes, and writes
 * `summary.json` and `state.json` to `outDir`. Never loses finished work:
 * an interrupt or the time budget stops dispatching, and the partial result
 * is written and marked as such.
 */
export async function runSweep(o: SweepOptions): Promise<SweepSummary> {
  const log = o.log ?? (() => {});
  const started = o.clock();
  const startedAt = o.wallClock().toISOString();
  checkSweepLimits(o.config, o.limits);
  const local = new BatchEvaluator(o.config, o.registry);
  let state = prepareState(o, local.grid.size, log);
  const priorElapsed = state.elapsedMs;
  mkdirSync(o.outDir, { recursive: true });
  const outcomes = new OutcomeWriter(o.outDir, state.gridCells, o.config.conjectures.length, doneCount(state.done) === 0);

  const corpus = o.corpusDir ? new Corpus(o.corpusDir) : null;
  const corpusReplay = corpus ? corpus.replay(o.config.conjectures, o.registry) : null;
  if (corpus && corpusReplay) {
    log(`corpus ${corpus.dir}: ${corpusReplay.replayed} stored counterexample(s) replayed, ${corpusReplay.stillFailing} still fail` +
      (corpusReplay.noLongerFailing.length ? `, ${corpusReplay.noLongerFailing.length} NO LONGER FAIL: ${corpusReplay.noLongerFailing.join(', ')}` : ''));
    for (const entry of corpusReplay.invalid) log(`corpus: skipped an invalid entry: ${entry}`);
  }

  const stop = new AbortController();
  let stopped: SweepSummary['stopped'] = null;
  const onAbort = () => {
    stopped ??= 'interrupted';
    stop.abort();
  };
  o.signal?.addEventListener('abort', onAbort, { once: true });
  if (o.signal?.aborted) onAbort();
  // setTimeout fires at once for delays beyond 2^31-1 ms (~24.8 days): such a budget is no limit.
  const budget = o.timeBudgetMs === null || o.timeBudgetMs > 2 ** 31 - 1 ? null : setTimeout(() => {
    stopped ??= 'time budget';
    stop.abort();
  }, o.timeBudgetMs);

  const total = shardBatchCount(state.gridCells, state.randomRuns, o.shard);
  const alreadyDone = doneCount(state.done);
  let doneHere = alreadyDone;
  const progress = o.progress ?? silentProgress;
  progress.start(total, `sweep ${o.config.name}`);
  let lastCheckpoint = o.clock();
  const checkpoint = () => {
    state.elapsedMs = priorElapsed + (o.clock() - started);
    writeJsonAtomic(join(o.outDir, STATE_FILE), state);
    lastCheckpoint = o.clock();
  };

  const accept = (batch: Batch, result: BatchResult) => {
    if (batch.kind === 'grid' && result.outcomes) outcomes.write(batch.start * o.config.conjectures.length, result.outcomes);
    addTallies(state[batch.kind], result.tallies);
    state.done = markDone(state.done, batch.id);
    state.statesSimulated += result.states;
    addDeciding(state, result.deciding);
    doneHere++;
    const elapsed = priorElapsed + (o.clock() - started);
    const perBatch = (o.clock() - started) / (doneHere - alreadyDone);
    progress.update({
      done: doneHere,
      total,
      statesPerSecond: elapsed > 0 ? Math.round(state.statesSimulated / (elapsed / 1000)) : 0,
      etaMs: perBatch * (total - doneHere),
    });
    if (o.clock() - lastCheckpoint >= (o.checkpointEveryMs ?? 2_000)) checkpoint();
  };

  // p-limit bounds what runs; the loop keeps at most twice that many queued, so
  // memory stays flat however large the grid.
  const limit = pLimit(o.executor.concurrency);
  const inFlight = new Set<Promise<void>>();
  try {
    for (const batch of planBatches(state.gridCells, state.randomRuns, o.shard)) {
      if (stop.signal.aborted) break;
      if (isDone(state.done, batch.id)) continue;
      const task: Promise<void> = limit(async () => {
        if (stop.signal.aborted) return;
        const result = await runIsolated(o.executor, local, batch, stop.signal);
        if (result) accept(batch, result);
      }).finally(() => inFlight.delete(task));
      inFlight.add(task);
      if (inFlight.size >= 2 * o.executor.concurrency) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
  } finally {
    if (budget) clearTimeout(budget);
    o.signal?.removeEventListener('abort', onAbort);
    progress.stop();
    outcomes.close();
    await o.executor.close();
  }

  checkpoint();
  const shrinkDeadline = o.clock() + SHRINK_BUDGET_MS;
  const summary = finalize(state, { registry: o.registry, stopped, startedAt, outOfTime: () => o.clock() > shrinkDeadline, resumeAdvice: o.resumeAdvice });
  attachRegions(summary, state, o.outDir, o.registry);
  if (corpus && corpusReplay) {
    let added = 0;
    for (const c of Object.values(summary.conjectures)) if (c.minimal && corpus.add(c.minimal)) added++;
    summary.corpus = { dir: corpus.dir, ...corpusReplay, added };
  }
  writeJsonAtomic(join(o.outDir, SUMMARY_FILE), summary);
  return summary;
}

/**
 * Runs a batch; if its worker crashes, runs its cells one by one so that only
 * the cell that crashes is recorded as an error. Returns null when aborted.
 */
async function runIsolated(executor: Executor, local: BatchEvaluator, batch: Batch, signal: AbortSignal): Promise<BatchResult | null> {
  try {
    return await executor.run(batch, signal);
  } catch (error) {
    if (signal.aborted) return null;
    if (batch.end - batch.start === 1) return local.crashed(batch, batch.start, `the worker crashed: ${messageOf(error)}`);
    const parts: BatchResult[] = [];
    for (let i = batch.start; i < batch.end; i++) {
      const part = await runIsolated(executor, local, { ...batch, start: i, end: i + 1 }, signal);
      if (!part) return null;
      parts.push(part);
    }
    const tallies = {};
    for (const p of parts) addTallies(tallies, p.tallies);
    const outcomes = parts.every((p) => p.outcomes) ? concatBytes(parts.map((p) => p.outcomes!)) : undefined;
    const deciding: { deciding?: DecidingFigures } = {};
    for (const p of parts) addDeciding(deciding, p.deciding);
    return { batchId: batch.id, tallies, cells: batch.end - batch.start, states: parts.reduce((n, p) => n + p.states, 0), ...(outcomes ? { outcomes } : {}), ...deciding };
  }
}

function concatBytes(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

function prepareState(o: SweepOptions, gridCells: number, log: (line: string) => void): SweepState {
  const existing = readState(o.outDir);
  const sameSweep = existing && existing.configHash === configHash(o.config) && existing.shardCount === o.shard.count && existing.shards.join() === String(o.shard.index);
  const finished = sameSweep && doneCount(existing.done) === shardBatchCount(existing.gridCells, existing.randomRuns, o.shard);
  if (existing && finished && !o.resume) {
    // Re-running a finished sweep loses nothing and recomputes nothing: report the saved result.
    log(`${o.outDir} already holds this sweep, complete: reporting the saved result (delete the folder to run it again)`);
    return existing;
  }
  if (existing && !o.resume) {
    throw new InputError(
      'OUTPUT_EXISTS',
      `${o.outDir} already holds ${sameSweep ? 'an unfinished run of this sweep' : 'another sweep'} (${STATE_FILE}); ` +
        `${sameSweep ? 'pass --resume to continue it' : 'choose another --out'}`,
    );
  }
  if (!existing) {
    if (o.resume) log(`nothing to resume in ${o.outDir}: starting a new sweep`);
    return newState(o.config, gridCells, o.shard);
  }
  if (existing.configHash !== configHash(o.config)) {
    throw new InputError('RESUME_MISMATCH', `${o.outDir} holds a sweep of another configuration (hash ${existing.configHash}); it cannot be resumed with this one`);
  }
  if (existing.shardCount !== o.shard.count || existing.shards.join() !== String(o.shard.index)) {
    throw new InputError('RESUME_MISMATCH', `${o.outDir} holds shard ${existing.shards.join('+')}/${existing.shardCount}, not ${o.shard.index}/${o.shard.count}`);
  }
  log(`resuming ${o.outDir}: ${doneCount(existing.done)} batch(es) already done`);
  return existing;
}
