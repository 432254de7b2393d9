import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { InputError } from '../../models/errors.js';

/** The lock file a sweep or merge holds in its output folder while it runs. */
export const LOCK_FILE = '.conjecture.lock';

export interface LockOwner {
  pid: number;
  hostname: string;
  /** ISO time the owner took the lock. */
  startedAt: string;
  /** What holds it, e.g. "sweep". */
  command: string;
  /** Tells this holder's lock apart from a later one with a recycled pid. */
  token: string;
}

export interface OutputLock {
  readonly path: string;
  readonly owner: LockOwner;
  /** Removes the lock if it is still ours; idempotent. */
  release(): void;
}

/** Whether a process with this pid is alive on this machine (EPERM: it exists, owned by someone else). */
export function pidAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(path: string): LockOwner | null | 'missing' {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw error;
  }
  try {
    const o = JSON.parse(text) as Partial<LockOwner>;
    if (typeof o.pid === 'number' && typeof o.hostname === 'string') {
      return { pid: o.pid, hostname: o.hostname, startedAt: String(o.startedAt ?? '?'), command: String(o.command ?? '?'), token: String(o.token ?? '') };
    }
  } catch {
    // being written by its owner at this instant, or garbage
  }
  return null;
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Takes the lock of `dir` (which must exist): a file created with O_EXCL that
 * holds the owner's pid, hostname and start time. A live owner makes this an
 * InputError (exit 2) naming it; a stale lock (its pid is dead on this host)
 * is taken over with a note on `log`. The lock is released by `release()` and,
 * as a fallback, when the process exits.
 */
export function acquireOutputLock(dir: string, command: string, log: (line: string) => void = () => {}): OutputLock {
  const path = join(dir, LOCK_FILE);
  const owner: LockOwner = { pid: process.pid, hostname: hostname(), startedAt: new Date().toISOString(), command, token: randomBytes(8).toString('hex') };
  for (let attempt = 0; attempt < 50; attempt++) {
    let fd: number;
    try {
      fd = openSync(path, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const other = readOwner(path);
      if (other === 'missing') continue; // released meanwhile: try again
      if (other === null) {
        // Created but not yet written by its owner (or unreadable): give it a moment.
        if (attempt < 20) {
          sleep(25);
          continue;
        }
        throw new InputError('OUTPUT_LOCKED', `${dir} is locked by another run (${path} is unreadable); if none is running, remove that file`);
      }
      if (other.hostname === owner.hostname && !pidAlive(other.pid)) {
        // Stale: its owner died without releasing it. Re-read just before removing, so a lock
        // that another process took over meanwhile is not removed.
        const again = readOwner(path);
        if (again !== 'missing' && again !== null && again.token === other.token && again.pid === other.pid) {
          log(`${dir}: taking over a stale lock of pid ${other.pid} (${other.command} started ${other.startedAt}; that process is gone)`);
          try {
            unlinkSync(path);
          } catch (e) {
            if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
          }
        }
        continue;
      }
      const where = other.hostname === owner.hostname ? '' : ` on host ${other.hostname}`;
      throw new InputError(
        'OUTPUT_LOCKED',
        `${dir} is in use by ${other.command === '?' ? 'another run' : `a running ${other.command}`} (pid ${other.pid}${where}, since ${other.startedAt}); ` +
          `wait for it to end or choose another --out${where ? ` (if it is not running, remove ${path})` : ''}`,
      );
    }
    try {
      writeSync(fd, JSON.stringify(owner) + '\n');
    } finally {
      closeSync(fd);
    }
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      process.off('exit', release);
      try {
        const current = readOwner(path);
        if (current !== 'missing' && current !== null && current.token === owner.token) unlinkSync(path);
      } catch {
        // best effort: a lock left behind is taken over as stale by the next run
      }
    };
    process.on('exit', release);
    return { path, owner, release };
  }
  throw new InputError('OUTPUT_LOCKED', `${dir}: could not take the lock ${path} (it keeps changing owner); try again`);
}
