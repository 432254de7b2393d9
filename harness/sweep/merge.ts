import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../models/errors.js';
import type { Registry } from '../../conjectures/registry.js';
import { addDeciding, addTallies, markDone, readState, STATE_FILE, writeJsonAtomic, type SweepState } from './state.js';
import { finalize, SUMMARY_FILE, type SweepSummary } from './summary.js';
import { mergeOutcomes } from '../regions/outcomes.js';
import { attachRegions } from '../regions/maps.js';

/**
 * Combines shard outputs into what one unsharded run gives: tallies are
 * merged (associatively), done batches united, and the summary is finalized
 * from the merged state exactly as a single run finalizes its own.
 */
export function mergeSweeps(dirs: readonly string[], registry: Registry, outDir: string, now: () => number, startedAt: string): SweepSummary {
  if (dirs.length === 0) throw new InputError('NO_INPUT', 'merge needs at least one sweep output folder');
  const states = dirs.map((dir) => {
    const s = readState(dir);
    if (!s) throw new InputError('NOT_A_SWEEP', `${dir} holds no sweep (${STATE_FILE} is missing)`);
    return { dir, s };
  });
  const [first] = states;
  for (const { dir, s } of states.slice(1)) {
    if (s.configHash !== first.s.configHash) {
      throw new InputError('MERGE_MISMATCH', `${dir} is a sweep of another configuration than ${first.dir} (hash ${s.configHash} ≠ ${first.s.configHash})`);
    }
    if (s.shardCount !== first.s.shardCount) {
      throw new InputError('MERGE_MISMATCH', `${dir} was split into ${s.shardCount} shards, ${first.dir} into ${first.s.shardCount}`);
    }
  }
  const seen = new Map<number, string>();
  for (const { dir, s } of states) {
    for (const shard of s.shards) {
      if (seen.has(shard)) throw new InputError('MERGE_OVERLAP', `shard ${shard}/${s.shardCount} appears in both ${seen.get(shard)} and ${dir}`);
      seen.set(shard, dir);
    }
  }
  const merged: SweepState = {
    ...first.s,
    shards: [...seen.keys()].sort((a, b) => a - b),
    done: [],
    grid: {},
    random: {},
    statesSimulated: 0,
    elapsedMs: 0,
    deciding: undefined,
  };
  for (const { s } of states) {
    for (const [a, b] of s.done) for (let id = a; id <= b; id++) merged.done = markDone(merged.done, id);
    addTallies(merged.grid, s.grid);
    addTallies(merged.random, s.random);
    merged.statesSimulated += s.statesSimulated;
    addDeciding(merged, s.deciding);
    merged.elapsedMs += s.elapsedMs;
  }
  const deadline = now() + 30_000;
  const summary = finalize(merged, { registry, stopped: null, startedAt, outOfTime: () => now() > deadline });
  mkdirSync(outDir, { recursive: true });
  if (mergeOutcomes(dirs, outDir, merged.gridCells * merged.config.conjectures.length)) attachRegions(summary, merged, outDir, registry);
  writeJsonAtomic(join(outDir, STATE_FILE), merged);
  writeJsonAtomic(join(outDir, SUMMARY_FILE), summary);
  return summary;
}
