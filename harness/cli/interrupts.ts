import type { CliIO } from './io.js';

/**
 * Runs `work` with SIGINT/SIGTERM turned into an abort: the first signal asks
 * the work to stop cleanly and keep its partial result; a second one quits at once.
 */
export async function withInterrupts<T>(io: CliIO, what: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const stop = new AbortController();
  let interrupts = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    interrupts++;
    if (interrupts > 1) process.exit(130);
    io.err(`\n${signal}: stopping ${what}; partial results are kept (again to quit at once)\n`);
    stop.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    return await work(stop.signal);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
