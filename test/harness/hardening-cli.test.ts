import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONJECTURES, Registry } from '../../conjectures/registry.js';
import { runCli } from '../../harness/cli/main.js';
import { renderTable } from '../../harness/cli/commands/check.js';
import { MAX_WORKERS, workerCount } from '../../harness/cli/options.js';
import { loadClaimsFile } from '../../harness/gate/claims.js';
import { resolveConfig } from '../../harness/sweep/config.js';
import { Json5Source } from '../../harness/sweep/json5-source.js';
import type { SweepSummary } from '../../harness/sweep/summary.js';
import { approxDecimal, shortDecimal } from '../../reports/number-format.js';
import { captureIO } from '../support/capture-io.js';
import { tmp } from '../support/sweep-fixtures.js';

const registry = new Registry(CONJECTURES);

async function cli(...argv: string[]) {
  const c = captureIO();
  const code = await runCli(argv, c.io, registry);
  return { code, out: c.stdout(), err: c.stderr() };
}

const SMALL = `{ name: "small", conjectures: ["token-balance"], grid: { l0: [1], lA: [1], lB: [2], B: [60], lambdaA: [1], lambdaB: [1], steps: 3 } }`;

describe('--workers is capped and validated', () => {
  const file = join(tmp('workers'), 'c.json5');
  writeFileSync(file, SMALL);

  it.each(['0', '-1', '1.5', 'abc', String(MAX_WORKERS + 1), '1e3', ''])('sweep --workers %j: exit 2 with the rule', async (value) => {
    const r = await cli('sweep', file, '--out', tmp('w'), '--no-corpus', '--workers', value);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(new RegExp(`expected an integer from 1 to ${MAX_WORKERS}`));
    expect(r.out).toBe('');
  });

  it('the cap is 64, documented in the README', () => {
    expect(MAX_WORKERS).toBe(64);
    expect(readFileSync(new URL('../../README.md', import.meta.url), 'utf8')).toMatch(/`--workers <n>` \[cores, at most 64\]/);
  });

  it(`--workers 1 to ${MAX_WORKERS} are accepted (0 too where it means "this thread")`, () => {
    expect(workerCount(1)(' 1 ')).toBe(1);
    expect(workerCount(1)(String(MAX_WORKERS))).toBe(MAX_WORKERS);
    expect(workerCount(0)('0')).toBe(0);
    expect(() => workerCount(1)('0')).toThrow(/from 1 to 64/);
  });

  it('gate --workers: 0 (this thread) is accepted, above the cap is refused', async () => {
    expect((await cli('gate', 'claims.json5', '--workers', String(MAX_WORKERS + 1))).code).toBe(2);
    expect((await cli('gate', 'claims.json5', '--workers', '-2')).code).toBe(2);
  });
});

describe('config errors say what was expected and what was given', () => {
  const error = (text: string) => {
    try {
      resolveConfig(Json5Source.parse('sweep.json5', text), registry);
    } catch (e) {
      return (e as Error).message;
    }
    throw new Error('no error');
  };
  const base = (patch: string) => `{ name: "x",\n  ${patch}\n  grid: { l0: [1], lA: [1], lB: [2], B: [60], lambdaA: [1], lambdaB: [1], steps: 3 } }`;

  it.each([
    ['steps: "ten"', `{ name: "x", grid: { l0: [1], lA: [1], lB: [2], B: [60], lambdaA: [1], lambdaB: [1], steps: "ten" } }`, 'sweep.json5:1:93: grid.steps: expected an integer (got "ten")'],
    ['steps: 1.5', `{ name: "x", grid: { l0: [1], lA: [1], lB: [2], B: [60], lambdaA: [1], lambdaB: [1], steps: 1.5 } }`, 'sweep.json5:1:93: grid.steps: expected an integer (got 1.5)'],
    ['steps missing', `{ name: "x", grid: { l0: [1], lA: [1], lB: [2], B: [60], lambdaA: [1], lambdaB: [1] } }`, 'sweep.json5:1:20: grid.steps: is required'],
    ['steps: -1', `{ name: "x", grid: { l0: [1], lA: [1], lB: [2], B: [60], lambdaA: [1], lambdaB: [1], steps: -1 } }`, 'sweep.json5:1:93: grid.steps: must be ≥ 0 (got -1)'],
    ['conjectures: "token-balance"', base('conjectures: "token-balance",'), 'sweep.json5:2:16: conjectures: expected "all" or a list of conjecture ids (got "token-balance")'],
    ['random.runs: "many"', base('random: { runs: "many", seed: 1 },'), 'sweep.json5:2:19: random.runs: expected an integer (got "many")'],
    ['tie: "some"', base('tie: "some",'), 'sweep.json5:2:8: tie: expected one of "all", "any", "first" (got "some")'],
    ['maxVacuousShare: 2', base('maxVacuousShare: 2,'), 'sweep.json5:2:20: maxVacuousShare: must be ≤ 1 (got 2)'],
    ['exhaustive: "yes"', `{ name: "x", grid: { l0: [1], lA: [1], lB: [2], B: [60], lambdaA: [1], lambdaB: [1], steps: 3, exhaustive: "yes" } }`, 'sweep.json5:1:108: grid.exhaustive: expected true or false (got "yes")'],
  ])('%s', (_what, text, message) => {
    expect(error(text)).toBe(message);
  });

  it('no message is zod\'s bare "Invalid input"', () => {
    for (const patch of ['conjectures: 3,', 'conjectures: [],', 'random: 5,', 'name: 7,', 'arithmetic: "float64",', 'tie: 1,']) {
      expect(error(base(patch))).not.toMatch(/Invalid input|Invalid option|Too (small|big)/);
    }
  });
});

