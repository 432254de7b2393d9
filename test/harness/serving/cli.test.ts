import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../harness/cli/main.js';
import { benchServing, floatLoop, BENCH_PARAMS } from '../../../harness/serving/bench.js';
import { parseRequestsCsv } from '../../../models/serving/request.js';
import { collectRun } from '../../../models/serving/simulator.js';
import { captureIO } from '../../support/capture-io.js';

async function cli(...argv: string[]) {
  const c = captureIO();
  const code = await runCli(argv, c.io);
  return { code, out: c.stdout(), err: c.stderr() };
}
const tmp = () => mkdtempSync(join(tmpdir(), 'serving-'));
const PARAMS = ['--M', '6', '--B', '100', '--d0', '1', '--d1', '0'];

describe('conjecture serving simulate', () => {
  it('writes the four CSVs exactly (§B.5), metrics.json and an offline page', async () => {
    const dir = tmp();
    const csv = join(dir, 'in.csv');
    writeFileSync(csv, 'arrival_time, prefill_length, decode_length\n0, 2, 3\n0, 2, 3\n');
    const { code, out } = await cli('serving', 'simulate', csv, ...PARAMS, '--out', join(dir, 'out'));
    expect(code).toBe(0);
    expect(out).toMatch(/2\/2 requests completed in 5 batches/);
    const read = (f: string) => readFileSync(join(dir, 'out', f), 'utf8').trim().split('\n');
    expect(read('batch_snapshots.csv')).toEqual([
      'time,batch_id,batch_count,batch_tokens,running_count,waiting_count,swapped_count,gpu_memory_used,memory_utilization,batch_duration,completed_count,batch_sacrifice_count',
      '0,0,2,6,2,0,0,4,2/3,1,0,0',
      '1,1,1,4,1,0,1,3,1/2,1,0,0',
      '2,2,1,5,1,0,1,4,2/3,1,0,0',
      '3,3,1,4,1,0,0,3,1/2,1,1,0',
      '4,4,1,5,1,0,0,4,2/3,1,1,0',
    ]);
    expect(read('request_traces.csv').slice(1)).toEqual(['1,0,2,3,3,3,0,3,0,0,0', '0,0,2,3,5,5,0,5,1,2,0']);
    expect(read('memory_events.csv')).toContain('1,1,swap_out,0,1,-3,3');
    expect(read('queue_timeline.csv').slice(1, 4)).toEqual(['0,0,running,"[0, 1]"', '1,1,running,"[1]"', '1,1,swapped,"[0]"']);
    const metrics = JSON.parse(readFileSync(join(dir, 'out', 'metrics.json'), 'utf8'));
    expect(metrics.metrics).toMatchObject({ totalTime: '5', batches: 5, completed: 2, stalled: false, swappedOut: 1, swappedIn: 1, meanDelay: '4' });
    expect(metrics.metrics.little).toMatchObject({ integralL: '8', sumDelays: '8' });
    const html = readFileSync(join(dir, 'out', 'index.html'), 'utf8');
    expect(html).toContain('data-chart="queues"');
    expect(html).toContain('data-chart="swaps"');
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
  });

  it('--generate writes a requests.csv that replays to the same run', async () => {
    const dir = tmp();
    const gen = ['--generate', '--count', '40', '--rate', '1/2', '--prefill', '2:1,4:1', '--decode', '3', '--seed', '7'];
    const a = await cli('serving', 'simulate', ...gen, ...PARAMS, '--M', '12', '--out', join(dir, 'a'), '--json', '--no-page');
    expect(a.code).toBe(0);
    const b = await cli('serving', 'simulate', join(dir, 'a', 'requests.csv'), ...PARAMS, '--M', '12', '--out', join(dir, 'b'), '--json', '--no-page');
    expect(JSON.parse(b.out).metrics).toEqual(JSON.parse(a.out).metrics);
    expect(readFileSync(join(dir, 'b', 'batch_snapshots.csv'), 'utf8')).toBe(readFileSync(join(dir, 'a', 'batch_snapshots.csv'), 'utf8'));
  });

  it('reads an unsorted CSV in (arrival, id) order', async () => {
    const dir = tmp();
    const csv = join(dir, 'in.csv');
    writeFileSync(csv, 'arrival_time,prefill_length,decode_length\n3,1,1\n0,1,1\n');
    const { code } = await cli('serving', 'simulate', csv, ...PARAMS, '--out', join(dir, 'o'), '--no-page');
    expect(code).toBe(0);
    const expected = collectRun({ M: 6, B: 100, d0: parseRequestsCsv('arrival_time,prefill_length,decode_length\n1,1,1\n')[0].arrival, d1: parseRequestsCsv('arrival_time,prefill_length,decode_length\n0,1,1\n')[0].arrival }, parseRequestsCsv(readFileSync(csv, 'utf8')));
    expect(readFileSync(join(dir, 'o', 'request_traces.csv'), 'utf8').trim().split('\n')).toHaveLength(1 + expected.events.filter((e) => e.kind === 'complete').length);
  });

  it.each([
    [['serving', 'simulate', '/nonexistent.csv', ...PARAMS, '--out', '/tmp/x'], /^error: cannot read \/nonexistent.csv/],
    [['serving', 'simulate', 'BAD', '--M', '0', '--B', '1', '--d0', '1', '--d1', '0', '--out', '/tmp/x'], /^error: serving parameter M must be an integer ≥ 1 \(got "0"\)/],
    [['serving', 'simulate', 'BAD', '--M', '1', '--B', '1', '--d0', '0', '--d1', '0', '--out', '/tmp/x'], /d0 \+ d1 > 0/],
    [['serving', 'simulate', ...PARAMS, '--out', '/tmp/x'], /a requests CSV is required/],
    [['serving', 'simulate', '--generate', ...PARAMS, '--out', '/tmp/x', '--count', '3'], /--rate is required/],
    [['serving', 'simulate', 'x.csv', '--M', '1', '--B', '1', '--d0', '1', '--out', '/tmp/x'], /--d1/],
    [['serving', 'fluid-limit', ...PARAMS, '--out', '/tmp/x', '--rate', '1', '--prefill', '2', '--decode', '0'], /--decode: every length must be an integer ≥ 1/],
  ])('bad input %j exits 2 with one error line, no stack', async (argv, message) => {
    const { code, err } = await cli(...argv);
    expect(code).toBe(2);
    expect(err).toMatch(message);
    // One error line; usage errors add main.ts's usual hint "(add --help for usage)".
    expect(err.trim().split('\n').filter((l) => l !== '(add --help for usage)')).toHaveLength(1);
    expect(err).not.toMatch(/\n\s+at /);
  });

  it('a malformed CSV line exits 2 naming the file, line and column', async () => {
    const dir = tmp();
    const csv = join(dir, 'in.csv');
    writeFileSync(csv, 'arrival_time,prefill_length,decode_length\n0,1,1\n0.5,x,1\n');
    const { code, err } = await cli('serving', 'simulate', csv, ...PARAMS, '--out', join(dir, 'o'));
    expect(code).toBe(2);
    expect(err).toBe(`error: ${csv} line 3, column 5: prefill_length must be an integer ≥ 1, got "x"\n`);
  });
});

