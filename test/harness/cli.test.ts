import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../harness/cli/main.js';
import { captureIO } from '../support/capture-io.js';
import { PLANTED_CONFIG } from '../support/sweep-fixtures.js';

async function cli(...argv: string[]) {
  const c = captureIO();
  const code = await runCli(argv, c.io);
  return { code, out: c.stdout(), err: c.stderr() };
}

const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at /);

describe('conjecture check --json: the output contract', () => {
  it('prints one object with the documented fields and exits 1 when refuted', async () => {
    // A planted conjecture (fails where lB ≥ 3 at t = 2): the contract is tested, not a verdict to discover.
    const { code, out } = await cli('check', 'planted-lb3-t2', '--config', PLANTED_CONFIG, '--json', '--runs', '40', '--seed', '3', '--no-certify');
    expect(code).toBe(1);
    const r = JSON.parse(out);
    expect(r).toMatchObject({ conjecture: 'planted-lb3-t2', verdict: 'refuted', arithmetic: 'filtered', seed: 3 });
    expect(r.searched.trajectories).toBeGreaterThan(0);
    expect(r.searched.states).toBeGreaterThan(r.searched.trajectories);
    const ce = r.counterexample;
    expect(Object.keys(ce.params).sort()).toEqual(['B', 'l0', 'lA', 'lB', 'lambdaA', 'lambdaB']);
    for (const k of ['B', 'lambdaA', 'lambdaB']) expect(ce.params[k]).toMatch(/^-?\d+(\/\d+)?$/);
    for (const k of ['l0', 'lA', 'lB']) expect(Number.isInteger(ce.params[k])).toBe(true);
    expect(['canonical', 'balanced', 'unbalanced']).toContain(ce.init.kind);
    expect(Number.isInteger(ce.t)).toBe(true);
    expect(typeof ce.locallyMinimal).toBe('boolean');
    expect(ce).toMatchObject({ params: { lB: 3, lA: 1, l0: 1 }, t: 2, margin: '-1' });
    expect(ce.replay).toMatch(/^npx conjecture replay '\{.*\}'$/);
  });

  it('exits 0 with verdict "unrefuted" and no counterexample when nothing fails', async () => {
    const { code, out } = await cli('check', 'token-balance', '--json', '--runs', '15', '--no-certify');
    expect(code).toBe(0);
    const r = JSON.parse(out);
    expect(r.verdict).toBe('unrefuted');
    expect(r.counterexample).toBeUndefined();
  });

  it('certifies the counterexample by deciding every class below it, and says so', async () => {
    // planted-lone (see planted.config.ts): easy to find at lB = 4, alone at lB = 3 with p = 7/9.
    const args = ['check', 'planted-lone', '--config', PLANTED_CONFIG, '--lB', '2..5', '--l0', '1..3', '--init', 'canonical,balanced,unbalanced', '--steps', '2', '--workers', '2'];
    const json = await cli(...args, '--json');
    expect(json.code).toBe(1);
    const r = JSON.parse(json.out);
    expect(r.counterexample).toMatchObject({ params: { lB: 3, lA: 1, l0: 1, B: '1', lambdaA: '7/3', lambdaB: '2/3' }, certifiedMinimal: true });
    expect(r.certification).toMatchObject({ scope: 'below-counterexample', certified: true, when: 'after-search' });
    expect(r.certification.decided).toBe(r.certification.inScope);
    const text = await cli(...args);
    expect(text.out).toMatch(/certify: +CERTIFIED MINIMAL within the bounds: all [\d,]+ classes below the counterexample hold/);
    expect(text.out).toMatch(/candidates equal up to scale-rates and scale-B are decided once/);
    // Without time for it, the output says how far the certification got, and an unrefuted verdict exits 4.
    const cut = await cli('check', 'token-balance', '--json', '--runs', '5', '--time-limit', '1');
    expect(cut.code).toBe(4);
    const c = JSON.parse(cut.out);
    expect(c).toMatchObject({ verdict: 'unrefuted', complete: false, certification: { scope: 'bounds', certified: false } });
    expect(c.certification.decided).toBeLessThan(c.certification.inScope);
  });
});

describe('conjecture check --report', () => {
  it('writes check.json and the counterexample page of a refuted conjecture', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'check-report-'));
    const { code } = await cli('check', 'max-dominance', '--runs', '20', '--report', dir, '--no-certify');
    expect(code).toBe(1);
    const report = JSON.parse(readFileSync(join(dir, 'check.json'), 'utf8'));
    expect(report.verdict).toBe('refuted');
    expect(readFileSync(join(dir, 'trajectory.csv'), 'utf8')).toMatch(/^batch,theory_admission,sim_admission,sim_eviction_total,sim_eviction_stage0/);
    expect(readFileSync(join(dir, 'index.html'), 'utf8').includes('data-chart="spreads"')).toBe(true);
  });
});

