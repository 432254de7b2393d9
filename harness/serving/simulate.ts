import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RunChecker, type RunVerdict } from '../../conjectures/serving/evaluate.js';
import { SERVING_RUN_CONJECTURES } from '../../conjectures/serving/registry.js';
import { summarise, type WorkloadSummary } from '../../conjectures/serving/types.js';
import { InputError } from '../../models/errors.js';
import type { EndEvent } from '../../models/serving/events.js';
import { formatLengthDistribution, generateRequests, type GeneratorSpec } from '../../models/serving/generator.js';
import { MetricsFold, type ServingMetrics } from '../../models/serving/metrics.js';
import { encodeServingParams, type ServingParams } from '../../models/serving/params.js';
import { formatRequestLine, REQUEST_HEADER, sortRequests, type Request } from '../../models/serving/request.js';
import { seededRng } from '../../models/serving/rng.js';
import { simulate } from '../../models/serving/simulator.js';
import { FileWriter, readRequestsCsv, scanRequestsCsv } from './csv-io.js';
import { OutputWriters } from './outputs.js';
import { simulatePage } from './page.js';
import { ChartSampler } from './sampler.js';

export type WorkloadSource = { readonly kind: 'csv'; readonly path: string } | { readonly kind: 'generate'; readonly spec: GeneratorSpec; readonly seed: number };

export interface SimulateOptions {
  readonly params: ServingParams;
  readonly source: WorkloadSource;
  readonly outDir: string;
  /** Write index.html (default true). */
  readonly page?: boolean;
  /** Wall clock in ms (injected). */
  readonly now?: () => number;
}

export interface SimulateResult {
  readonly metrics: ServingMetrics;
  readonly verdicts: readonly RunVerdict[];
  readonly files: readonly string[];
  readonly elapsedMs: number | null;
}

/** The workload as a re-iterable source in (arrival, id) order, and its summary (a first streaming pass). */
function prepare(source: WorkloadSource, outDir: string): { requests: () => Iterable<Request>; summary: WorkloadSummary } {
  if (source.kind === 'csv') {
    const scan = scanRequestsCsv(source.path);
    if (scan.sorted) return { requests: () => readRequestsCsv(source.path), summary: scan };
    // Out of order: hold the requests (not their runs) in memory, sorted into `pending` order.
    const all = sortRequests([...readRequestsCsv(source.path)]);
    return { requests: () => all, summary: scan };
  }
  const gen = () => generateRequests(source.spec, seededRng(source.seed));
  // Keep the generated workload next to the outputs, so the run can be replayed from a CSV.
  const w = new FileWriter(join(outDir, 'requests.csv'));
  w.line(REQUEST_HEADER);
  for (const r of gen()) w.line(formatRequestLine(r));
  w.close();
  return { requests: gen, summary: summarise(gen()) };
}

/** `conjecture serving simulate`: the four CSVs (§B.5), metrics.json (§B.6) and index.html. */
export async function runSimulate(o: SimulateOptions): Promise<SimulateResult> {
  try {
    mkdirSync(o.outDir, { recursive: true });
  } catch (error) {
    throw new InputError('BAD_OUTPUT', `cannot create --out ${o.outDir}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const started = o.now?.() ?? null;
  const { requests, summary } = prepare(o.source, o.outDir);
  const writers = new OutputWriters(o.outDir);
  const metrics = new MetricsFold();
  const checker = new RunChecker(SERVING_RUN_CONJECTURES, { params: o.params, workload: summary });
  const sampler = new ChartSampler();
  let end: EndEvent | null = null;
  try {
    for (const e of simulate(o.params, requests())) {
      if (e.kind === 'end') end = e;
      else {
        writers.event(e);
        metrics.onEvent(e);
        sampler.onEvent(e);
      }
      checker.event(e);
    }
  } finally {
    writers.close();
  }
  const m = metrics.finish(end!);
  const verdicts = checker.result();
  const elapsedMs = started === null ? null : o.now!() - started;
  const source =
    o.source.kind === 'csv'
      ? { kind: 'csv', path: o.source.path }
      : { kind: 'generate', seed: o.source.seed, arrivals: o.source.spec.arrivals, rate: o.source.spec.rate.toString(), grid: o.source.spec.grid, prefill: formatLengthDistribution(o.source.spec.prefill), decode: formatLengthDistribution(o.source.spec.decode), count: o.source.spec.count ?? null, horizon: o.source.spec.horizon?.toString() ?? null };
  const json = {
    params: encodeServingParams(o.params),
    source,
    metrics: m,
    conjectures: verdicts.map((v) => ({ id: v.id, status: v.status, checked: v.checked, fails: v.fails, outcome: v.outcome })),
  };
  writeFileSync(join(o.outDir, 'metrics.json'), JSON.stringify(json, null, 2) + '\n');
  const files = ['batch_snapshots.csv', 'request_traces.csv', 'memory_events.csv', 'queue_timeline.csv', 'metrics.json'];
  if (o.source.kind === 'generate') files.unshift('requests.csv');
  if (o.page !== false) {
    const summaryRows: [string, string][] = [
      ['M, B', `${o.params.M}, ${o.params.B}`],
      ['d0, d1', `${o.params.d0}, ${o.params.d1}`],
      ['requests', String(m.requests)],
      ['completed', String(m.completed)],
      ['stalled', String(m.stalled)],
      ['batches', String(m.batches)],
      ['total time T', m.totalTime.toString()],
      ['mean delay', m.meanDelay?.toString() ?? 'n/a'],
      ['max delay', m.maxDelay?.toString() ?? 'n/a'],
      ['swapped out / in', `${m.swappedOut} / ${m.swappedIn}`],
      ['utilisation (mean over batches)', m.utilizationMean?.toString() ?? 'n/a'],
    ];
    writeFileSync(join(o.outDir, 'index.html'), await simulatePage({ title: 'Serving simulation (seed 004, swap + aggressive)', summary: summaryRows, sampler, verdicts }));
    files.push('index.html');
  }
  return { metrics: m, verdicts, files, elapsedMs };
}
