import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { InputError } from '../../models/errors.js';
import { configHash, configToJson, type SweepConfig, type SweepConfigJson } from './config.js';
import { BATCH_SIZE } from './batches.js';
import { emptyTally, mergeInto, type TallyJson } from './tally.js';
import { validateState } from './state-schema.js';
import { writingTo } from '../io/fs-errors.js';
import type { DecidingFigures } from '../schema.js';
import { addDecidingFigures } from '../engine/deciding-figures.js';

/** Adds a batch's (or a shard's) deciding figures to a state's. */
export function addDeciding(state: { deciding?: DecidingFigures }, figures: DecidingFigures | undefined): void {
  if (!figures) return;
  state.deciding = state.deciding ? addDecidingFigures(state.deciding, figures) : structuredClone(figures);
}

export const STATE_FILE = 'state.json';
export const STATE_SCHEMA_VERSION = 1;

/**
 * Everything a sweep has computed so far: the raw tallies and which batches
 * are done. Checkpointed atomically; `--resume` and `merge` start from it.
 */
export interface SweepState {
  schemaVersion: number;
  configHash: string;
  config: SweepConfigJson;
  /** The shard count of the run, and which shard indices (1-based) this state covers. */
  shardCount: number;
  shards: number[];
  gridCells: number;
  randomRuns: number;
  /** Batch ids done, as sorted disjoint inclusive ranges. */
  done: [number, number][];
  grid: Record<string, TallyJson>;
  random: Record<string, TallyJson>;
  statesSimulated: number;
  elapsedMs: number;
  /** How the done batches were decided (summed over batches, runs and shards). */
  deciding?: DecidingFigures;
}

export function newState(config: SweepConfig, gridCells: number, shard: { index: number; count: number }): SweepState {
  const dimensions = config.family.coverage.dimensions.map((d) => d.id);
  return {
    schemaVersion: STATE_SCHEMA_VERSION,
    configHash: configHash(config),
    config: configToJson(config),
    shardCount: shard.count,
    shards: [shard.index],
    gridCells,
    randomRuns: config.random.runs,
    done: [],
    grid: Object.fromEntries(config.conjectures.map((id) => [id, emptyTally(dimensions)])),
    random: Object.fromEntries(config.conjectures.map((id) => [id, emptyTally(dimensions)])),
    statesSimulated: 0,
    elapsedMs: 0,
  };
}

export function batchCount(state: Pick<SweepState, 'gridCells' | 'randomRuns'>): number {
  return Math.ceil(state.gridCells / BATCH_SIZE) + Math.ceil(state.randomRuns / BATCH_SIZE);
}

export function isDone(done: [number, number][], id: number): boolean {
  return done.some(([a, b]) => a <= id && id <= b);
}

/** Adds a batch id to the ranges, keeping them sorted and merged. */
export function markDone(done: [number, number][], id: number): [number, number][] {
  if (isDone(done, id)) return done;
  const ranges = [...done, [id, id] as [number, number]].sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const r of ranges) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

export function doneCount(done: [number, number][]): number {
  return done.reduce((n, [a, b]) => n + b - a + 1, 0);
}

/** Whether every batch with id in [from, to] is done. */
export function allDone(done: [number, number][], from: number, to: number): boolean {
  return to < from || done.some(([a, b]) => a <= from && to <= b);
}

export function addTallies(into: Record<string, TallyJson>, from: Record<string, TallyJson>): void {
  for (const [id, t] of Object.entries(from)) into[id] = mergeInto(into[id] ?? emptyTally(), t);
}

/** Writes through a temporary file and a rename, so a crash never leaves half a checkpoint. */
export function writeJsonAtomic(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writingTo(path, () => writeFileSync(tmp, JSON.stringify(value, null, 2) + '\n'));
  renameSync(tmp, path);
}

export function readState(dir: string): SweepState | null {
  const path = join(dir, STATE_FILE);
  if (!existsSync(path)) return null;
  let state: SweepState;
  try {
    state = JSON.parse(readFileSync(path, 'utf8')) as SweepState;
  } catch (error) {
    throw new InputError('CORRUPT_STATE', `${path} is not a readable sweep state: ${(error as Error).message}; remove it (or the folder) or choose another --out`);
  }
  const version = (state as Partial<SweepState> | null)?.schemaVersion;
  if (version !== STATE_SCHEMA_VERSION) {
    throw new InputError('STATE_VERSION', `${path} has schema version ${JSON.stringify(version)}; this harness reads version ${STATE_SCHEMA_VERSION}`);
  }
  return validateState<SweepState>(state, path);
}
