import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../harness/cli/main.js';
import { checkClaim } from '../../harness/gate/vitest.js';
import { captureIO } from '../support/capture-io.js';

const repo = new URL('../../', import.meta.url).pathname;
const fixture = readFileSync(new URL('../fixtures/user-config/conjecture.config.ts', import.meta.url), 'utf8');

/** A research repository's folder holding the fixture config, importing the harness from its sources. */
function scratch(text = fixture.replace("'../../../harness/api.js'", JSON.stringify(join(repo, 'harness/api.ts')))): { dir: string; config: string } {
  const dir = mkdtempSync(join(tmpdir(), 'user-config-'));
  const config = join(dir, 'conjecture.config.ts');
  writeFileSync(config, text);
  return { dir, config };
}

async function cli(args: string[]) {
  const io = captureIO();
  const code = await runCli(args, io.io);
  return { code, out: io.stdout(), err: io.stderr() };
}

describe('conjectures and families declared in a user config', () => {
  const { dir, config } = scratch();

  it('are listed beside the built-in ones', async () => {
    const r = await cli(['list', '--config', config]);
    expect(r.code).toBe(0);
    for (const id of ['logistic-decreasing', 'logistic-bounded', 'user-planted', 'g-dominance']) expect(r.out).toContain(id);
  });

  it('check finds the minimal counterexample of a conjecture on a family of the user', async () => {
    const r = await cli(['check', 'logistic-decreasing', '--config', config, '--json', '--steps', '5', '--no-certify']);
    expect(r.code).toBe(1);
    const ce = JSON.parse(r.out).counterexample;
    // By hand: r = 1 and 1/2 never rise; r = 2 rises from x0 = 1/3 (to 4/9), and x0 = 1/2 is a fixed point.
    expect(ce).toMatchObject({ params: { r: '2' }, init: { x0: '1/3' }, t: 1, margin: '-1/9' });
  });

  it('check decides a planted conjecture on the built-in family from the user config', async () => {
    const r = await cli(['check', 'user-planted', '--config', config, '--json', '--steps', '4', '--no-certify']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).counterexample).toMatchObject({ params: { lB: 3, lA: 1, l0: 1 }, t: 2 });
  });

  it('sweep --workers 2 loads the user config in every worker thread', async () => {
    const sweepFile = join(dir, 'logistic.json5');
    writeFileSync(sweepFile, `{ name: "logistic", family: "logistic", grid: { r: [1, 2, 3], x0: ["1/3", "1/2", "2/3"], steps: 4 } }`);
    const out = join(dir, 'out');
    const r = await cli(['sweep', sweepFile, '--config', config, '--workers', '2', '--out', out, '--no-corpus', '--json']);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(r.code).toBe(1);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(Object.keys(summary.conjectures).sort()).toEqual(['logistic-bounded', 'logistic-decreasing']);
    expect(summary.config.family).toBe('logistic');
    expect(summary.grid.cells).toBe(9);
    expect(summary.conjectures['logistic-bounded'].status).toBe('verified');
    expect(summary.conjectures['logistic-decreasing'].minimal).toMatchObject({ params: { r: '2' }, init: { x0: '1/3' }, t: 1 });
    expect(readFileSync(join(out, 'counterexamples/logistic-decreasing/index.html'), 'utf8')).toContain('<svg');
  });

  it('gate and the vitest API judge claims on the user family', async () => {
    const claims = join(dir, 'claims.json5');
    writeFileSync(
      claims,
      `{ claims: [
        { conjecture: "logistic-bounded", domain: { r: { from: 1, to: 4 }, x0: ["1/4", "1/2"], steps: 6 }, expect: "holds" },
        { conjecture: "logistic-decreasing", domain: { r: [2], x0: ["1/3"], steps: 2 }, expect: "refuted" },
      ] }`,
    );
    const r = await cli(['gate', claims, '--config', config, '--out', join(dir, 'gate')]);
    expect(r.code).toBe(0);
    const result = await checkClaim('rises', { conjecture: 'logistic-decreasing', domain: { r: [2], x0: ['1/3', '1/2'], steps: 3 }, expect: 'holds' }, { config, outDir: join(dir, 'vitest') });
    expect(result.met).toBe(false);
    expect(result.minimal).toMatchObject({ params: { r: '2' }, init: { x0: '1/3' } });
  });

  it('a broken user module is one clear error naming the file', async () => {
    const broken = scratch('export default {{ not typescript');
    const r = await cli(['list', '--config', broken.config]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(broken.config);
    expect(r.err).not.toMatch(/\n\s+at /);
    const empty = scratch('export const nothing = 1;');
    const e = await cli(['list', '--config', empty.config]);
    expect(e.code).toBe(2);
    expect(e.err).toMatch(/declares nothing/);
    const missing = await cli(['list', '--config', join(dir, 'absent.config.ts')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/no such file/);
  });
});
