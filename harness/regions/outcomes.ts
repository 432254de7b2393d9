import { closeSync, existsSync, ftruncateSync, openSync, readSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Per-cell outcomes of a sweep: one byte per grid cell and conjecture, in
 * `outcomes.bin` beside state.json, at offset cell × conjectures + k (k the
 * conjecture's position in the config's list). Written as batches finish
 * (before the checkpoint marks them done, so a resumed run rewrites what a
 * crash may have left), merged across shards byte-wise (each shard writes
 * only its own cells). Region maps and `conjecture refine` read it, never
 * the models: they are functions of saved results.
 */
export const OUTCOMES_FILE = 'outcomes.bin';

export const OUTCOME = {
  /** The cell's batch is not done (or the sweep predates this file). */
  unknown: 0,
  /** The conjecture is not evaluated on this cell (scope, family, or a `where` filter). */
  skipped: 1,
  /** Some state checked, none failed or undecided. */
  held: 2,
  /** Some state failed. */
  failed: 3,
  /** Every state vacuous (precondition false). */
  vacuous: 4,
  /** None failed, some undecided within the horizon. */
  undecided: 5,
  /** The cell could not be evaluated. */
  errored: 6,
} as const;

export type OutcomeCode = (typeof OUTCOME)[keyof typeof OUTCOME];
export const OUTCOME_NAMES = ['unknown', 'skipped', 'held', 'failed', 'vacuous', 'undecided', 'errored'] as const;

/** Folds a state's status into a cell's code (failed > undecided > held > vacuous). */
export function foldStatus(code: number, status: 'holds' | 'fails' | 'vacuous' | 'undecided'): number {
  if (code === OUTCOME.failed || status === 'fails') return OUTCOME.failed;
  if (code === OUTCOME.undecided || status === 'undecided') return OUTCOME.undecided;
  if (status === 'holds' || code === OUTCOME.held) return OUTCOME.held;
  return OUTCOME.vacuous;
}

/** Positional writer of a sweep's outcome bytes. */
export class OutcomeWriter {
  private fd: number;

  /** `fresh`: start a zeroed file (a new sweep); otherwise keep what a checkpoint saved. */
  constructor(dir: string, gridCells: number, conjectures: number, fresh: boolean) {
    const path = join(dir, OUTCOMES_FILE);
    this.fd = openSync(path, fresh || !existsSync(path) ? 'w+' : 'r+');
    ftruncateSync(this.fd, gridCells * conjectures);
  }

  write(offset: number, bytes: Uint8Array): void {
    writeSync(this.fd, bytes, 0, bytes.length, offset);
  }

  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }
}

const CHUNK = 1 << 20;

/** Streams the outcome bytes of a sweep folder in chunks: fn(offset of chunk, chunk). Returns false when there is no file. */
export function scanOutcomes(dir: string, fn: (offset: number, chunk: Uint8Array) => void): boolean {
  const path = join(dir, OUTCOMES_FILE);
  if (!existsSync(path)) return false;
  const fd = openSync(path, 'r');
  try {
    const buffer = new Uint8Array(CHUNK);
    let offset = 0;
    for (;;) {
      const n = readSync(fd, buffer, 0, CHUNK, offset);
      if (n <= 0) break;
      fn(offset, buffer.subarray(0, n));
      offset += n;
    }
  } finally {
    closeSync(fd);
  }
  return true;
}

/** The outcome bytes of one conjecture (k of n), cell by cell: a typed array of the grid's size. */
export function conjectureOutcomes(dir: string, gridCells: number, k: number, n: number): Uint8Array | null {
  const out = new Uint8Array(gridCells);
  const found = scanOutcomes(dir, (offset, chunk) => {
    const first = Math.ceil((offset - k) / n);
    for (let cell = Math.max(0, first); ; cell++) {
      const at = cell * n + k - offset;
      if (at >= chunk.length) break;
      if (cell < gridCells) out[cell] = chunk[at];
    }
  });
  return found ? out : null;
}

/** Shard outputs united byte-wise (each cell is written by one shard only) into `outDir`. */
export function mergeOutcomes(dirs: readonly string[], outDir: string, size: number): boolean {
  const present = dirs.filter((d) => existsSync(join(d, OUTCOMES_FILE)));
  if (present.length === 0) return false;
  const merged = new Uint8Array(size);
  for (const dir of present) {
    scanOutcomes(dir, (offset, chunk) => {
      for (let i = 0; i < chunk.length && offset + i < size; i++) if (chunk[i] > merged[offset + i]) merged[offset + i] = chunk[i];
    });
  }
  const writer = new OutcomeWriter(outDir, size, 1, true);
  writer.write(0, merged);
  writer.close();
  return true;
}
