import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tmp } from '../support/sweep-fixtures.js';

/**
 * Fuzzing the built CLI (dist/, after `npm run build`) as a child process with
 * malformed and oversized inputs: sweep configs, claims files, flag vectors,
 * counterexample JSON. Every run must end with a documented status (0, 1, 2 or
 * 4), never a stack trace, within a time limit (a hung child is killed and the
 * test fails) and within a heap limit (an out-of-memory crash is a signal or
 * status 134, which fails). Inputs are kept small or invalid: oversized grids
 * that are valid are another matter (bounded work), so generated grids are
 * tiny or rejected by validation.
 */

const bin = new URL('../../dist/harness/cli/main.js', import.meta.url).pathname;
/**
 * Per run. Generous because a sweep's --time-budget does not cover the shrinking of a random
 * counterexample afterwards (up to 30 s, harness/sweep/run.ts), and runs share two cores here.
 */
const RUN_TIMEOUT_MS = 60_000;
const HEAP_MB = 256;
const SEED = Number(process.env.FUZZ_SEED ?? 20260522);
const ALLOWED = new Set([0, 1, 2, 4]);
/** FUZZ_SCALE=10 runs ten times as many inputs (locally, to hunt); the default keeps the suite quick. */
const runs = (n: number) => Math.max(1, Math.round(n * Number(process.env.FUZZ_SCALE ?? 1)));

interface Outcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  ms: number;
  timedOut: boolean;
}

function run(args: string[], cwd: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [`--max-old-space-size=${HEAP_MB}`, bin, ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d) => {
      if (stderr.length < 20_000) stderr += d;
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, RUN_TIMEOUT_MS);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stderr, ms: Date.now() - started, timedOut });
    });
  });
}

/** The contract every run must keep. */
function check(o: Outcome, what: string): void {
  // FUZZ_STATS=1 prints every run (status, ms, input, error line), to see what the generators exercise.
  if (process.env.FUZZ_STATS) console.log(o.code, o.ms, what.slice(0, 160).replace(/\n/g, " "), "::", o.stderr.split("\n").filter((l) => l.startsWith("error")).join(" ").slice(0, 200));
  const context = `${what}\n--- stderr ---\n${o.stderr.slice(0, 2000)}`;
  expect(o.timedOut, `timed out after ${RUN_TIMEOUT_MS} ms: ${context}`).toBe(false);
  expect(o.signal, `killed by ${o.signal}: ${context}`).toBeNull();
  expect(ALLOWED.has(o.code ?? -1), `exit status ${o.code}: ${context}`).toBe(true);
  expect(/^ {4}at /m.test(o.stderr), `stack trace: ${context}`).toBe(false);
  expect(/internal error|heap out of memory/i.test(o.stderr), `internal error: ${context}`).toBe(false);
}

const VALID_IDS = ['token-balance', 'g-dominance', 'merged-equals-per-type', 'coprime-stable', 'convergence'];
const IDS = ['token-balance', 'g-dominance', 'merged-equals-per-type', 'coprime-stable', 'convergence', 'no-such-conjecture', ''];

/** Values that are wrong in every way a hand-written file can be wrong. */
const junk = fc.oneof(
  fc.constantFrom(null, true, false, -1, 0, 1.5, 1e308, -0, '', 'ten', '1/0', '-3/4', '0x10', 'NaN', [], {}, [[]], { from: 'a' }),
  fc.string({ maxLength: 12 }),
  fc.integer({ min: -5, max: 5 }),
  fc.jsonValue({ maxDepth: 2 }),
);
const smallInts = (min: number, max: number) =>
  fc.oneof(
    fc.integer({ min, max }),
    fc.uniqueArray(fc.integer({ min, max }), { minLength: 1, maxLength: 3 }),
    fc.integer({ min, max }).chain((a) => fc.integer({ min: a, max }).map((b) => ({ from: a, to: b }))),
  );
