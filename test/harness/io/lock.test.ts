import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireOutputLock, LOCK_FILE } from '../../../harness/io/lock.js';
import type { SweepSummary } from '../../../harness/sweep/summary.js';
import { tmp } from '../../support/sweep-fixtures.js';

/** A sweep (or merge) holds a lock on its --out: a second one into the same folder is refused. */
const bin = new URL('../../../dist/harness/cli/main.js', import.meta.url).pathname;

/** A few seconds of work on one worker. */
// Long enough (a few seconds) that the first sweep is still running when the refused commands start.
const CONFIG = `{ name: "locked", conjectures: ["token-balance", "merged-equals-per-type"],
  grid: { l0: { from: 1, to: 12 }, lA: { from: 1, to: 3 }, lB: { from: 2, to: 5 }, B: [60], lambdaA: [1, 2], lambdaB: [1, 2],
          init: ["canonical", { kind: "lattice", units: 2 }], steps: 30 } }`;

interface Done {
  code: number | null;
  stderr: string;
  pid: number;
}

function start(args: string[]): { pid: number; done: Promise<Done>; kill: (s: NodeJS.Signals) => void } {
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const done = new Promise<Done>((resolve) => child.on('close', (code) => resolve({ code, stderr, pid: child.pid! })));
  return { pid: child.pid!, done, kill: (s) => child.kill(s) };
}

async function waitFor(path: string, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!existsSync(path)) {
    if (Date.now() > deadline) throw new Error(`${path} did not appear`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid!;

describe('the output lock (in process)', () => {
  it('is created exclusively with pid, hostname and start time, refused while held, and released', () => {
    const dir = tmp('lock');
    const lock = acquireOutputLock(dir, 'sweep');
    const saved = JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'));
    expect(saved).toMatchObject({ pid: process.pid, hostname: hostname(), command: 'sweep' });
    expect(Date.parse(saved.startedAt)).not.toBeNaN();
    expect(() => acquireOutputLock(dir, 'merge')).toThrow(new RegExp(`in use by a running sweep \\(pid ${process.pid}, since `));
    lock.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    acquireOutputLock(dir, 'merge').release();
  });

  it('takes over a stale lock (its pid is dead) with a message', () => {
    const dir = tmp('lock-stale');
    const pid = deadPid();
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid, hostname: hostname(), startedAt: '2020-01-01T00:00:00.000Z', command: 'sweep', token: 'old' }));
    const notes: string[] = [];
    const lock = acquireOutputLock(dir, 'sweep', (l) => notes.push(l));
    expect(notes.join('\n')).toMatch(new RegExp(`taking over a stale lock of pid ${pid} .*that process is gone`));
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    lock.release();
  });

  it('refuses a lock held on another host (its pid cannot be checked), saying how to clear it', () => {
    const dir = tmp('lock-host');
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: 4242, hostname: 'elsewhere', startedAt: 'x', command: 'sweep', token: 't' }));
    expect(() => acquireOutputLock(dir, 'sweep')).toThrow(/pid 4242 on host elsewhere.*remove .*\.conjecture\.lock/);
  });

  it('does not remove a lock that is no longer its own', () => {
    const dir = tmp('lock-own');
    const lock = acquireOutputLock(dir, 'sweep');
    const other = { pid: process.pid, hostname: hostname(), startedAt: 'y', command: 'merge', token: 'someone-else' };
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify(other));
    lock.release();
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).token).toBe('someone-else');
  });
});

describe('two sweeps into one --out (real processes)', () => {
  const dir = tmp('lock-cli');
  const config = join(dir, 'sweep.json5');
  writeFileSync(config, CONFIG);
  const args = (out: string) => ['sweep', config, '--out', out, '--workers', '1', '--no-corpus', '--reporters', 'json'];

  it('a second sweep or merge while the first runs is refused with exit 2 naming the owner pid', async () => {
    const out = join(dir, 'running');
    const first = start(args(out));
    await waitFor(join(out, LOCK_FILE), 20_000);
    // Both start at once, while the first holds the lock (one after the other could outlast it).
    const [second, merge] = await Promise.all([start(args(out)).done, start(['merge', out, '--out', out]).done]);
    const a = await first.done;
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(new RegExp(`^error: ${out} is in use by a running sweep \\(pid ${first.pid}, since [^)]+\\); wait for it to end or choose another --out\\n$`));
    expect(merge.code).toBe(2);
    expect(merge.stderr).toMatch(new RegExp(`pid ${first.pid}\\b`));
    expect(a.code).toBe(0);
    expect((JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as SweepSummary).complete).toBe(true);
    expect(existsSync(join(out, LOCK_FILE))).toBe(false);
  });

  it('started at the same instant: exactly one runs, the other is refused, nothing is overwritten', async () => {
    const out = join(dir, 'race');
    mkdirSync(out);
    const [a, b] = await Promise.all([start(args(out)).done, start(args(out)).done]);
    const codes = [a.code, b.code].sort();
    expect(codes).toEqual([0, 2]);
    const [winner, loser] = a.code === 0 ? [a, b] : [b, a];
    expect(loser.stderr).toMatch(new RegExp(`in use by a running sweep \\(pid ${winner.pid},`));
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as SweepSummary;
    expect(summary).toMatchObject({ complete: true, stopped: null });
    expect(summary.grid.cellsDone).toBe(summary.grid.cells);
    // The one that ran is the one whose result is there: its state is whole and consistent.
    const state = JSON.parse(readFileSync(join(out, 'state.json'), 'utf8'));
    expect(state.done).toEqual([[0, expect.any(Number)]]);
    expect(existsSync(join(out, LOCK_FILE))).toBe(false);
  });

  it('is released when a sweep is stopped by SIGTERM (exit 4)', async () => {
    const out = join(dir, 'term');
    const run = start([...args(out), '--checkpoint-every', '0.1']);
    await waitFor(join(out, 'state.json'), 20_000);
    expect(existsSync(join(out, LOCK_FILE))).toBe(true);
    run.kill('SIGTERM');
    expect((await run.done).code).toBe(4);
    expect(existsSync(join(out, LOCK_FILE))).toBe(false);
  });

  it('a stale lock left by a killed sweep is taken over with a message on stderr', async () => {
    const out = join(dir, 'stale');
    mkdirSync(out);
    const pid = deadPid();
    writeFileSync(join(out, LOCK_FILE), JSON.stringify({ pid, hostname: hostname(), startedAt: '2020-01-01T00:00:00.000Z', command: 'sweep', token: 'dead' }));
    const r = await start(args(out)).done;
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`taking over a stale lock of pid ${pid}`));
  });
});
