import { InvalidArgumentError } from 'commander';
import { parseDuration } from '../duration.js';
import { Json5Source } from '../sweep/json5-source.js';
import { ARITHMETIC_IDS, isArithmeticId, type ArithmeticChoice } from '../../models/arithmetic/index.js';
import type { DecidingPath } from '../schema.js';
import { TIE_RULES, type TieRule } from '../../conjectures/support/tie-rule.js';

/** Option parsers for commander: each names the flag's rule in its error. */

/**
 * The most worker threads any command starts. Each thread holds its own model
 * and conjecture state (tens of MB); beyond 64 a run spends more on memory and
 * scheduling than it gains, and a typo such as 4000 would exhaust the machine.
 */
export const MAX_WORKERS = 64;

/** `--workers`: an integer from `min` (1, or 0 where 0 means "this thread") to MAX_WORKERS. */
export function workerCount(min: 0 | 1) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\s*\d+\s*$/.test(value) || !Number.isSafeInteger(n) || n < min || n > MAX_WORKERS) {
      throw new InvalidArgumentError(`expected an integer from ${min} to ${MAX_WORKERS}${min === 0 ? ' (0 = this thread)' : ''} (got ${JSON.stringify(value)}).`);
    }
    return n;
  };
}

export function positiveInt(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1) {
    throw new InvalidArgumentError('expected an integer ≥ 1.');
  }
  return n;
}

export function nonNegativeInt(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n)) throw new InvalidArgumentError('expected an integer ≥ 0.');
  return n;
}

export function positiveSeconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a number of seconds > 0.');
  return n;
}

export function tieRule(value: string): TieRule {
  if (!(TIE_RULES as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`expected one of ${TIE_RULES.join(', ')}.`);
  }
  return value as TieRule;
}

export function arithmeticId(value: string): ArithmeticChoice['id'] {
  if (!isArithmeticId(value)) throw new InvalidArgumentError(`expected one of ${ARITHMETIC_IDS.join(', ')}.`);
  return value;
}

/** `--arithmetic` of sweep, gate and replay: the deciding path (results are the same on both). */
export function decidingPath(value: string): DecidingPath {
  if (value !== 'filtered' && value !== 'exact') throw new InvalidArgumentError('expected filtered or exact.');
  return value;
}

export const DECIDING_PATH_HELP =
  'filtered: certified double enclosures decide what they prove, the rest falls back to exact rationals; exact: exact rationals only (same results)';

/**
 * Reads a JSON/JSON5 document given inline (starting with "{" or "[") or as a
 * file path; syntax errors report line and column.
 */
export function readJsonArgument(arg: string, what: string): unknown {
  return /^\s*[[{]/.test(arg) ? Json5Source.parse(`(the ${what} given inline)`, arg).value : Json5Source.readFile(arg, what).value;
}

/** A duration flag (see parseDuration). */
export function duration(value: string): number {
  try {
    return parseDuration(value);
  } catch (error) {
    throw new InvalidArgumentError(`${(error as Error).message}.`);
  }
}

/** "I/N" with 1 ≤ I ≤ N (1-based, as in vitest and playwright). */
export function shard(value: string): { index: number; count: number } {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index < 1 || index > count) throw new InvalidArgumentError('expected I/N with 1 ≤ I ≤ N, e.g. 2/4.');
  return { index, count };
}
