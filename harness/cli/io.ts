import { safeWrite } from '../io/pipe.js';

/** Where a command writes; injected so the CLI can be driven in-process by tests. */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  /** Whether stdout is an interactive terminal (progress bars, colours). */
  readonly isTTY: boolean;
  /** Wall clock in ms (injected; the harness owns time). */
  now(): number;
}

export const processIO: CliIO = {
  // A closed pipe (`| head -1`) drops further output instead of crashing.
  out: (text) => safeWrite(process.stdout, text),
  err: (text) => safeWrite(process.stderr, text),
  isTTY: Boolean(process.stdout.isTTY),
  now: () => performance.now(),
};

/** Exit statuses of every command. */
export const EXIT = {
  /** Nothing refuted (or the command succeeded). */
  ok: 0,
  /** A conjecture was refuted. */
  refuted: 1,
  /** Bad usage or input. */
  usage: 2,
  /** A bug: a predicate or the harness threw. */
  internal: 3,
  /** A sweep stopped early (interrupt or time budget) without refuting anything; partial results are saved. */
  incomplete: 4,
} as const;
