import fc from 'fast-check';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { registry } from '../../../conjectures/registry.js';
import { runCli } from '../../../harness/cli/main.js';
import { checkClaim } from '../../../harness/gate/vitest.js';
import { Rational } from '../../../models/arithmetic/rational.js';
import type { LatencyView } from '../../../models/latency/candidate.js';
import { latency } from '../../../models/latency/family.js';
import { DEFAULT_LATENCY_BOUNDS } from '../../../models/latency/search.js';
import { captureIO } from '../../support/capture-io.js';
import { PLANTED_LATENCY_POINT } from '../../support/planted.config.js';

const repo = new URL('../../../', import.meta.url).pathname;
const thetaFile = join(repo, 'data/latency/theta-sample.json');
const dir = mkdtempSync(join(tmpdir(), 'latency-family-'));

/** The smallest θ of the default bounds in the minimality order: each coordinate's least-height value in its range. */
const SIMPLEST = { Pmax: '1', kB: '1', kS: '1', w0: '0', w1: '1', tau0: '0', tauB: '0', tauS: '0' };

async function cli(args: string[], given = registry) {
  const io = captureIO();
  const code = await runCli(args, io.io, given);
  return { code, out: io.stdout(), err: io.stderr() };
}

const LATENCY_IDS = registry
  .list()
  .filter((c) => c.family === 'latency')
  .map((c) => c.id);

