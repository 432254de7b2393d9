import type { CliIO } from '../../harness/cli/io.js';

/** An in-memory CliIO: runs the CLI in-process and keeps what it wrote. */
export function captureIO() {
  let out = '';
  let err = '';
  let clock = 0;
  const io: CliIO = {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
    isTTY: false,
    now: () => performance.now() + clock,
  };
  return { io, stdout: () => out, stderr: () => err, advance: (ms: number) => (clock += ms) };
}
