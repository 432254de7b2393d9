/**
 * Filesystem faults (a full disk, a read-only folder, a path that is a file)
 * are the environment's, not bugs: the CLI reports them in one line naming the
 * path and the reason, never with a stack trace.
 */

const REASONS: Readonly<Record<string, string>> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOTDIR: 'a path component is a file, not a folder',
  EISDIR: 'is a folder, not a file',
  EEXIST: 'already exists',
  EIO: 'input/output error',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files in the system',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'too many symbolic links',
  EFBIG: 'file too large',
  EBUSY: 'resource busy',
};

export interface FsError extends Error {
  code: string;
  path?: string;
  dest?: string;
  syscall?: string;
}

/** Whether `error` is a Node system error of a kind that the environment, not the harness, causes. */
export function isFsFault(error: unknown): error is FsError {
  return (
    error instanceof Error &&
    typeof (error as Partial<FsError>).code === 'string' &&
    Object.prototype.hasOwnProperty.call(REASONS, (error as FsError).code) &&
    typeof (error as Partial<FsError>).syscall === 'string'
  );
}

/** "no space left on the device (ENOSPC)" */
export function fsReason(error: unknown): string {
  const code = (error as Partial<FsError> | null)?.code;
  if (typeof code === 'string') return `${REASONS[code] ?? 'system error'} (${code})`;
  return error instanceof Error ? error.message : String(error);
}

/** One line: "cannot write out/x/summary.json: no space left on the device (ENOSPC)". */
export function describeFsFault(error: FsError): string {
  const verb = error.syscall === 'open' || error.syscall === 'read' || error.syscall === 'scandir' || error.syscall === 'stat' ? 'cannot access' : 'cannot write';
  const where = error.path ? ` ${error.path}` : '';
  return `${verb}${where}: ${fsReason(error)}`;
}

/** Runs a write; a filesystem fault without a path (a failed write(2)) is given `path`, so its message names the file. */
export function writingTo<T>(path: string, write: () => T): T {
  try {
    return write();
  } catch (error) {
    if (isFsFault(error) && !error.path) error.path = path;
    throw error;
  }
}