describe('the latency family satisfies the ModelFamily contract', () => {
  const spaces = LATENCY_IDS.map((id) => latency.search.space(DEFAULT_LATENCY_BOUNDS, registry.get(id)));
  const anySpace = latency.search.space(DEFAULT_LATENCY_BOUNDS, null);

  it('registers all 14 seed-003 conjectures on it', () => {
    expect(LATENCY_IDS).toHaveLength(14);
    expect(registry.family('latency')).toBe(latency);
  });

  it('compare is a total order (antisymmetric, transitive, 0 only on equal JSON)', () => {
    fc.assert(
      fc.property(anySpace.arbitrary(), anySpace.arbitrary(), anySpace.arbitrary(), (a, b, c) => {
        const ab = latency.compare(a, b);
        expect(Math.sign(ab)).toBe(-Math.sign(latency.compare(b, a)));
        if (ab === 0) expect([latency.paramsToJson(a.params), latency.initToJson(a.init)]).toEqual([latency.paramsToJson(b.params), latency.initToJson(b.init)]);
        if (ab <= 0 && latency.compare(b, c) <= 0) expect(latency.compare(a, c)).toBeLessThanOrEqual(0);
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('arbitraries are valid and the JSON codecs round-trip', () => {
    for (const space of [anySpace, ...spaces]) {
      for (const c of fc.sample(space.arbitrary(), { numRuns: 40, seed: 3 })) {
        const params = latency.parseParams(JSON.parse(JSON.stringify(latency.paramsToJson(c.params))));
        const init = latency.parseInit(JSON.parse(JSON.stringify(latency.initToJson(c.init))));
        expect(latency.compare({ params, init }, c)).toBe(0);
        expect(latency.paramsKey(params)).toBe(latency.paramsKey(c.params));
      }
    }
  });

  it('neighbours are strictly smaller, ascending, and enumerateBelow stays below', () => {
    for (const space of spaces) {
      for (const c of fc.sample(space.arbitrary(), { numRuns: 10, seed: 5 })) {
        const ns = space.neighbours(c);
        ns.forEach((n, i) => {
          expect(latency.compare(n, c)).toBeLessThan(0);
          if (i > 0) expect(latency.compare(ns[i - 1], n)).toBeLessThan(0);
        });
        for (const level of space.levels) {
          let k = 0;
          for (const n of space.enumerateBelow(c, level.id)) {
            expect(latency.compare(n, c)).toBeLessThan(0);
            if (++k > 50) break;
          }
        }
      }
    }
  });

  it('a grid enumerates its declared number of cells, in the minimality order, and survives its JSON codec', () => {
    const shape = (text: Record<string, unknown>) => {
      const parsed: Record<string, unknown> = {};
      for (const [k, field] of Object.entries(latency.grid.shape)) {
        const r = (field as unknown as { safeParse(v: unknown): { success: boolean; data?: unknown } }).safeParse(text[k]);
        expect(r.success, k).toBe(true);
        parsed[k] = r.data;
      }
      return parsed as never;
    };
    const g = shape({ theta: thetaFile, tauB: ['0', '1/20'], kB: ['1/8', '1/4'], B: { from: 1, to: 3 }, S: [1, 4], target: ['20', '81/2'] });
    expect(latency.grid.problem(g)).toBeNull();
    const grid = latency.grid.enumerate(latency.grid.normalize(g));
    expect(grid.size).toBe(2 * 2 * (3 * 2 + 3 * 2));
    for (let i = 1; i < grid.size; i++) expect(latency.compare(grid.cellAt(i - 1), grid.cellAt(i))).toBeLessThan(0);
    expect(grid.cellAt(0).initIndex).toBe(0);
    const again = latency.grid.enumerate(latency.grid.fromJson(JSON.parse(JSON.stringify(latency.grid.toJson(g)))));
    expect(again.size).toBe(grid.size);
    for (let i = 0; i < grid.size; i++) expect(latency.compare(again.cellAt(i), grid.cellAt(i))).toBe(0);
    // Parameter statements: one cell per θ; input statements: every cell.
    const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
    expect(sum(grid.expectedCells(registry.get('lat-identifiable')).tauB)).toBe(4);
    expect(sum(grid.expectedCells(registry.get('lat-nondecreasing-B')).kBkS)).toBe(grid.size);
  });
});

describe('latency through the CLI (in-process)', () => {
  it('list shows every latency conjecture', async () => {
    const r = await cli(['list']);
    expect(r.code).toBe(0);
    for (const id of LATENCY_IDS) expect(r.out).toContain(id);
  });

  // A.4: T(·; cPmax, kB, kS, cw0, cw1, τ*) = T(·; θ) for every c > 0, so the claim fails for every θ; the
  // corner's first candidate (the simplest θ of the bounds, input (1, 1)) is the least of the whole space.
  it('check lat-identifiable: refuted at the least candidate, and replay confirms it', async () => {
    const r = await cli(['check', 'lat-identifiable', '--json', '--no-certify']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out);
    expect(report.counterexample).toMatchObject({ params: SIMPLEST, init: { B: 1, S: 1 }, t: 0, margin: '0' });
    const replay = await cli(['replay', JSON.stringify(report.counterexample)]);
    expect(replay.code).toBe(1);
    expect(replay.out).toMatch(/CONFIRMED/);
  });

  // lat-high-limit-abs.ts proves T − Tlin ≥ w1·S·e^{−kB·B}/(2Pmax) unbounded in S for every θ: refuted at the least candidate.
  it('check lat-high-limit-abs: refuted for the simplest θ, margin a certified negative rational', async () => {
    const r = await cli(['check', 'lat-high-limit-abs', '--json', '--no-certify']);
    expect(r.code).toBe(1);
    const ce = JSON.parse(r.out).counterexample;
    expect(ce.params).toEqual(SIMPLEST);
    expect(Rational.parse(ce.margin).sign()).toBe(-1);
    expect(ce.witness.marginEnclosure).toMatch(/^\[-/);
  });

  // lat-high-limit.ts: 0 ≤ T/Tlin − 1 ≤ 2e^{−r·m}/(1 − e^{−r·m})² with r = min(kB, kS) > 0 under A.1: holds for every θ.
  it('check lat-high-limit: unrefuted', async () => {
    const r = await cli(['check', 'lat-high-limit', '--json', '--runs', '50', '--no-certify']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).verdict).toBe('unrefuted');
  });

  // T(B+1,S) − T(B,S) = τB + dQdB with dQdB < 0 strictly (differences.ts), so with τB = 0 (the simplest τB) it fails
  // at every point: the least candidate is the simplest θ at (1, 1).
  it('check lat-nondecreasing-B: refuted at the simplest θ and (B, S) = (1, 1); --report writes the page', async () => {
    const out = join(dir, 'check-report');
    const r = await cli(['check', 'lat-nondecreasing-B', '--json', '--report', out, '--no-certify']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).counterexample).toMatchObject({ params: SIMPLEST, init: { B: 1, S: 1 }, t: 0 });
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('<svg');
    expect(readFileSync(join(out, 'trajectory.csv'), 'utf8')).toMatch(/^B,S,T,Tlin,T_minus_Tlin/m);
  });

  it('check a planted point conjecture: the least failing point in the order (B + S, then B)', async () => {
    // Planted: fails exactly at points with B ≥ 3 and S ≥ 2, for every θ. The least such point by (B + S, B) is (3, 2),
    // and every θ fails there, so the least candidate is the simplest θ at (3, 2).
    const r = await cli(['check', 'lat-planted-point', '--json', '--B', '1..9', '--S', '1..9', '--runs', '200', '--no-certify'], registry.with([PLANTED_LATENCY_POINT]));
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out);
    expect(report.counterexample).toMatchObject({ params: SIMPLEST, init: { B: 3, S: 2 } });
    expect(report.minimality.locallyMinimal).toBe(true);
  });

  it('check certifies a box small enough to list: a θ fixed by --theta over 81 points', async () => {
    const args = ['check', 'lat-planted-point', '--theta', thetaFile, '--B', '1..9', '--S', '1..9'];
    const json = await cli([...args, '--json'], registry.with([PLANTED_LATENCY_POINT]));
    expect(json.code).toBe(1);
    const report = JSON.parse(json.out);
    expect(report.counterexample).toMatchObject({ init: { B: 3, S: 2 }, certifiedMinimal: true });
    expect(report.certification).toMatchObject({ certified: true, classes: 81, inScope: 8, decided: 8, invariances: [] });
    const text = await cli(args, registry.with([PLANTED_LATENCY_POINT]));
    expect(text.out).toMatch(/certify: +CERTIFIED MINIMAL/);
    expect(text.out).toMatch(/classes: +81 in the bounds, one candidate each/);
  });

  it('check --theta fixes θ to a file (a fit.json works the same way); bad flags are one-line errors', async () => {
    const r = await cli(['check', 'lat-identifiable', '--json', '--theta', thetaFile, '--no-certify']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).counterexample.params).toMatchObject({ Pmax: '50', kB: '1/8', w0: '4' });
    for (const args of [['--theta', join(dir, 'absent.json')], ['--kB', '0..1'], ['--B', 'x'], ['--target', '0..3']]) {
      const e = await cli(['check', 'lat-nondecreasing-B', ...args]);
      expect(e.code, args.join(' ')).toBe(2);
      expect(e.err).toMatch(/^error: /);
      expect(e.err.trim().split('\n')).toHaveLength(1);
    }
  });

  it('sweep --workers 2 of a small latency grid', async () => {
    const config = join(dir, 'latency.json5');
    writeFileSync(config, `{ name: "latency-small", family: "latency", grid: { theta: ${JSON.stringify(thetaFile)}, tauB: ["0", "1/20"], B: { from: 1, to: 3 }, S: [1, 2, 4], target: [8], steps: 0 } }`);
    const out = join(dir, 'sweep');
    const r = await cli(['sweep', config, '--workers', '2', '--out', out, '--no-corpus', '--json']);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(r.code).toBe(1);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.config.family).toBe('latency');
    expect(summary.grid.cells).toBe(2 * (3 * 3 + 3));
    expect(Object.keys(summary.conjectures).sort()).toEqual([...LATENCY_IDS].sort());
    const status = (id: string) => summary.conjectures[id].status;
    // Proven for every θ in the conjectures' files (A.3, A.4, M3, M4): decided the same way on any grid.
    expect(status('lat-identifiable')).toBe('refuted');
    expect(status('lat-high-limit-abs')).toBe('refuted');
    expect(status('lat-high-limit')).toBe('verified');
    expect(status('lat-low-limit')).toBe('verified');
    expect(status('lat-per-token-nonincreasing')).toBe('verified');
    expect(status('lat-per-request-nonincreasing')).toBe('verified');
    // τB = 0 is the first θ of the grid and fails at its first point (see the check test above).
    expect(summary.conjectures['lat-nondecreasing-B'].minimal).toMatchObject({ params: { tauB: '0' }, init: { B: 1, S: 1 }, t: 0 });
    expect(readFileSync(join(out, 'counterexamples/lat-nondecreasing-B/index.html'), 'utf8')).toContain('<svg');
  }, 60_000);

  it('a grid that names no θ is a located one-line error', async () => {
    const config = join(dir, 'bad.json5');
    writeFileSync(config, `{ name: "bad", family: "latency", grid: { Pmax: 1, B: 1, S: 1, steps: 0 } }`);
    const r = await cli(['sweep', config, '--out', join(dir, 'bad-out')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/bad\.json5:1:\d+: grid\.kB: .*not given/);
  });

  it('gate judges latency claims, with a fitted θ given by file', async () => {
    const claims = join(dir, 'claims.json5');
    const domain = `{ theta: ${JSON.stringify(thetaFile)}, B: [1, 2], S: [1, 3], steps: 0 }`;
    writeFileSync(
      claims,
      `{ claims: [
        { conjecture: "lat-high-limit", domain: ${domain}, expect: "holds" },
        { conjecture: "lat-per-token-nonincreasing", domain: ${domain}, expect: "holds" },
        { conjecture: "lat-identifiable", domain: ${domain}, expect: "refuted" },
      ] }`,
    );
    const r = await cli(['gate', claims, '--out', join(dir, 'gate'), '--no-corpus', '--workers', '0']);
    expect(r.err).not.toMatch(/error/);
    expect(r.code).toBe(0);
  });

  it('the vitest API checks a latency claim', async () => {
    const result = await checkClaim(
      'identifiable',
      { conjecture: 'lat-identifiable', domain: { theta: thetaFile, w1: ['1', '2'], B: [1], S: [1], steps: 0 }, expect: 'holds' },
      { outDir: join(dir, 'vitest') },
    );
    expect(result.met).toBe(false);
    expect(result.minimal).toMatchObject({ params: { Pmax: '50', w1: '1' }, init: { B: 1, S: 1 } });
  });
});
