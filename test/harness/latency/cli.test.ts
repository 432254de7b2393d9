import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runLatencyCli } from '../../../harness/cli/commands/latency.js';
import { parseStepsCsv } from '../../../harness/latency/csv.js';
import { captureIO } from '../../support/capture-io.js';

async function cli(...argv: string[]) {
  const c = captureIO();
  const code = await runLatencyCli(['latency', ...argv], c.io);
  return { code, out: c.stdout(), err: c.stderr() };
}
const oneLine = (text: string) => {
  expect(text.trim().split('\n')).toHaveLength(1);
  expect(text).not.toMatch(/\n\s+at /);
};
const THETA = 'data/latency/theta-sample.json';

describe('latency CLI error paths: exit 2, one line', () => {
  it.each([
    ['a missing CSV', ['fit', 'no/such/file.csv']],
    ['a CSV without a T column', ['fit', 'HEADER_ONLY']],
    ['too few rows', ['fit', 'FEW_ROWS']],
    ['an invalid θ', ['sla', '--theta', '{"Pmax":"0","kB":1,"kS":1,"w0":0,"w1":1,"tau0":0,"tauB":0,"tauS":0}', '--B', '2', '--target', '10']],
    ['a bad B', ['sla', '--theta', THETA, '--B', 'x', '--target', '10']],
    ['a bad target', ['sla', '--theta', THETA, '--B', '2', '--target', '-3']],
    ['a bad loss', ['fit', 'data/latency/sample-steps.csv', '--loss', 'cauchy']],
    ['--cv-min without --cv-window', ['fit', 'data/latency/sample-steps.csv', '--cv-min', '30']],
  ])('%s', async (_, argv) => {
    const dir = mkdtempSync(join(tmpdir(), 'latency-cli-'));
    const args = argv.map((a) => {
      if (a === 'HEADER_ONLY') return (writeFileSync(join(dir, 'h.csv'), 'batch_size,seq_len\n1,2\n'), join(dir, 'h.csv'));
      if (a === 'FEW_ROWS') return (writeFileSync(join(dir, 'f.csv'), 'B,S,T\n1,2,3\n2,4,5\n'), join(dir, 'f.csv'));
      return a;
    });
    const r = await cli(...args);
    expect(r.code).toBe(2);
    oneLine(r.err);
  });
  it('an invalid θ names the parameter, the rule and the value', async () => {
    const r = await cli('sla', '--theta', '{"Pmax":"0","kB":1,"kS":1,"w0":0,"w1":1,"tau0":0,"tauB":0,"tauS":0}', '--B', '2', '--target', '10');
    expect(r.err).toBe('error: θ.Pmax must be > 0 (got 0)\n');
  });
});

describe('latency sla and fit', () => {
  it('sla --json: S*, S⁺ and the meeting set, certified', async () => {
    const r = await cli('sla', '--theta', THETA, '--B', '8', '--target', '14', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.sStar.status).toBe('certified');
    expect(j.sPlus.status).toBe('certified');
    expect(j.meeting.length).toBeGreaterThan(0);
    expect(j.sPlus.S).toBe(Math.max(...j.meeting));
    const text = await cli('sla', '--theta', THETA, '--B', '8', '--target', '14');
    expect(text.out).toMatch(/S\* = \d+/);
    expect(text.out).toMatch(/meets/);
  });
  it('fit writes fit.json (θ usable by sla) and an offline index.html with five SVG charts', async () => {
    const out = mkdtempSync(join(tmpdir(), 'latency-fit-'));
    const r = await cli('fit', 'data/latency/sample-steps.csv', '--out', out, '--loss', 'huber');
    expect(r.code).toBe(0);
    const fit = JSON.parse(readFileSync(join(out, 'fit.json'), 'utf8'));
    expect(fit.rows.kept).toBeGreaterThanOrEqual(20);
    expect(Object.keys(fit.identifiable).sort()).toEqual(['a0', 'a1', 'decodeOnly', 'kB', 'kS', 'tau0', 'tauB', 'tauS']);
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
    for (const name of ['predicted-vs-observed', 'residuals-over-time', 'residuals-vs-B', 'residuals-vs-S', 'surface']) expect(html).toContain(`data-chart="${name}"`);
    const sla = await cli('sla', '--theta', join(out, 'fit.json'), '--B', '4', '--target', '20', '--json');
    expect(sla.code).toBe(0);
  });
});

describe('CSV reading', () => {
  it('accepts tolerant header names and keeps unparsable fields as NaN', () => {
    const rows = parseStepsCsv('Batch_Size, num_tokens ,step_ms,weight\n2,10,3.5,1\n3,x,4,2\n');
    expect(rows).toEqual([{ B: 2, S: 10, T: 3.5, weight: 1 }, { B: 3, S: NaN, T: 4, weight: 2 }]);
  });
});