describe('the gate never advises an option it lacks', () => {
  it('a claim that runs out of time advises raising budget.timeLimit, not --resume', async () => {
    const dir = tmp('gate-time');
    const claims = join(dir, 'claims.json5');
    writeFileSync(
      claims,
      `{ claims: [{ name: "slow", conjecture: "token-balance", expect: "holds", budget: { timeLimit: "1s" },
        domain: { l0: { from: 1, to: 30 }, lA: { from: 1, to: 4 }, lB: { from: 2, to: 6 }, B: [60, 61], lambdaA: [1, 2, 3], lambdaB: [1, 2, 3],
                  init: ["canonical", { kind: "lattice", units: 3 }], steps: 80 } }] }`,
    );
    expect(loadClaimsFile(claims, registry)[0].timeLimitMs).toBe(1000);
    const out = join(dir, 'out');
    const r = await cli('gate', claims, '--out', out, '--workers', '1', '--no-corpus');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/inconclusive: the time budget ran out before every cell was checked \(raise budget\.timeLimit of this claim in the claims file, or shrink its domain\)/);
    expect(r.out).not.toMatch(/--resume/);
    for (const f of ['gate.json', 'summary.md', 'index.html', 'junit.xml', join('claims', 'slow', 'summary.json'), join('claims', 'slow', 'summary.md')]) {
      expect(readFileSync(join(out, f), 'utf8'), f).not.toMatch(/--resume/);
    }
  });
});

describe('terminal tables', () => {
  it('check (all) prints every coordinate of a counterexample, generically, and the margin as a short decimal', () => {
    const conjecture = registry.get('g-dominance');
    const counterexample = {
      conjecture: 'g-dominance',
      options: { tie: 'all' as const },
      // an extra parameter, as another model family would have: it must be printed too
      params: { l0: 1, lA: 1, lB: 3, B: '1', lambdaA: '1/2', lambdaB: '1/2', extra: '7/3' } as never,
      init: { kind: 'balanced', M0: ['1/2', '0', '1/4'], lattice: [2, 0, 1] } as never,
      t: 6,
      margin: '-119/8192',
      witness: {},
      locallyMinimal: true,
      replay: '',
    };
    const report = { conjecture: 'g-dominance', verdict: 'refuted', complete: true, searched: { trajectories: 1, states: 7, vacuous: 0, undecided: 0 }, counterexample } as never;
    const text = renderTable([{ conjecture, report, ms: 10 }], 10);
    for (const part of ['l0=1', 'lA=1', 'lB=3', 'B=1', 'lambdaA=1/2', 'lambdaB=1/2', 'extra=7/3', 'balanced', 'M0=[1/2, 0, 1/4]', 'lattice=[2, 0, 1]', 't=6', '≈-0.0145']) {
      expect(text).toContain(part);
    }
    expect(text).not.toContain('-119/819…');
  });

  it('list (table) shows each conjecture\'s margin', async () => {
    const r = await cli('list');
    expect(r.out.split('\n')[0]).toMatch(/\bmargin$/);
    for (const c of registry.list()) expect(r.out).toContain(c.margin);
  });
});

describe('margins shown to people', () => {
  it.each([
    ['-119/8192', '-0.0145', '≈-0.0145'],
    ['0', '0', '0'],
    ['1/2', '0.5', '0.5'],
    ['-1/300000', '-3.33e-6', '≈-3.33e-6'],
    ['1/' + '1'.padEnd(400, '0'), '1e-399', '≈1e-399'],
    ['-' + '9'.repeat(300) + '/7', '-1.43e299', '≈-1.43e299'],
  ])('%s → %s', (exact, short, approx) => {
    expect(shortDecimal(exact)).toBe(short);
    expect(approxDecimal(exact)).toBe(approx);
  });

  it('never shows a non-zero value as 0', () => {
    for (const d of [3n, 7n, 1000003n, 10n ** 50n + 1n]) {
      expect(shortDecimal(`1/${d}`)).not.toMatch(/^-?0$/);
      expect(shortDecimal(`-1/${d}`).startsWith('-')).toBe(true);
    }
  });
});

