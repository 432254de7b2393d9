import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONJECTURES, Registry } from '../../../conjectures/registry.js';
import { mergeSweeps } from '../../../harness/sweep/merge.js';
import { readState } from '../../../harness/sweep/state.js';
import { comparable, config as resolve, plantedModule, plantedRegistry, sweep as run, tmp, type Run } from '../../support/sweep-fixtures.js';

// The machinery is tested with a planted conjecture whose minimal counterexample is known (lB = 3 at t = 2).
// Runs of 24 steps are screened on the kernel (from 20), so what each worker's earlier batches
// recorded spares exact re-decisions differently inline, on 1 or 2 threads and per shard.
const planted = await plantedRegistry();
const config = (text: string, registry = planted) => resolve(text, registry);
const sweep = (r: Run) => run({ registry: planted, ...r });

const small = config(`{
  name: "small",
  conjectures: ["planted-lb3-t2", "max-dominance", "token-balance", "v-dominance", "eviction-p-nonexpansive", "coprime-stable", "proportional-after-warmup", "g-time-average"],
  grid: {
    l0: { from: 1, to: 4 }, lA: [1, 2], lB: [2, 3, 4], B: [60], lambdaA: [1, 2], lambdaB: [1],
    init: ["canonical", { kind: "lattice", units: 2 }], steps: 24,
  },
  random: { runs: 40, seed: 5 },
}`);

describe('sweeps are deterministic', () => {
  it('gives identical results inline, on 1 or 2 worker threads, and sharded then merged', async () => {
    const inline = await sweep({ config: small });
    const one = await sweep({ config: small, executor: 1 });
    const two = await sweep({ config: small, executor: 2 });
    expect(comparable(one.summary)).toEqual(comparable(inline.summary));
    expect(comparable(two.summary)).toEqual(comparable(inline.summary));

    const shards = await Promise.all([1, 2, 3].map((index) => sweep({ config: small, shard: { index, count: 3 } })));
    for (const s of shards) {
      expect(s.summary.shard).toMatchObject({ count: 3 });
      expect(s.summary.conjectures['token-balance'].reason).toMatch(/of 3: merge the shards for a verdict/);
    }
    const merged = mergeSweeps(shards.map((s) => s.outDir), planted, tmp('merged'), () => performance.now(), new Date(0).toISOString());
    expect(merged.complete).toBe(true);
    expect(comparable(merged)).toEqual(comparable(inline.summary));
    expect(inline.summary.complete).toBe(true);
    // The kernel screened, and the exact-value re-decisions depended on what each part saw first.
    expect(inline.summary.deciding!.verdicts.screened).toBeGreaterThan(0);
    expect(merged.deciding!.verdicts.exact).toBeGreaterThan(inline.summary.deciding!.verdicts.exact);
  });

  it('writes the same summary text however its parts were merged (coverage keys in the grid order)', async () => {
    const inline = await sweep({ config: small });
    const shards = await Promise.all([1, 2, 3].map((index) => sweep({ config: small, shard: { index, count: 3 } })));
    const reversed = mergeSweeps(shards.map((s) => s.outDir).reverse(), planted, tmp('merged'), () => performance.now(), new Date(0).toISOString());
    expect(JSON.stringify(comparable(reversed))).toBe(JSON.stringify(comparable(inline.summary)));
  });

  it('resumes an interrupted sweep to exactly the uninterrupted result, without re-checking finished cells', async () => {
    const whole = await sweep({ config: small });
    const stop = new AbortController();
    let updates = 0;
    const first = await sweep({
      config: small,
      signal: stop.signal,
      progress: { start() {}, stop() {}, update: () => (++updates === 5 ? stop.abort() : undefined) },
    });
    expect(first.summary.complete).toBe(false);
    expect(first.summary.stopped).toBe('interrupted');
    expect(Object.values(first.summary.conjectures).every((c) => c.status === 'refuted' || c.status === 'inconclusive')).toBe(true);
    expect(first.summary.conjectures['token-balance'].reason).toMatch(/^interrupted before every cell was checked \(resume with --resume\)/);
    const doneBefore = readState(first.outDir)!.statesSimulated;
    expect(doneBefore).toBeGreaterThan(0);

    const resumed = await sweep({ config: small, outDir: first.outDir, resume: true });
    expect(comparable(resumed.summary)).toEqual(comparable(whole.summary));
    // Only the remaining cells were simulated again.
    expect(resumed.summary.timing.statesSimulated).toBe(whole.summary.timing.statesSimulated);
  });

  it('never overwrites: another sweep is refused, an unfinished run needs --resume, a finished one is reported as saved', async () => {
    const tiny = config(`{ name: "a", conjectures: ["token-balance"], grid: { l0: 1, lA: 1, lB: 2, B: 1, lambdaA: 1, lambdaB: 1, steps: 2 } }`);
    const { outDir, summary } = await sweep({ config: tiny });
    await expect(sweep({ config: small, outDir })).rejects.toThrow(/already holds another sweep.*choose another --out/);
    await expect(sweep({ config: small, outDir, resume: true })).rejects.toThrow(/another configuration/);
    const again = await sweep({ config: tiny, outDir });
    expect(comparable(again.summary)).toEqual(comparable(summary));
    expect(again.summary.timing.statesSimulated).toBe(summary.timing.statesSimulated); // nothing recomputed

    const stop = new AbortController();
    stop.abort();
    const unfinished = await sweep({ config: small, signal: stop.signal });
    await expect(sweep({ config: small, outDir: unfinished.outDir })).rejects.toThrow(/unfinished run of this sweep.*--resume/);
  });
});

