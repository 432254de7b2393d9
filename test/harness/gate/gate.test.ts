import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { convert } from 'xmlbuilder2';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../harness/cli/main.js';
import { captureIO } from '../../support/capture-io.js';
import { PLANTED_CONFIG, tmp } from '../../support/sweep-fixtures.js';

const trueClaims = `{
  claims: [
    { name: "balance", conjecture: "token-balance", expect: "holds",
      domain: { l0: [1, 3], lA: [1, 2], lB: [3, 4], B: [60, "1/2"], lambdaA: [1, 2], lambdaB: [1], init: ["canonical", { kind: "lattice", units: 1 }], steps: 15 },
      budget: { random: 20 } },
    { name: "componentwise fails", conjecture: "componentwise-dominance", expect: "refuted",
      domain: { l0: [1], lA: [1], lB: [3], B: [60], lambdaA: [1], lambdaB: [1], steps: 5 } },
    { name: "stability question", conjecture: "coprime-stable", expect: "open",
      domain: { l0: [1, 2], lA: [1], lB: [2, 3], B: [1], lambdaA: [1], lambdaB: [1, 2], steps: 0 } },
  ],
}`;

/** A planted false conjecture (fails where lB ≥ 3 at t = 2) claimed true: the gate must fail with the minimal counterexample. */
const falseClaim = `{
  claims: [
    { name: "p holds", conjecture: "planted-lb3-t2", expect: "holds",
      domain: { l0: [1, 2], lA: [1], lB: [2, 3], B: [1], lambdaA: [1], lambdaB: [1], steps: 10 } },
  ],
}`;

async function gate(text: string, workers = '2') {
  const dir = tmp('gate');
  const file = join(dir, 'claims.json5');
  writeFileSync(file, text);
  const out = join(dir, 'out');
  const corpus = join(dir, 'corpus');
  const io = captureIO();
  const code = await runCli(['gate', file, '--out', out, '--workers', workers, '--corpus', corpus, '--config', PLANTED_CONFIG], io.io);
  return { code, out, corpus, stdout: io.stdout(), stderr: io.stderr() };
}

describe('conjecture gate', () => {
  it('passes (exit 0) when every expectation is met, and stores the expected counterexamples', async () => {
    const g = await gate(trueClaims);
    expect(g.code).toBe(0);
    expect(g.stdout).toMatch(/gate PASSED: 3 of 3 claims met/);
    expect(g.stdout).toMatch(/ok\s+balance\s+token-balance\s+holds\s+verified/);
    expect(readdirSync(join(g.corpus, 'componentwise-dominance'))).toHaveLength(1);
    for (const f of ['gate.json', 'summary.md', 'junit.xml', 'index.html']) expect(existsSync(join(g.out, f)), f).toBe(true);
    // Each claim keeps its own sweep and reports.
    expect(existsSync(join(g.out, 'claims', 'balance', 'summary.json'))).toBe(true);
    expect(existsSync(join(g.out, 'claims', 'componentwise-fails', 'counterexamples', 'componentwise-dominance', 'index.html'))).toBe(true);
  });

  it('fails (exit 1) on a refuted holds claim, printing its minimal counterexample and replay command', async () => {
    const g = await gate(falseClaim, '0');
    expect(g.code).toBe(1);
    expect(g.stdout).toMatch(/FAIL\s+p holds\s+planted-lb3-t2\s+holds\s+refuted\s+REFUTED at l0=1 lA=1 lB=3 B=1 lambdaA=1 lambdaB=1, canonical start, t=2/);
    expect(g.stdout).toMatch(/minimal counterexample: \{"params":\{"l0":1,"lA":1,"lB":3/);
    expect(g.stdout).toContain(`replay: npx conjecture replay '{"conjecture":"planted-lb3-t2"`);
    expect(g.stdout).toMatch(/gate FAILED: 0 of 1 claims met/);
    const junit = convert(readFileSync(join(g.out, 'junit.xml'), 'utf8'), { format: 'object' }) as any;
    expect(junit.testsuites['@failures']).toBe('1');
    expect(junit.testsuites.testsuite.testcase.failure['#']).toContain('npx conjecture replay');
  });

  it('replays the corpus first on the next run', async () => {
    const first = await gate(trueClaims, '0');
    // The refuted claim and the open one each stored their counterexample.
    const io = captureIO();
    await runCli(['gate', join(first.out, '..', 'claims.json5'), '--out', first.out, '--workers', '0', '--corpus', first.corpus], io.io);
    expect(io.stderr()).toMatch(/^corpus .*: 2 stored counterexample\(s\) replayed, 2 still fail/);
  });

  it('rejects a bad claims file with exit 2 and a located message', async () => {
    const g = await gate('{ claims: [ { conjecture: "nope", expect: "holds", domain: { l0: 1, lA: 1, lB: 2, B: 1, lambdaA: 1, lambdaB: 1, steps: 1 } } ] }');
    expect(g.code).toBe(2);
    expect(g.stderr).toMatch(/^error: .*claims\.json5:1:27: claims\[0\]\.conjecture: unknown conjecture id "nope"/);
  });
});