describe('smallestPositiveMargin', () => {
  it("seed 001's own run: smallestMargin stays 0 at t=0, and the least positive margin ≈ 0.00046 at t=200 is reported beside it", async () => {
    const dir = tmp('seed001');
    const file = join(dir, 'c.json5');
    writeFileSync(file, `{ name: "seed001", conjectures: ["inner-product-nonneg"],
      grid: { l0: 200, lA: 4, lB: 7, B: [1000], lambdaA: [1], lambdaB: [1], steps: 200 } }`);
    const out = join(dir, 'out');
    const r = await cli('sweep', file, '--out', out, '--no-corpus', '--workers', '1');
    expect(r.code).toBe(0);
    const s = (JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as SweepSummary).conjectures['inner-product-nonneg'];
    expect(s.smallestMargin).toMatchObject({ value: '0', where: { t: 0 } });
    expect(s.smallestPositiveMargin!.where.t).toBe(200);
    expect(shortDecimal(s.smallestPositiveMargin!.value, 2)).toBe('0.00046');
    expect(r.out).toMatch(/inner-product-nonneg\s+VERIFIED.*\s0\s+≈0\.000459 \(t=200\)/);
    const md = readFileSync(join(out, 'summary.md'), 'utf8');
    expect(md).toContain('| 0 | `0` | ≈0.000459 (t=200) | `');
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toMatch(/least margin &gt; 0<\/th><td><span class="approx" title="exact: \d+\/\d+">≈0\.000459<\/span>/);
  });
});

describe('random samples whose grid values have larger denominators than random.maxDenominator', () => {
  it('are drawn from the grid box with its own denominators (this used to hang the sweep)', async () => {
    const file = join(tmp('hang'), 'c.json5');
    writeFileSync(file, `{ name: "hang", conjectures: ["token-balance"], grid: { l0: 1, lA: 1, lB: 2, B: [60], lambdaA: [1], lambdaB: ["1/2"], steps: 3 },
  random: { runs: 3, seed: 1, maxDenominator: 1 } }`);
    const r = await cli('sweep', file, '--out', tmp('hang-out'), '--no-corpus', '--workers', '1', '--json');
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.out);
    expect(summary.random.samplesDone).toBe(3);
    expect(summary.conjectures['token-balance'].random.statesChecked).toBeGreaterThan(0);
  });

  it('finish when a grid value is finer than any denominator walked (B = 60 + 2⁻²⁰⁰ used to hang the sweep and check)', async () => {
    const fine = `${(60n << 200n) + 1n}/${1n << 200n}`;
    const file = join(tmp('fine'), 'c.json5');
    writeFileSync(file, `{ name: "fine", conjectures: ["token-balance"], grid: { l0: 1, lA: 1, lB: 2, B: [60, "${fine}"], lambdaA: [1], lambdaB: [1], steps: 3 },
  random: { runs: 6, seed: 1 } }`);
    const r = await cli('sweep', file, '--out', tmp('fine-out'), '--no-corpus', '--workers', '1', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).random.samplesDone).toBe(6);
    const check = await cli('check', 'token-balance', '--l0', '1', '--lA', '1', '--lB', '2', '--B', fine, '--lambdaA', '1', '--lambdaB', '1', '--steps', '5', '--workers', '1', '--json');
    expect(check.code).toBe(0);
    expect(JSON.parse(check.out)).toMatchObject({ verdict: 'unrefuted', complete: true });
  });
});

describe('class counts beyond what a double holds exactly', () => {
  it('are null in the JSON and "more than 2⁵³ − 1" in the text, never ∞ or a rounded figure that looks exact', async () => {
    // 400 stages: about 1.4·10²¹ classes, counted in doubles (this used to print as a 22-digit figure whose
    // last digits were rounding; with 2,000 stages as ∞, and as null in the JSON without a word in the README).
    const flags = ['max-dominance', '--lB', '400', '--steps', '3', '--runs', '3', '--time-limit', '2', '--workers', '1'];
    const json = await cli('check', ...flags, '--json');
    const certification = JSON.parse(json.out).certification;
    expect(certification.classes).toBeNull();
    expect(certification.inScope).toBeNull();
    const text = await cli('check', ...flags);
    expect(text.out).toMatch(/classes: {2}more than 9,007,199,254,740,991 in the bounds/);
    expect(text.out).not.toMatch(/∞|1,418,861/);
  }, 60_000);

  it('a count within 2⁵³ is given exactly', async () => {
    const r = await cli('check', 'max-dominance', '--l0', '1..3', '--lA', '1', '--lB', '2..3', '--steps', '3', '--workers', '1', '--json');
    expect(Number.isSafeInteger(JSON.parse(r.out).certification.classes)).toBe(true);
  }, 60_000);
});
