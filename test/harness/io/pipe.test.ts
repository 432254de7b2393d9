import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SweepSummary } from '../../../harness/sweep/summary.js';
import { tmp } from '../../support/sweep-fixtures.js';

/** A closed pipe ends output quietly; the result, the summary and the exit status are unchanged. */
const bin = new URL('../../../dist/harness/cli/main.js', import.meta.url).pathname;

/** g-dominance is refuted here (README: l0=1 lA=1 lB=3 B=1 λ=1/2,1/2 at t=6): exit 1. */
const CONFIG = `{ name: "pipe", conjectures: ["g-dominance", "token-balance"],
  grid: { l0: [1, 2], lA: [1], lB: [3], B: [1], lambdaA: ["1/2"], lambdaB: ["1/2"], steps: 12 } }`;

/**
 * Runs the CLI with stdout and stderr as pipes whose reading end is closed
 * after `keep` bytes (0: before the process writes anything), like `| head -c`.
 */
function runClosing(args: string[], keep: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; seen: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let seen = '';
    const close = () => {
      child.stdout!.destroy();
      child.stderr!.destroy();
    };
    if (keep === 0) close();
    else {
      const take = (d: Buffer) => {
        seen += d.toString();
        if (seen.length >= keep) close();
      };
      child.stdout!.on('data', take);
      child.stderr!.on('data', take);
    }
    child.on('exit', (code, signal) => resolve({ code, signal, seen }));
  });
}

describe('a closed pipe', () => {
  it('`conjecture list | head`: exits 0 quietly', async () => {
    const r = await runClosing(['list'], 0);
    expect(r).toMatchObject({ code: 0, signal: null });
  });

  it('`conjecture list | head -1` through a real shell pipeline: exit status 0, no EPIPE trace', () => {
    // `true` exits at once, so every write of list meets a closed pipe.
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${bin}" list 2>/tmp/pipe-list-$$.err | true; echo "\${PIPESTATUS[0]}"; cat /tmp/pipe-list-$$.err; rm -f /tmp/pipe-list-$$.err`], { encoding: 'utf8' });
    const [status, ...err] = r.stdout.split('\n');
    expect(status).toBe('0');
    expect(err.join('\n')).not.toMatch(/EPIPE|^\s+at /m);
  });

  it('a sweep with stdout and stderr closed after the first line still writes summary.json and exits with its real status (1)', async () => {
    const dir = tmp('pipe');
    const config = join(dir, 'c.json5');
    writeFileSync(config, CONFIG);
    const out = join(dir, 'out');
    const r = await runClosing(['sweep', config, '--out', out, '--workers', '1', '--no-corpus', '--reporters', 'json,markdown'], 1);
    expect(r).toMatchObject({ code: 1, signal: null });
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as SweepSummary;
    expect(summary.complete).toBe(true);
    expect(summary.conjectures['g-dominance'].status).toBe('refuted');
    expect(existsSync(join(out, 'summary.md'))).toBe(true);

    // Same result as with the pipes open.
    const open = spawnSync(process.execPath, [bin, 'sweep', config, '--out', join(dir, 'open'), '--workers', '1', '--no-corpus', '--reporters', 'json,markdown'], { encoding: 'utf8' });
    expect(open.status).toBe(1);
    const reference = JSON.parse(readFileSync(join(dir, 'open', 'summary.json'), 'utf8')) as SweepSummary;
    expect(summary.conjectures).toEqual(reference.conjectures);
  });

  it('a sweep whose pipes are closed before it writes anything: exit 1 and the summary written', async () => {
    const dir = tmp('pipe0');
    const config = join(dir, 'c.json5');
    writeFileSync(config, CONFIG);
    const out = join(dir, 'out');
    const r = await runClosing(['sweep', config, '--out', out, '--workers', '1', '--no-corpus', '--reporters', 'json'], 0);
    expect(r).toMatchObject({ code: 1, signal: null });
    expect(existsSync(join(out, 'summary.json'))).toBe(true);
  });
});
