import { InvalidArgumentError } from 'commander';
import { readFileSync } from 'node:fs';
import JSON5 from 'json5';
import { InputError } from '../../models/errors.js';
import { parseDuration } from '../duration.js';
import { isArithmeticId, type ArithmeticChoice } from '../../models/arithmetic/index.js';
import { TIE_RULES, type TieRule } from '../../conjectures/support/tie-rule.js';

/** Option parsers for commander: each names the flag's rule in its error. */

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
  if (!isArithmeticId(value)) throw new InvalidArgumentError('expected one of exact, decimal, float64.');
  return value;
}

/**
 * Reads a JSON/JSON5 document given inline (starting with "{" or "[") or as a
 * file path; syntax errors report line and column.
 */
export function readJsonArgument(arg: string, what: string): unknown {
  const inline = /^\s*[[{]/.test(arg);
  let text: string;
  if (inline) text = arg;
  else {
    try {
      text = readFileSync(arg, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new InputError('FILE_NOT_READABLE', `cannot read ${what} "${arg}"${code === 'ENOENT' ? ': no such file' : `: ${code}`}`);
    }
  }
  try {
    return JSON5.parse(text);
  } catch (error) {
    const e = error as Error & { lineNumber?: number; columnNumber?: number };
    const where = e.lineNumber ? ` at line ${e.lineNumber}, column ${e.columnNumber}` : '';
    const source = inline ? `the ${what} given inline` : `${arg}`;
    throw new InputError('MALFORMED_JSON', `${source} is not valid JSON${where}: ${e.message.replace(/^JSON5: /, '').replace(/ at \d+:\d+$/, '')}`);
  }
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