describe('conjecture replay', () => {
  it('recomputes the counterexample printed by check and confirms it (exit 1)', async () => {
    const { out } = await cli('check', 'max-dominance', '--json', '--runs', '30', '--no-certify');
    const report = JSON.parse(out);
    const inline = /^npx conjecture replay '(.*)'$/.exec(report.counterexample.replay)![1];

    const fromCommand = await cli('replay', inline, '--json');
    expect(fromCommand.code).toBe(1);
    expect(JSON.parse(fromCommand.out)).toMatchObject({ verdict: 'refuted', status: 'fails', margin: report.counterexample.margin });

    // The whole check output saved to a file works too, and the recorded margin is compared.
    const file = join(mkdtempSync(join(tmpdir(), 'replay-')), 'ce.json');
    writeFileSync(file, out);
    const fromFile = await cli('replay', file);
    expect(fromFile.code).toBe(1);
    expect(fromFile.out).toMatch(/^CONFIRMED: max-dominance fails at t=\d+/);
    expect(fromFile.out).toMatch(/equals the recorded margin/);
  });

  it('says so when a counterexample does not fail (exit 0)', async () => {
    const json = JSON.stringify({ conjecture: 'g-dominance', params: { l0: 10, lA: 2, lB: 5, B: '60', lambdaA: '1', lambdaB: '1' }, init: { kind: 'canonical' }, t: 3 });
    const { code, out } = await cli('replay', json);
    expect(code).toBe(0);
    expect(out).toMatch(/NOT CONFIRMED: g-dominance holds at t=3/);
  });
});

describe('bad input: a clear message on stderr, exit 2, never a stack trace', () => {
  it.each([
    [['check', 'g-dominace'], /unknown conjecture id "g-dominace".*Did you mean "g-dominance"/],
    [['check', 'g-dominance', '--runs', '0'], /--runs.*expected an integer ≥ 1/],
    [['check', 'g-dominance', '--tie', 'most'], /--tie.*expected one of all, any, first/],
    [['check', 'g-dominance', '--arithmetic', 'bignum'], /expected one of filtered, exact, decimal, float64/],
    [['check', 'g-dominance', '--lB', '5..3'], /--lB range is empty/],
    [['check', 'g-dominance', '--lA', '6', '--lB', '2..6'], /admit no lA < lB/],
    [['check', 'g-dominance', '--B', '-1..3'], /--B must be greater than 0/],
    [['check', 'g-dominance', '--init', 'sideways'], /--init accepts canonical, balanced, unbalanced, per-type/],
    [['check', 'g-dominance', '--bogus'], /unknown option '--bogus'/],
    [['check', 'g-dominance', '--workers', '0'], /--workers.*expected an integer from 1 to 64/],
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['replay', '{"conjecture": "g-dominance",\n  "t": 3,, }'], /\(the counterexample given inline\):2:10: not valid JSON5: invalid character ','/],
    [['replay', 'does-not-exist.json'], /cannot read counterexample "does-not-exist.json": no such file/],
    [['replay', '{"conjecture":"g-dominance","t":1,"params":{"l0":1,"lA":3,"lB":3,"B":"1","lambdaA":"1","lambdaB":"1"}}'], /lB must be greater than lA \(got lA=3, lB=3\)/],
    [['replay', '{"conjecture":"g-dominance","t":-1,"params":{}}'], /"t" must be an integer ≥ 0/],
    [['replay', '{"conjecture":"g-dominance","t":1,"params":{"l0":2,"lA":1,"lB":2,"B":"0","lambdaA":"1","lambdaB":"1"}}'], /B must be greater than 0 \(got 0\)/],
    [['replay', '{"conjecture":"g-dominance","t":1,"init":{"kind":"balanced","M0":["1","1"]},"params":{"l0":2,"lA":1,"lB":2,"B":"1","lambdaA":"1","lambdaB":"1"}}'], /balanced initial state must satisfy/],
  ])('%j', async (argv, message) => {
    const { code, err } = await cli(...(argv as string[]));
    expect(code).toBe(2);
    expect(err).toMatch(message);
    noStack(err);
  });
});

describe('conjecture list', () => {
  it('prints a table, or JSON with every conjecture', async () => {
    const text = await cli('list');
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/g-dominance\s+step\s+theory-simulation/);
    const json = JSON.parse((await cli('list', '--json')).out);
    expect(json).toHaveLength(21 + 14 + 14); // SPEC §5's, and SPEC-serving §D's for the latency (seed 003) and serving (seed 004) families
    expect(json.find((c: { id: string }) => c.id === 'v-dominance')).toMatchObject({ scope: 'step', preconditions: [expect.stringMatching(/A stable/)] });
  });
});

describe('the built binary', () => {
  const bin = new URL('../../dist/harness/cli/main.js', import.meta.url).pathname;

  it('answers --help on every subcommand', () => {
    for (const sub of [[], ['list'], ['check'], ['replay']]) {
      const out = execFileSync('node', [bin, ...sub, '--help'], { encoding: 'utf8' });
      expect(out).toMatch(/^Usage: conjecture/);
    }
  });

  it('sets the exit status', () => {
    expect(spawnSync('node', [bin, 'check', 'componentwise-dominance', '--runs', '10', '--no-certify'], { encoding: 'utf8' }).status).toBe(1);
    const bad = spawnSync('node', [bin, 'check', 'nope'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^error: unknown conjecture id "nope"/);
  });
});
