import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Rational } from '../../../models/arithmetic/rational.js';
import { serving } from '../../../models/serving/family.js';
import type { ServingParams } from '../../../models/serving/params.js';
import type { Request } from '../../../models/serving/request.js';
import { runCli } from '../../../harness/cli/main.js';
import { checkClaim } from '../../../harness/gate/vitest.js';
import { captureIO } from '../../support/capture-io.js';
import { referenceRun } from '../../support/serving-reference.js';

async function cli(args: string[]) {
  const io = captureIO();
  const code = await runCli(args, io.io);
  return { code, out: io.stdout(), err: io.stderr() };
}
const tmp = () => mkdtempSync(join(tmpdir(), 'serving-family-'));
const candidateOf = (ce: { params: unknown; init: unknown }) => ({ params: serving.parseParams(ce.params), init: serving.parseInit(ce.init) });

/** The reference run's memory events as records: `type time batch id pos change G`. */
function referenceEvents(p: ServingParams, rs: readonly Request[]) {
  return referenceRun(p, rs).memory.map((line) => {
    const [type, time, batch, id] = line.split(' ');
    return { type, time, batch: Number(batch), id: Number(id) };
  });
}

/**
 * The hand counterexample of swapped-priority: M = 2, B = 1, d0 = 0, d1 = 1,
 * requests (a, p, d) = (0, 1, 2), (0, 1, 1). At 0: admit 0 (1 + 1 ≤ 2, G = 1);
 * request 1 does not fit (2 > 1). Batch 0 (only request 0, tokens 2, Δ = 2):
 * pos 1, G = 2. Cycle at 2: need = G + |R| − M = 1 → request 0 swapped out
 * (G = 0), R empty. Before batch 1, the cycle of an empty R: the head of Z
 * (size 2, 2 + 1 > 2) does not fit, request 1 (1 + 1 ≤ 2) is admitted while
 * Z = [0]: fails at t = 1 with margin −min(1, 1) = −1.
 */
const HAND_SWAPPED = {
  params: { M: 2, B: 1, d0: '0', d1: '1' },
  init: [
    { arrival_time: '0', prefill_length: 1, decode_length: 2 },
    { arrival_time: '0', prefill_length: 1, decode_length: 1 },
  ],
};

