import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../harness/cli/main.js';
import { captureIO } from '../support/capture-io.js';
import { tmp } from '../support/sweep-fixtures.js';

async function cli(...argv: string[]) {
  const c = captureIO();
  const started = performance.now();
  const code = await runCli(argv, c.io);
  return { code, out: c.stdout(), err: c.stderr(), seconds: (performance.now() - started) / 1000 };
}

const ce = (t: number) => JSON.stringify({ conjecture: 'token-balance', params: { l0: 1, lA: 1, lB: 3, B: '1', lambdaA: '1/2', lambdaB: '1/2' }, t });

describe('work is bounded before it starts', () => {
  it('refuses a grid of 4·10¹¹ lattice vectors at once, naming the flag that raises the limit', async () => {
    const dir = tmp('limits');
    const file = join(dir, 'huge.json5');
    writeFileSync(file, `{ name: "huge", grid: { l0: [1], lA: [1], lB: [12], B: [60], lambdaA: [1], lambdaB: [1], init: [{ kind: "lattice", units: 50 }], steps: 10 } }`);
    const r = await cli('sweep', file, '--out', join(dir, 'out'), '--no-corpus');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^error: the grid has more than 10,000,000 cells.*--max-cells\n$/);
    expect(r.seconds).toBeLessThan(5);
    // A limit raised by its flag, and one on states.
    const states = await cli('sweep', file, '--out', join(dir, 'out2'), '--no-corpus', '--max-cells', '1000000000000', '--max-states', '1000');
    expect(states.code).toBe(2);
    expect(states.err).toMatch(/418,094,152,866 cells and samples.*--max-states/);
  });

  it('refuses more steps than the limit in check and replay', async () => {
    const check = await cli('check', 'token-balance', '--steps', '1000000');
    expect(check.code).toBe(2);
    expect(check.err).toMatch(/--steps 1,000,000 is more than 100,000 steps.*--max-steps/);
    const replay = await cli('replay', ce(1e8));
    expect(replay.code).toBe(2);
    expect(replay.err).toMatch(/"t" 100,000,000 is more than 100,000 steps.*--max-steps/);
    // A page records the whole run: explain refuses long runs at a lower limit.
    const explain = await cli('explain', ce(1e8), '--out', tmp('explain-big'));
    expect(explain.code).toBe(2);
    expect(explain.err).toMatch(/"t" 100,000,000 is more than 10,000 steps.*--max-steps/);
  });
});

describe('time limits are honoured inside a trajectory', () => {
  it('check stops a single long trajectory at its time limit, says so, and exits 4', async () => {
    const r = await cli('check', 'token-balance', '--steps', '100000', '--time-limit', '1', '--json');
    expect(r.code).toBe(4);
    expect(JSON.parse(r.out)).toMatchObject({ verdict: 'unrefuted', complete: false });
    expect(r.seconds).toBeLessThan(4);
  });

  it('replay stops at its time limit with exit 4 and a one-line reason', async () => {
    const r = await cli('replay', ce(90_000), '--time-limit', '1');
    expect(r.code).toBe(4);
    expect(r.err).toMatch(/^replay stopped: the time limit of 1 s ran out before t=90000 was reached \(raise --time-limit\)\n$/);
    expect(r.seconds).toBeLessThan(4);
  });
});