const smallRationals = fc.oneof(fc.constantFrom('1/2', 1, 2, '3/2', 60), fc.uniqueArray(fc.constantFrom('1/2', 1, 2, '7/3', 60), { minLength: 1, maxLength: 2 }));
/** Oversized values that validation must reject quickly. */
const oversized = fc.constantFrom(
  { from: 1, to: 1e9 },
  { from: 1, to: 2 ** 53 },
  Array.from({ length: 20_000 }, (_, i) => i + 1),
  'x'.repeat(200_000),
  1e6,
  [{ kind: 'lattice', units: 1e6 }],
);
const bad = fc.oneof({ weight: 3, arbitrary: junk }, { weight: 1, arbitrary: oversized });
/** Mostly the valid value (so that valid runs are exercised too), sometimes junk or an oversized value. */
/** A valid value: what is wrong is chosen by `mutated`. */
const ok = <T>(good: fc.Arbitrary<T>) => good;
const maybe = <T>(good: fc.Arbitrary<T>) => fc.oneof({ weight: 40, arbitrary: good }, { weight: 1, arbitrary: bad });

const grid = fc.record(
  {
    l0: ok(smallInts(1, 3)),
    lA: ok(smallInts(1, 2)),
    lB: ok(smallInts(3, 4)), // above every lA, so a valid grid is never empty
    B: ok(smallRationals),
    lambdaA: ok(smallRationals),
    lambdaB: ok(smallRationals),
    init: fc.constantFrom(['canonical'], ['canonical', { kind: 'lattice', units: 1 }], [{ kind: 'lattice', units: 2, balanced: false }]),
    steps: ok(fc.integer({ min: 0, max: 12 })),
    exhaustive: ok(fc.boolean()),
  },
  { requiredKeys: ['l0', 'lA', 'lB', 'B', 'lambdaA', 'lambdaB', 'steps'] },
);

/** A document with up to two of its fields (at `paths`) replaced by wrong or oversized values. */
const mutated = (doc: fc.Arbitrary<Record<string, unknown>>, paths: string[][]) =>
  fc.tuple(doc, fc.oneof({ weight: 2, arbitrary: fc.constant([]) }, { weight: 3, arbitrary: fc.array(fc.tuple(fc.constantFrom(...paths), bad), { minLength: 1, maxLength: 2 }) })).map(([d, changes]) => {
    const out = structuredClone(d);
    for (const [path, value] of changes) {
      let at: Record<string, unknown> = out;
      for (const k of path.slice(0, -1)) {
        if (typeof at[k] !== 'object' || at[k] === null) at[k] = {};
        at = at[k] as Record<string, unknown>;
      }
      at[path[path.length - 1]] = value;
    }
    return out;
  });
const GRID_KEYS = ['l0', 'lA', 'lB', 'B', 'lambdaA', 'lambdaB', 'init', 'steps', 'exhaustive'];

const sweepConfig = fc.record(
  {
    name: ok(fc.constantFrom('fuzz', 'a.b-c_d')),
    conjectures: fc.oneof(fc.constant('all'), fc.uniqueArray(fc.constantFrom(...VALID_IDS), { minLength: 1, maxLength: 2 })),
    grid,
    random: ok(fc.record({ runs: fc.integer({ min: 0, max: 5 }), seed: fc.integer({ min: -3, max: 3 }), maxDenominator: fc.integer({ min: 3, max: 4 }) })), // every generated rational has a denominator ≤ 3
    arithmetic: fc.constant('exact'),
    tie: ok(fc.constantFrom('all', 'any', 'first')),
    maxVacuousShare: ok(fc.double({ min: 0, max: 1, noNaN: true })),
  },
  { requiredKeys: ['name', 'grid'] },
);

const claim = fc.record(
  {
    name: ok(fc.constantFrom('a', 'b c')),
    conjecture: fc.constantFrom(...VALID_IDS),
    domain: grid,
    expect: ok(fc.constantFrom('holds', 'refuted', 'open')),
    budget: ok(fc.record({ exhaustive: ok(fc.boolean()), random: ok(fc.integer({ min: 0, max: 3 })), timeLimit: fc.constantFrom('5s', '8s') }, { requiredKeys: [] })),
    acceptSampling: ok(fc.boolean()),
    maxVacuousShare: fc.constantFrom(0, 0.5, 1),
  },
  { requiredKeys: ['conjecture', 'domain', 'expect'] },
);

