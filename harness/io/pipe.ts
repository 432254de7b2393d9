/**
 * A closed pipe (`conjecture list | head -1`) must end output quietly, not
 * crash: once stdout or stderr reports EPIPE, further writes to it are
 * dropped, and the command goes on to its real result and exit status.
 */

const closed = new WeakSet<NodeJS.WritableStream>();

/** Whether a stream's reader has gone away. */
export function isClosed(stream: NodeJS.WritableStream): boolean {
  return closed.has(stream);
}

/** Installs the EPIPE handling on a stream (idempotent). Other errors are left to Node. */
export function ignoreEpipe(stream: NodeJS.WritableStream & { destroyed?: boolean }): void {
  if ((stream as { __epipeGuard?: boolean }).__epipeGuard) return;
  (stream as { __epipeGuard?: boolean }).__epipeGuard = true;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') {
      closed.add(stream);
      return;
    }
    throw error;
  });
}

/** Writes unless the reader is gone; never throws for a closed pipe. */
export function safeWrite(stream: NodeJS.WritableStream & { destroyed?: boolean; writable?: boolean }, text: string): void {
  if (closed.has(stream) || stream.destroyed) return;
  try {
    stream.write(text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED') closed.add(stream);
    else throw error;
  }
}

/** Guards the process's stdout and stderr. */
export function guardStdio(): void {
  ignoreEpipe(process.stdout);
  ignoreEpipe(process.stderr);
}