describe('conjecture serving fluid-limit', () => {
  it('reports a distance per n for both scalings, with a verdict that follows from them', async () => {
    const dir = tmp();
    const { code, out } = await cli('serving', 'fluid-limit', '--M', '200', '--B', '400', '--d0', '1/2', '--d1', '1/200', '--rate', '2', '--prefill', '3:1,5:1', '--decode', '4', '--scales', '1,4,16', '--horizon', '40', '--out', dir, '--json');
    expect(code).toBe(0);
    const r = JSON.parse(out);
    expect(r.results.map((s: { scaling: string }) => s.scaling)).toEqual(['c4', 'lambda']);
    for (const s of r.results) {
      expect(s.distances).toHaveLength(3);
      const decreasing = s.distances.every((d: number, i: number) => i === 0 || d < s.distances[i - 1]);
      expect(s.decreasing).toBe(decreasing);
      expect(s.verdict.startsWith(decreasing ? 'D_n decreases' : 'D_n does not decrease')).toBe(true);
    }
    const json = JSON.parse(readFileSync(join(dir, 'fluid-limit.json'), 'utf8'));
    expect(json.results[0].conjecture.status).toBe('undecided');
    expect(readFileSync(join(dir, 'index.html'), 'utf8')).toContain('data-chart="distances"');
  });
});

describe('serving bench', () => {
  it('the float64 loop runs the same rules (same batch count on an integer-time workload)', () => {
    const rs = parseRequestsCsv('arrival_time,prefill_length,decode_length\n0,2,3\n0,2,3\n1,1,2\n4,3,1\n');
    const exact = collectRun({ ...BENCH_PARAMS, M: 6 }, rs).end.batches;
    expect(floatLoop({ ...BENCH_PARAMS, M: 6 }, rs)).toBe(exact);
  });
  it('returns both throughputs and their ratio', () => {
    let clock = 0;
    const r = benchServing({ now: () => (clock += 10), minSeconds: 0.001, spec: { arrivals: 'deterministic', rate: BENCH_PARAMS.d0, grid: 1, prefill: { values: [2], weights: [1] }, decode: { values: [2], weights: [1] }, count: 5 } });
    expect(r.requests).toBe(5);
    expect(r.ratio).toBeCloseTo(r.floatBatchesPerSecond / r.exactBatchesPerSecond, 9);
  });
});
