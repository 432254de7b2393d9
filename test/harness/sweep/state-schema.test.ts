import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONJECTURES, Registry } from '../../../conjectures/registry.js';
import { runCli } from '../../../harness/cli/main.js';
import { Corpus } from '../../../harness/sweep/corpus.js';
import { readState, STATE_FILE } from '../../../harness/sweep/state.js';
import { captureIO } from '../../support/capture-io.js';
import { config, sweep, tmp } from '../../support/sweep-fixtures.js';

/** state.json and corpus entries are validated on reading: wrong shapes are bad input (exit 2), never a TypeError. */

const registry = new Registry(CONJECTURES);
const CONFIG = `{ name: "state", conjectures: ["token-balance", "g-dominance"],
  grid: { l0: [1, 2], lA: [1], lB: [3], B: [1], lambdaA: ["1/2"], lambdaB: ["1/2"], steps: 8 } }`;

async function cli(...argv: string[]) {
  const c = captureIO();
  const code = await runCli(argv, c.io, registry);
  return { code, out: c.stdout(), err: c.stderr() };
}

let good: Record<string, any>;
let configFile: string;

beforeAll(async () => {
  const { outDir } = await sweep({ config: config(CONFIG) });
  good = JSON.parse(readFileSync(join(outDir, STATE_FILE), 'utf8'));
  configFile = join(tmp('state-cfg'), 'c.json5');
  writeFileSync(configFile, CONFIG);
});

const corrupt = (mutate: (s: any) => void) => {
  const s = structuredClone(good);
  mutate(s);
  const dir = tmp('state-bad');
  writeFileSync(join(dir, STATE_FILE), JSON.stringify(s));
  return dir;
};

describe('state.json of the wrong shape', () => {
  it('a valid state reads back', () => {
    const dir = corrupt(() => {});
    expect(readState(dir)).toEqual(good);
  });

  it.each([
    ['done is not a list', (s: any) => (s.done = 'all'), /done: expected a list \(got "all"\)/],
    ['done holds a bad range', (s: any) => (s.done = [[3, 1]]), /done\[0\]: expected a range \[from, to\] with from ≤ to/],
    ['a tally count is a string', (s: any) => (s.grid['token-balance'].statesChecked = '12'), /grid\.token-balance\.statesChecked: expected an integer \(got "12"\)/],
    ['a tally is missing', (s: any) => delete s.random['g-dominance'], /random\.g-dominance: is required/],
    ['the smallest margin is not a rational', (s: any) => (s.grid['token-balance'].smallestMargin = { ...good.grid['token-balance'].smallestMargin, value: 'x' }), /smallestMargin\.value: expected an exact rational/],
    ['the config was edited', (s: any) => (s.config.grid.steps = 9), /configHash: does not match its config/],
    ['the config was edited after the run', (s: any) => (s.config.grid.B = 'one'), /configHash: does not match its config/],
    ['a shard beyond the shard count', (s: any) => (s.shards = [2]), /shards: shard 2 is beyond the shard count 1/],
    ['the whole state is a list', (s: any) => Object.keys(s).forEach((k) => delete s[k]), /schema version undefined/],
  ])('%s: an InputError naming the file, the field and what to do', (_what, mutate, message) => {
    const dir = corrupt(mutate);
    expect(() => readState(dir)).toThrow(message);
    if (!/schema version/.test(String(message))) expect(() => readState(dir)).toThrow(/remove it \(or the folder\) or choose another --out$/);
  });

  it('sweep --resume on it: exit 2 with one line naming the file, not a TypeError (exit 3)', async () => {
    const dir = corrupt((s) => (s.done = 'all'));
    const r = await cli('sweep', configFile, '--out', dir, '--resume', '--no-corpus', '--workers', '1');
    expect(r.code).toBe(2);
    expect(r.err).toBe(`error: ${join(dir, STATE_FILE)}: not a valid sweep state: done: expected a list (got "all"); remove it (or the folder) or choose another --out\n`);
  });

  it('merge of it: exit 2, not a TypeError', async () => {
    const dir = corrupt((s) => (s.grid['token-balance'].coverage = null));
    const r = await cli('merge', dir, '--out', tmp('merged'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^error: .*state\.json: not a valid sweep state: grid\.token-balance\.coverage: expected an object \(got null\)/);
    expect(r.err).not.toMatch(/TypeError|internal error/);
  });
});

describe('corpus entries', () => {
  it('an invalid entry is reported by path and skipped; valid ones are still replayed and the sweep goes on', async () => {
    const corpusDir = tmp('corpus');
    const { summary } = await sweep({ config: config(CONFIG), corpusDir });
    expect(summary.corpus?.added).toBe(1);
    const folder = join(corpusDir, 'g-dominance');
    writeFileSync(join(folder, 'aaa-not-json.json'), '{ nope');
    writeFileSync(join(folder, 'bbb-wrong-shape.json'), JSON.stringify({ conjecture: 'g-dominance', params: 'big', t: 'soon' }));
    writeFileSync(join(folder, 'ccc-other.json'), JSON.stringify({ ...summary.conjectures['g-dominance'].minimal, conjecture: 'token-balance' }));
    mkdirSync(join(corpusDir, 'token-balance'), { recursive: true });
    writeFileSync(join(corpusDir, 'token-balance', 'ddd-bad-params.json'), JSON.stringify({ conjecture: 'token-balance', params: { l0: 1, lA: 3, lB: 2, B: '1', lambdaA: '1', lambdaB: '1' }, t: 1 }));

    const result = new Corpus(corpusDir).replay(['g-dominance', 'token-balance'], registry);
    expect(result.replayed).toBe(1);
    expect(result.stillFailing).toBe(1);
    expect(result.noLongerFailing).toEqual([]);
    expect(result.invalid).toHaveLength(4);
    expect(result.invalid[0]).toMatch(/aaa-not-json\.json: not readable JSON/);
    expect(result.invalid[1]).toMatch(/bbb-wrong-shape\.json: .*t/);
    expect(result.invalid[2]).toMatch(/ccc-other\.json: names conjecture "token-balance" but is stored under "g-dominance"/);
    expect(result.invalid[3]).toMatch(/ddd-bad-params\.json: .*lB must be greater than lA/);

    const r = await cli('sweep', configFile, '--out', tmp('corpus-out'), '--corpus', corpusDir, '--workers', '1');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/corpus: skipped an invalid entry: .*aaa-not-json\.json: not readable JSON/);
    expect(r.err).not.toMatch(/NO LONGER FAIL/);
  });
});
