import { z } from 'zod';
import { InputError } from '../../models/errors.js';
import { parseExact } from '../../reports/decimal.js';
import { configHashOfJson, type SweepConfigJson } from './config.js';
import { fieldName } from './json5-source.js';
import { issueMessage } from './zod-messages.js';

/**
 * The shape of `state.json` and of corpus entries, checked on reading: a file
 * that is valid JSON of the wrong shape (hand-edited, truncated by a full disk,
 * written by another tool) is bad input, reported in one line naming the file
 * and what to do, never a TypeError deep inside the summary.
 */

const count = z.number().int().min(0);
const rational = z.string().refine((s) => parseExact(s) !== null, 'expected an exact rational such as "3/2"');
const counts = z.record(z.string(), count);
const where = z.looseObject({ cell: count, t: count, params: z.record(z.string(), z.unknown()), init: z.unknown() });
const coverageCounts = z.looseObject({ cells: count, cellsFailed: count, cellsVacuous: count, statesChecked: count, statesFailed: count });

export const tallySchema = z.looseObject({
  statesChecked: count,
  statesFailed: count,
  statesVacuous: count,
  statesUndecided: count,
  cellsChecked: count,
  cellsFailed: count,
  cellsVacuous: count,
  cellsErrored: count,
  cases: counts,
  ties: count,
  evictionDepth: counts,
  smallestMargin: where.extend({ value: rational }).nullable(),
  smallestPositiveMargin: where.extend({ value: rational }).nullable().optional(),
  firstFailure: where.extend({ counterexample: z.looseObject({ conjecture: z.string(), params: z.record(z.string(), z.unknown()), t: count }) }).nullable(),
  coverage: z.record(z.string(), z.record(z.string(), coverageCounts)),
  errors: z.array(where.extend({ message: z.string() })),
});

const range = z.tuple([count, count]).refine(([a, b]) => a <= b, 'expected a range [from, to] with from ≤ to');

export const stateSchema = z.looseObject({
  schemaVersion: z.number(),
  configHash: z.string(),
  config: z.looseObject({ name: z.string(), conjectures: z.array(z.string()).min(1), grid: z.looseObject({}), random: z.looseObject({}) }),
  shardCount: z.number().int().min(1),
  shards: z.array(z.number().int().min(1)).min(1),
  gridCells: count,
  randomRuns: count,
  done: z.array(range),
  grid: z.record(z.string(), tallySchema),
  random: z.record(z.string(), tallySchema),
  statesSimulated: count,
  elapsedMs: z.number().min(0),
});

const ADVICE = 'remove it (or the folder) or choose another --out';

/**
 * Checks a parsed state file; throws an InputError naming `path`, the field
 * and what to do. Beyond the shape: the config must be one this harness
 * reads and must hash to `configHash`, every conjecture of the config must
 * have tallies, and shard indices must lie within the shard count.
 */
export function validateState<T>(value: unknown, path: string): T {
  const bad = (field: string, message: string) =>
    new InputError('CORRUPT_STATE', `${path}: not a valid sweep state: ${field}: ${message}; ${ADVICE}`);
  const parsed = stateSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw bad(fieldName(issue.path as (string | number)[]), issueMessage(issue, value, stateSchema));
  }
  const s = parsed.data;
  const hash = configHashOfJson(s.config as unknown as SweepConfigJson);
  if (hash !== s.configHash) throw bad('configHash', `does not match its config (${s.configHash} ≠ ${hash})`);
  for (const id of s.config.conjectures) {
    if (!s.grid[id]) throw bad(`grid.${id}`, 'is required (a conjecture of the config has no tallies)');
    if (!s.random[id]) throw bad(`random.${id}`, 'is required (a conjecture of the config has no tallies)');
  }
  const shard = s.shards.find((i) => i > s.shardCount);
  if (shard !== undefined) throw bad('shards', `shard ${shard} is beyond the shard count ${s.shardCount}`);
  return value as T;
}
