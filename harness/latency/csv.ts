import { readFileSync } from 'node:fs';
import { InputError } from '../../models/errors.js';
import type { StepRow } from '../../models/latency/fit/fit.js';

/**
 * Reads step measurements from CSV (comma, semicolon or tab separated; the
 * first line is the header; rows are taken in file order = time order).
 * Header names are matched case-insensitively after trimming, with spaces and
 * dashes read as underscores:
 *   B: b, batch, batch_size, bs, num_seqs, num_requests
 *   S: s, tokens, num_tokens, total_tokens, sum_tokens, seq_len, chunk_tokens, num_batched_tokens
 *   T: t, t_ms, latency, latency_ms, step_ms, step_time, step_time_ms, time_ms, duration_ms
 *   weight (optional): w, weight
 * A field that is not a number becomes NaN and the row is dropped by the fit's
 * filter (counted as non-finite).
 */
export const COLUMN_NAMES = {
  B: ['b', 'batch', 'batch_size', 'bs', 'num_seqs', 'num_requests'],
  S: ['s', 'tokens', 'num_tokens', 'total_tokens', 'sum_tokens', 'seq_len', 'chunk_tokens', 'num_batched_tokens'],
  T: ['t', 't_ms', 'latency', 'latency_ms', 'step_ms', 'step_time', 'step_time_ms', 'time_ms', 'duration_ms'],
  weight: ['w', 'weight'],
} as const;

export function parseStepsCsv(text: string, source = 'the CSV'): StepRow[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));
  if (lines.length === 0) throw new InputError('INVALID_CSV', `${source} is empty (expected a header with columns B, S, T)`);
  const sep = lines[0].includes(',') ? ',' : lines[0].includes(';') ? ';' : '\t';
  const header = lines[0].split(sep).map((h) => h.trim().toLowerCase().replace(/[\s-]+/g, '_').replace(/^"|"$/g, ''));
  const find = (names: readonly string[]) => header.findIndex((h) => names.includes(h));
  const idx = { B: find(COLUMN_NAMES.B), S: find(COLUMN_NAMES.S), T: find(COLUMN_NAMES.T), weight: find(COLUMN_NAMES.weight) };
  for (const key of ['B', 'S', 'T'] as const) {
    if (idx[key] < 0) {
      throw new InputError('INVALID_CSV', `${source}: no ${key} column in the header "${lines[0].trim()}" (accepted names: ${COLUMN_NAMES[key].join(', ')})`);
    }
  }
  return lines.slice(1).map((line) => {
    const f = line.split(sep);
    const num = (i: number) => {
      const v = (f[i] ?? '').trim();
      return v === '' ? NaN : Number(v);
    };
    return { B: num(idx.B), S: num(idx.S), T: num(idx.T), ...(idx.weight >= 0 ? { weight: num(idx.weight) } : {}) };
  });
}

export function readStepsCsv(path: string): StepRow[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputError('FILE_NOT_FOUND', `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return parseStepsCsv(text, path);
}