/** The document as JSON5 text: whole, truncated, or with garbage appended. */
const asText = (doc: fc.Arbitrary<unknown>) =>
  fc.tuple(doc, fc.constantFrom('whole', 'whole', 'whole', 'whole', 'whole', 'whole', 'truncated', 'garbage', 'raw')).chain(([value, how]) => {
    const text = JSON.stringify(value) ?? 'undefined';
    if (how === 'truncated') return fc.integer({ min: 0, max: Math.max(0, text.length - 1) }).map((n) => text.slice(0, n));
    if (how === 'garbage') return fc.string({ maxLength: 20 }).map((g) => text + g);
    if (how === 'raw') return fc.string({ maxLength: 60 });
    return fc.constant(text);
  });

describe.concurrent('fuzzing the CLI (bounded time, memory, documented exit statuses, no stack traces)', { timeout: 180_000 }, () => {
  it('sweep configs', async () => {
    const dir = tmp('fuzz-sweep');
    let n = 0;
    await fc.assert(
      fc.asyncProperty(asText(mutated(sweepConfig, [['name'], ['conjectures'], ['random'], ['tie'], ['extra'], ...GRID_KEYS.map((k) => ['grid', k])])), async (text) => {
        const file = join(dir, `c${++n}.json5`);
        writeFileSync(file, text);
        const o = await run(['sweep', file, '--out', join(dir, `o${n}`), '--workers', '1', '--no-corpus', '--reporters', 'json,markdown', '--time-budget', '10s'], dir);
        check(o, `sweep ${file}: ${text.slice(0, 500)}`);
      }),
      { numRuns: runs(6), seed: SEED, endOnFailure: true },
    );
  });

  it('valid small configs and claims run to a verdict: never rejected, never a stack trace', async () => {
    const dir = tmp('fuzz-valid');
    const strictClaim = claim.map((c) => ({ ...c, budget: { ...(c.budget as object), exhaustive: true } }));
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(sweepConfig.map((c) => ['sweep', c] as const), fc.array(strictClaim, { minLength: 1, maxLength: 2 }).map((claims) => ['gate', { claims }] as const)), async ([command, doc]) => {
        const file = join(dir, `v${++n}.json5`);
        writeFileSync(file, JSON.stringify(doc));
        const argv =
          command === 'sweep'
            ? ['sweep', file, '--out', join(dir, `o${n}`), '--workers', '1', '--no-corpus', '--reporters', 'json,markdown,html', '--time-budget', '15s']
            : ['gate', file, '--out', join(dir, `o${n}`), '--workers', '0', '--no-corpus'];
        const o = await run(argv, dir);
        check(o, `${command} ${file}: ${JSON.stringify(doc).slice(0, 500)}`);
        expect(o.code, `a valid ${command} input was rejected: ${o.stderr.slice(0, 500)}\n${JSON.stringify(doc)}`).not.toBe(2);
      }),
      { numRuns: runs(4), seed: SEED, endOnFailure: true },
    );
  });

  it('claims files', async () => {
    const dir = tmp('fuzz-gate');
    const claimsFile = mutated(fc.record({ claims: fc.array(claim, { minLength: 1, maxLength: 2 }) }), [
      ['claims'],
      ['claims', '0', 'expect'],
      ['claims', '0', 'budget'],
      ['claims', '0', 'budget', 'timeLimit'],
      ['claims', '0', 'options'],
      ...GRID_KEYS.map((k) => ['claims', '0', 'domain', k]),
    ]);
    const file = fc.oneof({ weight: 8, arbitrary: claimsFile }, { weight: 1, arbitrary: junk });
    let n = 0;
    await fc.assert(
      fc.asyncProperty(asText(file), async (text) => {
        const path = join(dir, `claims${++n}.json5`);
        writeFileSync(path, text);
        const o = await run(['gate', path, '--out', join(dir, `o${n}`), '--workers', '0', '--no-corpus'], dir);
        check(o, `gate ${path}: ${text.slice(0, 500)}`);
      }),
      { numRuns: runs(5), seed: SEED, endOnFailure: true },
    );
  });

  it('flag vectors', async () => {
    const dir = tmp('fuzz-flags');
    const config = join(dir, 'ok.json5');
    writeFileSync(config, `{ name: "ok", conjectures: ["token-balance"], grid: { l0: [1, 2], lA: [1], lB: [2, 3], B: [60], lambdaA: [1], lambdaB: [1], steps: 5 } }`);
    const value = fc.constantFrom('0', '-1', '1', '2', '3', 'abc', '', '1..3', '2..1', '1/2..2', '1/0', '99999999999999999999', '1e3', 'all', 'any', 'float64', 'decimal', 'canonical,balanced', 'per-type', '2/4', '0/0', '5s', '1h', config, 'missing.json5', '{', '{}', '[]', dir);
    const flag = fc.constantFrom('--workers', '--runs', '--seed', '--tie', '--arithmetic', '--precision', '--l0', '--lA', '--lB', '--B', '--lambdaA', '--init', '--lattice', '--shard', '--time-budget', '--checkpoint-every', '--reporters', '--corpus', '--out', '--json', '--resume', '--no-corpus', '--help', '-V', '--bogus');
    const command = fc.constantFrom(
      ['list'],
      ['check', 'token-balance', '--time-limit', '1', '--steps', '8'],
      ['check', 'no-such-id', '--time-limit', '1'],
      ['replay'],
      ['sweep', config, '--time-budget', '8s'],
      ['sweep', 'missing.json5'],
      ['merge', dir],
      ['report', dir],
      ['explain'],
      ['gate', 'missing.json5'],
      ['frobnicate'],
      [],
    );
    await fc.assert(
      fc.asyncProperty(command, fc.array(fc.tuple(flag, value), { maxLength: 4 }), async (cmd, pairs) => {
        // --steps and --time-limit are not fuzzed upwards: a valid huge value is a long run, not a fault.
        const argv = [...cmd, ...pairs.flatMap(([f, v]) => (['--json', '--resume', '--no-corpus', '--help', '-V'].includes(f) ? [f] : [f, v]))];
        if (argv[0] === 'sweep' && !argv.includes('--out')) argv.push('--out', join(dir, 'out'));
        if (argv[0] === 'sweep' && !argv.includes('--workers')) argv.push('--workers', '1');
        const o = await run(argv, dir);
        check(o, `conjecture ${argv.join(' ')}`);
      }),
      { numRuns: runs(8), seed: SEED, endOnFailure: true },
    );
  });

  it('counterexample JSON for replay and explain', async () => {
    const dir = tmp('fuzz-ce');
    const ce = mutated(
      fc.record({
        conjecture: fc.constantFrom(...VALID_IDS),
        options: fc.record({ tie: fc.constantFrom('all', 'any', 'first') }),
        params: fc.record({
          l0: fc.integer({ min: 1, max: 12 }),
          lA: fc.integer({ min: 1, max: 2 }),
          lB: fc.integer({ min: 3, max: 5 }),
          B: fc.constantFrom('1', '60', '7/3'),
          lambdaA: fc.constantFrom('1', '1/2', '3'),
          lambdaB: fc.constantFrom('1', '1/2', '3'),
        }),
        init: fc.constant({ kind: 'canonical' }),
        t: fc.integer({ min: 0, max: 30 }),
      }),
      [['conjecture'], ['options'], ['options', 'tie'], ['params'], ['params', 'l0'], ['params', 'lB'], ['params', 'B'], ['params', 'lambdaA'], ['init'], ['init', 'kind'], ['init', 'M0'], ['t']],
    );
    const wrapped = fc.oneof({ weight: 4, arbitrary: ce }, { weight: 1, arbitrary: ce.map((c) => ({ verdict: 'refuted', counterexample: c })) }, { weight: 1, arbitrary: junk });
    let n = 0;
    await fc.assert(
      fc.asyncProperty(asText(wrapped), fc.constantFrom('replay-inline', 'replay-file', 'explain'), async (text, how) => {
        const file = join(dir, `ce${++n}.json`);
        writeFileSync(file, text);
        const argv =
          how === 'replay-inline' ? ['replay', text.length ? text : '{}'] : how === 'replay-file' ? ['replay', file, '--json'] : ['explain', file, '--out', join(dir, `o${n}`)];
        const o = await run(argv, dir);
        check(o, `conjecture ${argv.join(' ').slice(0, 600)}`);
        if (o.code === 0 && how === 'explain') expect(existsSync(join(dir, `o${n}`, 'index.html'))).toBe(true);
      }),
      { numRuns: runs(8), seed: SEED, endOnFailure: true },
    );
  });
});