describe('the serving family through the generic harness', () => {
  it('list shows the serving conjectures and the family', async () => {
    const r = await cli(['list']);
    expect(r.code).toBe(0);
    for (const id of ['conservation', 'swapped-priority', 'lifo-victim-strict', 'little-snapshot', 'fluid-limit', 'stability-threshold']) expect(r.out).toMatch(new RegExp(`${id}\\s+\\S+\\s+serving`));
  });

  it('check refutes swapped-priority; the counterexample replays and the reference implementation confirms it', async () => {
    // Refuted: HAND_SWAPPED (above) lies in the default bounds.
    const r = await cli(['check', 'swapped-priority', '--json', '--time-limit', '20', '--no-certify']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out);
    const ce = report.counterexample;
    const c = candidateOf(ce);
    // No larger than the hand counterexample in the minimality order.
    expect(serving.compare(c, candidateOf(HAND_SWAPPED))).toBeLessThanOrEqual(0);
    // Independently: some admission from W at batch t happens while Z is non-empty (swap-ins come before admissions).
    const Z = new Set<number>();
    let admittedWhileSwapped: number | null = null;
    for (const e of referenceEvents(c.params, c.init)) {
      if (e.type === 'swap_out') Z.add(e.id);
      if (e.type === 'swap_in') Z.delete(e.id);
      if (e.type === 'admit' && Z.size > 0 && e.batch === ce.t) admittedWhileSwapped ??= e.id;
    }
    expect(admittedWhileSwapped).not.toBeNull();
    expect(ce.witness.batch).toBe(ce.t);
    expect(ce.witness.admittedIds).toContain(admittedWhileSwapped);
    const replay = await cli(['replay', JSON.stringify(ce)]);
    expect(replay.code).toBe(1);
    expect(replay.out).toMatch(/CONFIRMED: swapped-priority fails at t=\d+ \(exact\)/);
  });

  it('check refutes lifo-victim-strict and little-snapshot, each confirmed by the reference implementation', async () => {
    // lifo-victim-strict by hand: M = 3, two (0, 1, 1): both admitted at 0 (G = 2), need = 2 + 2 − 3 = 1,
    // the victim is the earliest admitted of equal entry times (request 0), not the last admitted (1).
    const strict = await cli(['check', 'lifo-victim-strict', '--json', '--time-limit', '20', '--no-certify']);
    expect(strict.code).toBe(1);
    const s = JSON.parse(strict.out).counterexample;
    const sc = candidateOf(s);
    let R: number[] = [];
    let notLast: number | null = null;
    for (const e of referenceEvents(sc.params, sc.init)) {
      if (e.type === 'admit' || e.type === 'swap_in') R.push(e.id);
      if (e.type === 'completion') R = R.filter((x) => x !== e.id);
      if (e.type === 'swap_out') {
        if (R[R.length - 1] !== e.id && e.batch === s.t) notLast ??= e.id;
        R = R.filter((x) => x !== e.id);
      }
    }
    expect(notLast).toBe(s.witness.victim);

    // little-snapshot by hand: M = 2, B = 1, d0 = 3, d1 = 0, requests (0, 1, 1), (1, 1, 1): request 1 arrives
    // during batch 0 and is first listed at batch 1, so the snapshot sum 1·3 + 1·3 = 6 misses the 2 it waited
    // before: Σ (c − a) = 3 + (6 − 1) = 8.
    const little = await cli(['check', 'little-snapshot', '--json', '--time-limit', '20', '--no-certify']);
    expect(little.code).toBe(1);
    const l = JSON.parse(little.out).counterexample;
    const lc = candidateOf(l);
    const ref = referenceRun(lc.params, lc.init);
    const snapshotSum = ref.snapshots.reduce((acc, x) => acc.add(Rational.parse(x.duration).mul(Rational.fromInteger(x.waiting + x.running + x.swapped))), Rational.ZERO).normalized();
    const delays = ref.traces.reduce((acc, x) => acc.add(Rational.parse(x.completion).sub(lc.init[x.id].arrival)), Rational.ZERO).normalized();
    expect(ref.traces).toHaveLength(lc.init.length);
    expect(snapshotSum.equals(delays)).toBe(false);
    expect(l.margin).toBe(snapshotSum.sub(delays).abs().neg().normalized().toString());
    expect(l.t).toBe(ref.snapshots.length);
  });

  it('check lists a small box outright and certifies its least counterexample, which replays', async () => {
    const box = ['--requests', '1..2', '--prefill', '1..2', '--decode', '1..2', '--arrival-max', '1', '--serving-max-denominator', '1', '--M', '1..4', '--B', '1..2', '--d0', '0..1', '--d1', '0..1'];
    const r = await cli(['check', 'lifo-victim-strict', '--json', ...box]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out);
    expect(report.certification).toMatchObject({ certified: true, when: 'listed', invariances: [] });
    expect(report.counterexample.certifiedMinimal).toBe(true);
    expect(report.certification.decided).toBe(report.certification.inScope);
    const replay = await cli(['replay', JSON.stringify(report.counterexample)]);
    expect(replay.code).toBe(1);
    expect(replay.out).toMatch(/CONFIRMED/);
    const text = await cli(['check', 'lifo-victim-strict', ...box]);
    expect(text.out).toMatch(/certify: +CERTIFIED MINIMAL/);
  });

  it('bad serving flags are one-line input errors (exit 2)', async () => {
    const r = await cli(['check', 'conservation', '--M', '0..4', '--no-certify']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^error: --M must be ≥ 1/);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  it('sweep --workers 2 of a small serving grid', async () => {
    const dir = tmp();
    const config = join(dir, 'serving.json5');
    // 2 M × 1 B × 1 d0 × 1 d1 × 3 workloads = 6 cells.
    writeFileSync(
      config,
      `{ name: "serving-e2e", family: "serving", conjectures: ["swapped-priority", "memory-bound", "fluid-limit"],
         grid: { M: [2, 3], B: 1, d0: 0, d1: 1, steps: 40,
                 workload: [ { requests: [[0, 1, 2], [0, 1, 1]] }, [[0, 1, 1], [0, 1, 1]], { csv: "data/serving/requests-sample.csv" } ] } }`,
    );
    const out = join(dir, 'out');
    const r = await cli(['sweep', config, '--workers', '2', '--out', out, '--no-corpus', '--json']);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(r.code).toBe(1);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.config.family).toBe('serving');
    expect(summary.grid.cells).toBe(6);
    // Refuted: HAND_SWAPPED is the cell (M = 2, first two-request workload of total length 5).
    expect(summary.conjectures['swapped-priority'].status).toBe('refuted');
    const minimal = summary.conjectures['swapped-priority'].minimal;
    expect(serving.compare(candidateOf(minimal), candidateOf(HAND_SWAPPED))).toBeLessThanOrEqual(0);
    // fluid-limit is undecided by design, never verified.
    expect(summary.conjectures['fluid-limit'].status).not.toBe('verified');
    expect(readFileSync(join(out, 'counterexamples/swapped-priority/index.html'), 'utf8')).toContain('<svg');
  });

  it('gate with a claims file, and the vitest API', async () => {
    const dir = tmp();
    const claims = join(dir, 'claims.json5');
    // memory-bound by hand on one (0, 1, 1) with M ∈ {2, 3}: admitted (G = 1), G + |R| = 2 ≤ M at its only batch.
    writeFileSync(
      claims,
      `{ claims: [
        { conjecture: "memory-bound", domain: { M: [2, 3], B: 1, d0: 1, d1: 0, workload: [[[0, 1, 1]]], steps: 5 }, expect: "holds", maxVacuousShare: 1 },
        { conjecture: "swapped-priority", domain: { M: 2, B: 1, d0: 0, d1: 1, workload: [{ requests: [[0, 1, 2], [0, 1, 1]] }], steps: 5 }, expect: "refuted" },
      ] }`,
    );
    const r = await cli(['gate', claims, '--out', join(dir, 'gate'), '--corpus', join(dir, 'corpus')]);
    expect(r.err).not.toMatch(/error/);
    expect(r.err).toMatch(/ok {3}memory-bound holds/);
    expect(r.code).toBe(0);
    // lifo-victim-strict fails on two (0, 1, 1) with M = 3 (by hand, above), so the claim "holds" is not met.
    const result = await checkClaim('strict lifo', { conjecture: 'lifo-victim-strict', domain: { M: 3, B: 1, d0: 0, d1: 1, workload: [[[0, 1, 1], [0, 1, 1]]], steps: 5 }, expect: 'holds' }, { outDir: join(dir, 'vitest') });
    expect(result.met).toBe(false);
    expect(result.minimal).toMatchObject({ params: { M: 3 }, t: 0, witness: { victim: 0 } });
  });
});
