import { SingleBar, Presets } from 'cli-progress';

export interface ProgressUpdate {
  done: number;
  total: number;
  statesPerSecond: number;
  /** Estimated milliseconds left (null when unknown). */
  etaMs: number | null;
}

/** Where a sweep reports progress: a bar on a terminal, one line now and then otherwise. */
export interface ProgressSink {
  start(total: number, label: string): void;
  update(u: ProgressUpdate): void;
  stop(): void;
}

export const silentProgress: ProgressSink = { start() {}, update() {}, stop() {} };

export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

/** An interactive bar (cli-progress): batches done, states per second, time left. */
export function barProgress(stream: NodeJS.WritableStream): ProgressSink {
  const bar = new SingleBar(
    {
      format: '{label} [{bar}] {percentage}% | {value}/{total} batches | {rate} states/s | {eta_text} left',
      stream: stream as NodeJS.WriteStream,
      hideCursor: true,
      clearOnComplete: true,
    },
    Presets.shades_classic,
  );
  return {
    start: (total, label) => bar.start(total, 0, { label, rate: '-', eta_text: '?' }),
    update: (u) => bar.update(u.done, { rate: u.statesPerSecond.toLocaleString('en-US'), eta_text: u.etaMs === null ? '?' : formatDuration(u.etaMs) }),
    stop: () => bar.stop(),
  };
}

/** One line every `everyMs` (logs, CI): cells done, states per second, time left. */
export function lineProgress(write: (line: string) => void, now: () => number, everyMs = 10_000): ProgressSink {
  let label = '';
  let last = -Infinity;
  let latest: ProgressUpdate | null = null;
  const print = (u: ProgressUpdate) => {
    const pct = u.total ? ((100 * u.done) / u.total).toFixed(1) : '100.0';
    const eta = u.etaMs === null ? '?' : formatDuration(u.etaMs);
    write(`${label}: ${u.done}/${u.total} batches (${pct}%), ${u.statesPerSecond.toLocaleString('en-US')} states/s, ~${eta} left\n`);
  };
  return {
    start(total, l) {
      label = l;
      write(`${label}: ${total} batches to run\n`);
    },
    update(u) {
      latest = u;
      if (now() - last >= everyMs) {
        last = now();
        print(u);
      }
    },
    stop() {
      if (latest && latest.done === latest.total) print(latest);
    },
  };
}