describe('three-valued results', () => {
  it('marks verified, refuted, and inconclusive (vacuous) conjectures', async () => {
    const { summary } = await sweep({ config: small });
    const c = summary.conjectures;
    expect(c['token-balance'].status).toBe('verified');
    expect(c['planted-lb3-t2'].status).toBe('refuted');
    expect(c['planted-lb3-t2'].certifiedMinimal).toBe(true);
    // The least grid cell with lB = 3: lA = 1, l0 = 1, the rates of least height, B = 60, canonical, at t = 2.
    expect(c['planted-lb3-t2'].minimal).toMatchObject({ params: { lB: 3, lA: 1, l0: 1, lambdaA: '1', lambdaB: '1', B: '60' }, init: { kind: 'canonical' }, t: 2 });
    expect(c['planted-lb3-t2'].minimal?.replay).toMatch(/^npx conjecture replay/);
    // With small l0 most parameter sets are not stable, so the P-based statement is mostly vacuous.
    expect(c['v-dominance'].statesVacuous).toBeGreaterThan(0);
  });

  it('never reports a pass when the time budget ends the sweep', async () => {
    const { summary } = await sweep({ config: small, timeBudgetMs: 1 });
    expect(summary.complete).toBe(false);
    expect(summary.stopped).toBe('time budget');
    expect(summary.conjectures['token-balance']).toMatchObject({ status: 'inconclusive', reason: expect.stringMatching(/^the time budget ran out/) });
  });

  it('reports random-only sweeps as sampled', async () => {
    const { summary } = await sweep({
      config: config(`{ name: "r", conjectures: ["token-balance"], grid: { l0: [1, 5], lA: 1, lB: [2, 4], B: 1, lambdaA: 1, lambdaB: [1, 3], steps: 5, exhaustive: false }, random: { runs: 20, seed: 1 } }`),
    });
    expect(summary.conjectures['token-balance']).toMatchObject({ status: 'sampled', statesChecked: 0 });
    expect(summary.conjectures['token-balance'].random.statesChecked).toBeGreaterThan(0);
  });
});

describe('failures of the harness itself are recorded, not fatal', () => {
  it('records a throwing predicate as an error on that cell and goes on', async () => {
    const { url, conjectures } = await plantedModule();
    const registry = new Registry([...CONJECTURES, ...conjectures]);
    const c = config(`{ name: "crash", conjectures: ["planted-crash", "token-balance"], grid: { l0: [1, 2, 3], lA: 1, lB: 2, B: 1, lambdaA: 1, lambdaB: 1, steps: 3 } }`, registry);
    for (const executor of ['inline', 2] as const) {
      const { summary } = await sweep({ config: c, registry, executor, modules: [url] });
      const crash = summary.conjectures['planted-crash'];
      expect(crash.cellsErrored).toBe(1);
      expect(crash.errors[0]).toMatchObject({ params: { l0: 2 }, t: 1, message: 'planted failure at l0=2' });
      expect(crash.cellsChecked).toBe(2);
      expect(crash.status).toBe('inconclusive');
      expect(summary.conjectures['token-balance']).toMatchObject({ status: 'verified', cellsChecked: 3 });
    }
  });

  it('isolates a cell whose worker dies, records it, and finishes the rest', async () => {
    const { url, conjectures } = await plantedModule();
    const registry = new Registry([...CONJECTURES, ...conjectures]);
    const c = config(`{ name: "exit", conjectures: ["planted-exit", "planted-never"], grid: { l0: [1, 2, 3, 4], lA: 1, lB: [2, 3], B: 1, lambdaA: 1, lambdaB: 1, steps: 2 } }`, registry);
    const { summary } = await sweep({ config: c, registry, executor: 2, modules: [url] });
    expect(summary.complete).toBe(true);
    for (const id of ['planted-exit', 'planted-never']) {
      expect(summary.conjectures[id].cellsErrored).toBe(1);
      expect(summary.conjectures[id].errors[0]).toMatchObject({ params: { l0: 3, lB: 3 } });
      expect(summary.conjectures[id].errors[0].message).toMatch(/the worker crashed/);
      expect(summary.conjectures[id].cellsChecked).toBe(7);
    }
  });
});

describe('the counterexample corpus', () => {
  it('stores every minimal counterexample and replays the corpus first on later runs', async () => {
    const corpusDir = tmp('corpus');
    const first = await sweep({ config: small, corpusDir });
    const refuted = Object.values(first.summary.conjectures).filter((c) => c.minimal).length;
    expect(first.summary.corpus).toMatchObject({ replayed: 0, added: refuted });

    const second = await sweep({ config: small, corpusDir });
    expect(second.summary.corpus).toMatchObject({ replayed: refuted, stillFailing: refuted, noLongerFailing: [], added: 0 });

    // A stored counterexample that no longer fails is reported by name.
    const file = join(corpusDir, 'planted-lb3-t2', readdirSync(join(corpusDir, 'planted-lb3-t2'))[0]);
    const ce = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(file, JSON.stringify({ ...ce, t: 0 }));
    const third = await sweep({ config: small, corpusDir });
    expect(third.summary.corpus!.noLongerFailing).toEqual([file]);
  });
});
