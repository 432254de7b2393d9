import * as nodeFs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { InputError } from '../../models/errors.js';
import { fsReason } from './fs-errors.js';

/** The few filesystem calls the probe makes; injectable so tests can simulate a full disk or a read-only folder. */
export interface ProbeFs {
  mkdirSync(path: string, options: { recursive: true }): unknown;
  statSync(path: string): { isDirectory(): boolean };
  writeFileSync(path: string, data: string, options: { flag: string }): void;
  unlinkSync(path: string): void;
}

let defaultFs: ProbeFs = nodeFs;

/** For tests: the filesystem the probe uses (returns the previous one). */
export function setProbeFs(fs: ProbeFs): ProbeFs {
  const previous = defaultFs;
  defaultFs = fs;
  return previous;
}

/**
 * Checks, before any work, that `dir` can take the command's output: creates
 * it if missing, then writes and removes a small probe file. A path that is a
 * file, a folder that cannot be written (permissions, read-only file system)
 * or a full disk is an InputError (exit 2) naming the path and the reason.
 */
export function prepareOutputDir(dir: string, flag = '--out', fs: ProbeFs = defaultFs): void {
  const fail = (reason: string) => {
    throw new InputError('OUTPUT_NOT_WRITABLE', `${flag} ${dir} cannot be written: ${reason}`);
  };
  let isDirectory: boolean | null = null; // null: does not exist
  try {
    isDirectory = fs.statSync(dir).isDirectory();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR') fail('a part of the path is a file, not a folder');
    else if (code !== 'ENOENT') fail(fsReason(error));
  }
  if (isDirectory === false) fail('it is a file, not a folder');
  const exists = isDirectory === true;
  if (!exists) {
    try {
      fs.mkdirSync(dir, { recursive: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      fail(code === 'ENOTDIR' || code === 'EEXIST' ? 'a part of the path is a file, not a folder' : `cannot create it: ${fsReason(error)}`);
    }
  }
  // 4 KiB, so a disk with no free block fails here rather than after the work.
  const probe = join(dir, `.conjecture-probe-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    fs.writeFileSync(probe, 'x'.repeat(4096), { flag: 'wx' });
  } catch (error) {
    try {
      fs.unlinkSync(probe);
    } catch {
      // nothing was created
    }
    fail(fsReason(error));
  }
  try {
    fs.unlinkSync(probe);
  } catch (error) {
    fail(`cannot remove a file in it: ${fsReason(error)}`);
  }
}
