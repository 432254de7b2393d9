import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { convert } from 'xmlbuilder2';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONJECTURES, Registry } from '../../conjectures/registry.js';
import { loadReportInput, writeSweepArtifacts, explainCounterexample } from '../../harness/explain/artifacts.js';
import { runCli } from '../../harness/cli/main.js';
import { config, sweep, tmp } from '../support/sweep-fixtures.js';
import { captureIO } from '../support/capture-io.js';
import type { SweepSummary } from '../../harness/sweep/summary.js';

const registry = new Registry(CONJECTURES);
let dir: string;
let summary: SweepSummary;

beforeAll(async () => {
  // gcd(lA, lB) = 2 here, and A is not stable for any of these parameters (the Schur–Cohn test
  // decides it), so v-dominance is vacuous in every state.
  const c = config(`{ name: "report", conjectures: ["componentwise-dominance", "token-balance", "v-dominance", "delta-argmax-ge-argmin"],
    grid: { l0: [1, 2], lA: [2], lB: [4], B: [60], lambdaA: [1], lambdaB: [1, 2], init: ["canonical", { kind: "lattice", units: 1 }], steps: 12 } }`);
  ({ summary, outDir: dir } = await sweep({ config: c }));
  await writeSweepArtifacts(dir, summary, registry, ['markdown', 'html', 'junit']);
});

describe('reports of a sweep', () => {
  it('writes summary.md with every conjecture, its status and the replay of each counterexample', () => {
    const md = readFileSync(join(dir, 'summary.md'), 'utf8');
    for (const [id, c] of Object.entries(summary.conjectures)) expect(md).toContain(`| \`${id}\` | **${c.status.toUpperCase()}** |`);
    expect(md).toContain(summary.conjectures['componentwise-dominance'].minimal!.replay);
  });

  it('writes junit.xml that a JUnit consumer reads: one test case per conjecture, failures carry the counterexample', () => {
    const xml = convert(readFileSync(join(dir, 'junit.xml'), 'utf8'), { format: 'object' }) as any;
    const suites = xml.testsuites;
    const refuted = Object.values(summary.conjectures).filter((c) => c.status === 'refuted').length;
    expect(Number(suites['@tests'])).toBe(4);
    expect(Number(suites['@failures'])).toBe(refuted);
    const cases = [suites.testsuite.testcase].flat();
    expect(cases.map((c: any) => c['@name']).sort()).toEqual(Object.keys(summary.conjectures).sort());
    const g = cases.find((c: any) => c['@name'] === 'componentwise-dominance');
    expect(g.failure['@type']).toBe('refuted');
    expect(g.failure['#']).toContain('npx conjecture replay');
    const v = cases.find((c: any) => c['@name'] === 'v-dominance');
    expect(v.skipped['@message']).toMatch(/^inconclusive: every state was vacuous \(precondition false\): nothing was checked/);
  });

  it('writes a self-contained index.html: inline SVG charts, no scripts, no external resources', () => {
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    // (includes, not toContain: a failure should not print the whole page)
    expect(/<script|<link|src="http/.test(html), 'scripts or external resources').toBe(false);
    const charts = html.match(/<figure class="chart"/g) ?? [];
    expect(charts.length).toBeGreaterThanOrEqual(4 * 2);
    expect((html.match(/<svg /g) ?? []).length).toBe(charts.length);
    expect(html.includes('Held only vacuously'), 'vacuous warning').toBe(true);
    expect(html.includes('NOTHING TESTED: all'), 'vacuous exercised line').toBe(true);
    expect(html.includes('href="counterexamples/componentwise-dominance/index.html"'), 'counterexample link').toBe(true);
  });

  it('writes a page, trajectory.csv and config per counterexample', () => {
    for (const id of Object.keys(summary.conjectures).filter((k) => summary.conjectures[k].minimal)) {
      for (const f of ['index.html', 'trajectory.csv', 'config.json', 'counterexample.json']) {
        expect(existsSync(join(dir, 'counterexamples', id, f))).toBe(true);
      }
    }
  });

  it('regenerates every report from summary.json and records alone, identically', async () => {
    const before = Object.fromEntries(['summary.md', 'junit.xml', 'index.html'].map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
    rmSync(join(dir, 'state.json')); // nothing to re-run from
    const io = captureIO();
    expect(await runCli(['report', dir], io.io, registry)).toBe(0);
    for (const [f, content] of Object.entries(before)) expect(readFileSync(join(dir, f), 'utf8')).toBe(content);
    expect(Object.keys(loadReportInput(dir, registry).records).sort()).toEqual(
      Object.keys(summary.conjectures).filter((k) => summary.conjectures[k].minimal).sort(),
    );
  });

  it('refuses to report a folder that holds no sweep', async () => {
    const io = captureIO();
    expect(await runCli(['report', tmp('empty')], io.io, registry)).toBe(2);
    expect(io.stderr()).toMatch(/holds no summary\.json/);
  });
});

describe('conjecture explain', () => {
  it('writes trajectory.csv in seed 002 §6 columns with the exact run (hand-checked against the fixture)', async () => {
    // l0=3, lA=2, lB=3, B=60, λ=1,1 from the canonical start: at t=1 Theory admits −15/4,
    // the Simulation admits 0 and evicts 3 requests from stage 1 (fixture merged_l0-3…).
    const out = tmp('explain');
    const ce = { conjecture: 'componentwise-dominance', params: { l0: 3, lA: 2, lB: 3, B: '60', lambdaA: '1', lambdaB: '1' }, t: 1 };
    const io = captureIO();
    expect(await runCli(['explain', JSON.stringify(ce), '--out', out], io.io, registry)).toBe(0);
    const rows = readFileSync(join(out, 'trajectory.csv'), 'utf8').trim().split('\n');
    expect(rows[0]).toBe('batch,theory_admission,sim_admission,sim_eviction_total,sim_eviction_stage0,sim_eviction_stage1,sim_eviction_stage2');
    expect(rows[1]).toBe('0,15,15,0,0,0,0');
    expect(rows[2]).toBe('1,-3.75,0,3,0,3,0');
    const page = readFileSync(join(out, 'index.html'), 'utf8');
    for (const chart of ['spreads', 'delta-heatmap', 'admissions', 'evictions-by-stage', 'states-at-failure']) {
      expect(page.includes(`data-chart="${chart}"`), chart).toBe(true);
    }
    expect(JSON.parse(readFileSync(join(out, 'config.json'), 'utf8'))).toMatchObject({ conjecture: 'componentwise-dominance', failingT: 1 });
  });

  it('adds the energy chart for energy conjectures when A is stable', async () => {
    const out = tmp('explain-energy');
    const files = await explainCounterexample(
      { conjecture: 'v-dominance', options: { tie: 'all' }, params: { l0: 10, lA: 2, lB: 5, B: '60', lambdaA: '1', lambdaB: '1' }, init: { kind: 'canonical' }, t: 3, witness: {}, locallyMinimal: false, replay: '' },
      registry,
      out,
    );
    expect(files.map((f) => f.slice(out.length + 1)).sort()).toEqual(['config.json', 'counterexample.json', 'index.html', 'record.json', 'trajectory.csv']);
    expect(readFileSync(join(out, 'index.html'), 'utf8').includes('data-chart="energies"'), 'energy chart').toBe(true);
  });
});

