import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SweepSummary } from '../../../harness/sweep/summary.js';
import { comparable, tmp } from '../../support/sweep-fixtures.js';

/** The CLI under real signals: nothing finished is lost, and a resumed sweep equals an uninterrupted one. */
const bin = new URL('../../../dist/harness/cli/main.js', import.meta.url).pathname;
const api = new URL('../../../dist/harness/api.js', import.meta.url).pathname;
/**
 * A planted conjecture that takes 25 ms per cell (and fails on a known set of
 * cells), so that a small grid runs long enough for a signal to arrive
 * mid-sweep without the test spending a minute on real work.
 */
const SLOW_MODULE = `import { defineConfig, defineConjecture } from ${JSON.stringify(api)};
const slow = defineConjecture({
  id: 'planted-slow', statement: 'planted: fails where lA = 2, l0 = 6 at t = 1 (the last cells)', source: 'test', family: 'theory-simulation',
  scope: 'step', preconditions: [], names: [], margin: '−1 where planted, 1 elsewhere',
  check(v) {
    if (v.t === 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 25);
    const fails = v.ctx.params.lA === 2 && v.ctx.params.l0 === 6 && v.t === 1;
    return { status: fails ? 'fails' : 'holds', margin: fails ? v.ar.neg(v.ar.one) : v.ar.one, values: {} };
  },
});
export default defineConfig({ conjectures: [slow] });
`;
const CONFIG = `{ name: "signals", conjectures: ["planted-slow", "token-balance"],
  grid: { l0: { from: 1, to: 6 }, lA: { from: 1, to: 2 }, lB: { from: 2, to: 3 }, B: [60], lambdaA: [1, 2], lambdaB: [1, 2],
          init: ["canonical"], steps: 4 } }`;

function run(args: string[], onStart?: (child: ReturnType<typeof spawn>) => void): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: 'ignore' });
    onStart?.(child);
    child.on('exit', (code, signal) => resolve(signal === 'SIGKILL' ? null : code));
  });
}

const summaryOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as SweepSummary;

async function waitFor(path: string, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!existsSync(path)) {
    if (Date.now() > deadline) throw new Error(`${path} did not appear`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('interrupting a sweep', () => {
  const dir = tmp('signals');
  const config = join(dir, 'sweep.json5');
  writeFileSync(config, CONFIG);
  const module = join(dir, 'slow.config.mjs');
  writeFileSync(module, SLOW_MODULE);
  // Frequent checkpoints, so a signal can be sent as soon as the first one exists (well before the end).
  const base = (out: string) => ['sweep', config, '--config', module, '--out', out, '--workers', '2', '--no-corpus', '--reporters', 'json', '--checkpoint-every', '0.1'];

  it('SIGINT stops cleanly (exit 4, partial result marked); --resume finishes it exactly', async () => {
    const whole = join(dir, 'whole');
    expect(await run(base(whole))).toBe(1); // the planted failure

    const out = join(dir, 'interrupted');
    const code = await run(base(out), (child) => {
      void waitFor(join(out, 'state.json'), 20_000).then(() => child.kill('SIGINT'));
    });
    expect(code).toBe(4);
    const partial = summaryOf(out);
    expect(partial).toMatchObject({ complete: false, stopped: 'interrupted' });
    expect(partial.grid.cellsDone).toBeGreaterThan(0);
    expect(partial.grid.cellsDone).toBeLessThan(partial.grid.cells);
    expect(partial.conjectures['token-balance'].status).toBe('inconclusive');

    expect(await run([...base(out), '--resume'])).toBe(1);
    expect(comparable(summaryOf(out))).toEqual(comparable(summaryOf(whole)));
  });

  it('SIGKILL loses at most the work since the last checkpoint; --resume finishes it exactly', async () => {
    const out = join(dir, 'killed');
    const code = await run(base(out), (child) => {
      void waitFor(join(out, 'state.json'), 20_000).then(() => child.kill('SIGKILL'));
    });
    expect(code).toBeNull();
    expect(existsSync(join(out, 'summary.json'))).toBe(false);
    expect(await run([...base(out), '--resume'])).toBe(1);
    expect(comparable(summaryOf(out))).toEqual(comparable(summaryOf(join(dir, 'whole'))));
  });
});
