import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../harness/cli/main.js';
import { captureIO } from '../support/capture-io.js';

/**
 * Region maps and `conjecture refine` on planted conjectures whose regions are
 * known by construction (test/support/regions.config.ts): failing exactly when
 * l0 ≤ 3 and lB is odd, when A is unstable, when gcd(lA, lB) > 1.
 */
const config = new URL('../support/regions.config.ts', import.meta.url).pathname;

async function cli(args: string[]) {
  const io = captureIO();
  const code = await runCli([...args, '--config', config], io.io);
  return { code, out: io.stdout(), err: io.stderr() };
}

const GRID = `{ name: "rg", conjectures: ["planted-l0-lb-odd", "planted-unstable", "planted-gcd"],
  grid: { l0: { from: 1, to: 6 }, lA: { from: 1, to: 3 }, lB: { from: 2, to: 5 }, B: [60], lambdaA: [1], lambdaB: [1, 2], init: ["canonical"], steps: 3 } }`;

const read = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

describe('region maps and refined claims of planted conjectures', () => {
  const dir = mkdtempSync(join(tmpdir(), 'regions-'));
  const sweepFile = join(dir, 'sweep.json5');
  writeFileSync(sweepFile, GRID);
  const whole = join(dir, 'whole');

  it('the sweep saves per-cell outcomes, region maps and boundary tables of each refuted conjecture', async () => {
    const r = await cli(['sweep', sweepFile, '--out', whole, '--no-corpus', '--workers', '2']);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(r.code).toBe(1);
    expect(existsSync(join(whole, 'outcomes.bin'))).toBe(true);
    const summary = read(join(whole, 'summary.json'));
    const regions = summary.conjectures['planted-l0-lb-odd'].regions;
    // Boundary: per (lA, lB, B, λA, λB), the largest failing l0 is 3 exactly when lB is odd.
    const boundary = regions.boundaries.find((b: { parameter: string }) => b.parameter === 'l0');
    expect(boundary.groupBy).toEqual(['lA', 'lB', 'B', 'lambdaA', 'lambdaB']);
    expect(boundary.rows).toHaveLength(18);
    for (const row of boundary.rows) {
      const lB = row.group[1] as number;
      expect(row.largestFailing).toBe(lB % 2 === 1 ? 3 : null);
      if (lB % 2 === 1) expect(row).toMatchObject({ heldFrom: 4, monotone: true, clean: true, failingValues: 3, checkedValues: 6 });
    }
    // Map l0 × lB (per lA): the failing share is 1 exactly where l0 ≤ 3 and lB odd.
    const map = regions.maps.find((m: { x: string; y: string }) => m.x === 'l0' && m.y === 'lB');
    for (const facet of map.facets) {
      facet.ys.forEach((lB: string, i: number) =>
        facet.xs.forEach((l0: string, k: number) => {
          const c = facet.counts[i][k];
          if (c) expect(c[0]).toBe(Number(l0) <= 3 && Number(lB) % 2 === 1 ? c[1] : 0);
        }),
      );
    }
    expect(summary.conjectures['planted-unstable'].regions.maps.find((m: { y: string }) => m.y === 'stable')).toBeDefined();
    expect(readFileSync(join(whole, 'summary.md'), 'utf8')).toContain('Boundary in l0');
    expect(readFileSync(join(whole, 'index.html'), 'utf8')).toContain('Boundary in l0');
  }, 120_000);

  it('merged shards give the same maps as the unsharded sweep', async () => {
    for (const s of ['1/2', '2/2']) {
      const r = await cli(['sweep', sweepFile, '--out', join(dir, `shard${s[0]}`), '--no-corpus', '--workers', '1', '--shard', s]);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
    const r = await cli(['merge', join(dir, 'shard1'), join(dir, 'shard2'), '--out', join(dir, 'merged')]);
    expect(r.code).toBe(1);
    expect(readFileSync(join(dir, 'merged', 'outcomes.bin'))).toEqual(readFileSync(join(whole, 'outcomes.bin')));
    const a = read(join(whole, 'summary.json'));
    const b = read(join(dir, 'merged', 'summary.json'));
    for (const id of Object.keys(a.conjectures)) expect(b.conjectures[id].regions).toEqual(a.conjectures[id].regions);
    expect(b.featureBoundaries).toEqual(a.featureBoundaries);
  }, 120_000);

  let claimsFile = '';
  it('refine names the planted regions, checks them afresh and writes the survivors as claims', async () => {
    const r = await cli(['refine', whole, '--random', '10', '--workers', '2', '--top', '3']);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(r.code).toBe(0);
    const report = read(join(whole, 'refine.json'));
    const conditions = (id: string) => report.conjectures[id].refinements.map((x: { condition: string[] }) => x.condition.join(' and '));
    expect(conditions('planted-l0-lb-odd')[0]).toBe('l0 >= 4');
    expect(conditions('planted-unstable')[0]).toBe('stable = true');
    expect(conditions('planted-gcd')[0]).toBe('gcd = 1');
    for (const c of Object.values(report.conjectures) as { refinements: { fresh: { status: string; newCells: number } }[] }[]) {
      for (const x of c.refinements) {
        expect(x.fresh.status).toBe('survived');
        expect(x.fresh.newCells).toBeGreaterThan(0);
      }
    }
    claimsFile = join(whole, 'refined-claims.json5');
    expect(readFileSync(claimsFile, 'utf8')).toContain('"where"');
  }, 300_000);

  it('refine on merged shards equals refine on the unsharded sweep', async () => {
    const r = await cli(['refine', join(dir, 'merged'), '--random', '10', '--workers', '2', '--top', '3']);
    expect(r.code).toBe(0);
    const a = read(join(whole, 'refine.json'));
    const b = read(join(dir, 'merged', 'refine.json'));
    expect({ ...b, sweep: null }).toEqual({ ...a, sweep: null });
    expect(readFileSync(join(dir, 'merged', 'refined-claims.json5'), 'utf8').split('\n').slice(2)).toEqual(readFileSync(claimsFile, 'utf8').split('\n').slice(2));
  }, 300_000);

  it('gate runs the refined claims file unchanged, and they hold', async () => {
    const r = await cli(['gate', claimsFile, '--out', join(dir, 'gate')]);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(r.code).toBe(0);
  }, 300_000);

  it('a refinement that fails on the larger grid is reported with its counterexample, not written', async () => {
    // On l0 ≤ 2 only, "l0 <= 2" cannot be mined; but lB ≤ 2 … here: a grid with lB ∈ {2, 4} where lB odd never shows.
    const narrow = join(dir, 'narrow.json5');
    writeFileSync(narrow, GRID.replace('name: "rg"', 'name: "narrow"').replace('lB: { from: 2, to: 5 }', 'lB: [2, 3]').replace('l0: { from: 1, to: 6 }', 'l0: [1, 2, 4]'));
    const out = join(dir, 'narrow');
    await cli(['sweep', narrow, '--out', out, '--no-corpus', '--workers', '1']);
    const r = await cli(['refine', out, '--conjecture', 'planted-l0-lb-odd', '--random', '0', '--workers', '1', '--top', '5']);
    const report = read(join(out, 'refine.json'));
    const refinements = report.conjectures['planted-l0-lb-odd'].refinements as { condition: string[]; fresh: { status: string; counterexample: { params: { l0: number; lB: number } } | null } }[];
    // lB <= 2 is mined from lB ∈ {2, 3}: "lB = 2" survives; l0 >= 4 survives; nothing claims lB ≥ … with odd lB and small l0.
    for (const x of refinements) {
      if (x.fresh.status === 'failed') {
        const ce = x.fresh.counterexample!;
        expect(ce.params.l0 <= 3 && ce.params.lB % 2 === 1).toBe(true);
      }
    }
    expect(r.err).not.toMatch(/\n\s+at /);
  }, 300_000);
});

describe('where: conditions over features in sweeps and claims', () => {
  it('skips cells failing the condition (not counted)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'where-'));
    const file = join(dir, 'w.json5');
    writeFileSync(file, GRID.replace('name: "rg"', 'name: "w", where: ["gcd = 1", "l0 >= 4"]'));
    const r = await cli(['sweep', file, '--out', join(dir, 'out'), '--no-corpus', '--workers', '1']);
    expect(r.err).not.toMatch(/\n\s+at /);
    const s = read(join(dir, 'out', 'summary.json'));
    expect(s.config.where).toEqual(['gcd = 1', 'l0 >= 4']);
    expect(s.conjectures['planted-l0-lb-odd'].status).toBe('verified');
    expect(s.conjectures['planted-gcd'].status).toBe('verified');
    // gcd(lA, lB) = 1 for 8 of the 9 pairs (all but (2, 4)), × 3 values of l0 × 2 rate pairs.
    expect(s.conjectures['planted-gcd'].cellsChecked).toBe(48);
  }, 120_000);

  it('refuses a condition on an estimate or an unknown feature, naming it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'where-'));
    const file = join(dir, 'w.json5');
    writeFileSync(file, GRID.replace('name: "rg"', 'name: "w", where: ["rho <= 1/2"]'));
    const r = await cli(['sweep', file, '--out', join(dir, 'out'), '--no-corpus']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/where.*rho is an estimate/s);
    writeFileSync(file, GRID.replace('name: "rg"', 'name: "w", where: ["colour = red"]'));
    expect((await cli(['sweep', file, '--out', join(dir, 'out2'), '--no-corpus'])).err).toMatch(/no feature "colour"/);
  });
});
