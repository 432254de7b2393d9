import type { ConjectureInfo } from '../family.js';
import type { Candidate, CounterexampleLike, FamilyPage, JsonValue } from '../family.js';
import type { MemoryEvent } from './events.js';
import type { ServingParams } from './params.js';
import type { Request } from './request.js';
import { servingViews } from './view.js';

/** Batches shown after the failing one (the run ends earlier when it finishes). */
const TAIL = 20;
const schema = 'https://vega.github.io/schema/vega-lite/v6.json';

interface Row {
  t: number;
  time: string;
  timeValue: number;
  waiting: number;
  running: number;
  swapped: number;
  completed: number;
  G: number;
  tokens: number;
  count: number;
  duration: string;
  swapOuts: number;
}

/** A line chart over the batch index with the failing batch marked and optional horizontal rules. */
function chart(title: string, subtitle: string, values: object[], yTitle: string, t: number, rules: { y: number; label: string }[] = []): JsonValue {
  return {
    $schema: schema,
    title: { text: title, subtitle },
    width: 560,
    height: 200,
    layer: [
      {
        data: { values },
        mark: { type: 'line', interpolate: 'step-after', point: values.length <= 180 },
        encoding: {
          x: { field: 't', type: 'quantitative', title: 'batch t' },
          y: { field: 'value', type: 'quantitative', title: yTitle },
          color: { field: 'series', type: 'nominal', title: null },
          tooltip: [{ field: 't' }, { field: 'series' }, { field: 'value' }],
        },
      },
      ...rules.map((r) => ({
        data: { values: [{ y: r.y, label: r.label }] },
        mark: { type: 'rule', strokeDash: [2, 2], color: '#555' },
        encoding: { y: { field: 'y', type: 'quantitative' }, tooltip: [{ field: 'label' }, { field: 'y' }] },
      })),
      { data: { values: [{ t }] }, mark: { type: 'rule', strokeDash: [4, 3], color: '#c62828' }, encoding: { x: { field: 't', type: 'quantitative' } } },
    ],
  } as JsonValue;
}

/**
 * The counterexample page of the serving family: the run up to the failing
 * batch t (and up to TAIL batches after it): queue lengths, memory G against M
 * and batch tokens against B over t; exact tables of the workload, the
 * snapshot of batch t and the events that led to it; the snapshots as CSV.
 */
export function servingPage(ce: CounterexampleLike, conjecture: ConjectureInfo, c: Candidate<ServingParams, readonly Request[]>): FamilyPage {
  const { params, init } = c;
  const steps = ce.t + TAIL;
  const rows: Row[] = [];
  let eventsAtT: MemoryEvent[] = [];
  let cyclesAtT: string[][] = [];
  let listsAtT: { waiting: number[]; running: number[]; swapped: number[] } | null = null;
  let endNote = 'the run continues past the page';
  for (const v of servingViews(params, init, steps)) {
    const swapOuts = v.events.filter((e) => e.kind === 'memory' && e.type === 'swap_out').length;
    if (v.t === ce.t) {
      eventsAtT = v.events.filter((e): e is MemoryEvent => e.kind === 'memory');
      cyclesAtT = v.events.flatMap((e) =>
        e.kind === 'cycle'
          ? [[e.time.toString(), String(e.batch), `[${e.swappedIn.join(', ')}]`, `[${e.admitted.join(', ')}]`, String(e.need), `[${e.victims.map((x) => x.id).join(', ')}]`, String(e.G), String(e.running)]]
          : [],
      );
      if (v.snapshot) listsAtT = { waiting: v.snapshot.state.waitingIds(), running: v.snapshot.state.runningIds(), swapped: v.snapshot.state.swappedIds() };
    }
    if (v.snapshot) {
      const s = v.snapshot;
      rows.push({ t: v.t, time: s.time.toString(), timeValue: s.time.toNumber(), waiting: s.waiting, running: s.running, swapped: s.swapped, completed: s.completed, G: s.G, tokens: s.batchTokens, count: s.batchCount, duration: s.duration.toString(), swapOuts });
    }
    if (v.end) endNote = `the run ends after ${v.end.batches} batches at time ${v.end.time}${v.end.stalled ? ' (STALLED)' : ''}, ${v.end.completed} of ${init.length} completed`;
  }
  const series = (f: (r: Row) => Record<string, number>) => rows.flatMap((r) => Object.entries(f(r)).map(([s, value]) => ({ t: r.t, series: s, value })));
  const at = rows.find((r) => r.t === ce.t);
  return {
    facts: [
      { label: 'parameters', value: `M = ${params.M}, B = ${params.B}, d0 = ${params.d0}, d1 = ${params.d1}` },
      { label: 'workload', value: `${init.length} request(s), Σ(p + d) = ${init.reduce((s, r) => s + r.prefill + r.decode, 0)}` },
      { label: 'failing batch', value: `t = ${ce.t}${at ? ` at time ${at.time}` : ' (the end of the run)'}` },
      { label: 'run', value: endNote },
      { label: 'conjecture', value: `${conjecture.id}: ${conjecture.statement}` },
    ],
    tables: [
      { title: 'Workload (exact)', columns: ['id', 'arrival_time', 'prefill_length', 'decode_length'], rows: init.map((r) => [String(r.id), r.arrival.toString(), String(r.prefill), String(r.decode)]) },
      ...(at && listsAtT
        ? [
            {
              title: `Snapshot of batch t = ${ce.t} (exact)`,
              columns: ['time', '|E|', 'batch tokens', 'Δ', 'G', 'M', 'W', 'R', 'Z', 'completed'],
              rows: [[at.time, String(at.count), String(at.tokens), at.duration, String(at.G), String(params.M), `[${listsAtT.waiting.join(', ')}]`, `[${listsAtT.running.join(', ')}]`, `[${listsAtT.swapped.join(', ')}]`, String(at.completed)]],
            },
          ]
        : []),
      ...(cyclesAtT.length
        ? [{ title: `Cycles (§B.4) before batch t = ${ce.t}`, columns: ['time', 'k', 'swapped in', 'admitted', 'need', 'victims', 'G after', '|R| after'], rows: cyclesAtT }]
        : []),
      ...(eventsAtT.length
        ? [{ title: `Memory events before batch t = ${ce.t}`, columns: ['time', 'k', 'event', 'req_id', 'pos', 'change', 'G after'], rows: eventsAtT.map((e) => [e.time.toString(), String(e.batch), e.type, String(e.request.id), String(e.pos), String(e.change), String(e.G)]) }]
        : []),
    ],
    charts: [
      { name: 'queues', caption: 'queue lengths |W|, |R|, |Z| and completions per batch', spec: chart('Queues over the batches', `the failing batch t = ${ce.t} is marked`, series((r) => ({ waiting: r.waiting, running: r.running, swapped: r.swapped, completed: r.completed })), 'requests', ce.t) },
      { name: 'memory', caption: 'GPU memory G and G + |R| against M', spec: chart('Memory over the batches', `M = ${params.M}`, series((r) => ({ G: r.G, 'G + |R|': r.G + r.running })), 'tokens', ce.t, [{ y: params.M, label: 'M' }]) },
      { name: 'tokens', caption: 'batch tokens Σ_E (p + pos + 1) against B', spec: chart('Batch tokens', `B = ${params.B}`, series((r) => ({ tokens: r.tokens })), 'tokens', ce.t, [{ y: params.B, label: 'B' }]) },
    ],
    csv: {
      note: `one row per batch (time as a double; exact values in the tables), M=${params.M} B=${params.B} d0=${params.d0} d1=${params.d1}`,
      columns: ['batch', 'time', 'batch_count', 'batch_tokens', 'running_count', 'waiting_count', 'swapped_count', 'gpu_memory_used', 'completed_count', 'swap_outs_before'],
      rows: rows.map((r) => [r.t, r.timeValue, r.count, r.tokens, r.running, r.waiting, r.swapped, r.G, r.completed, r.swapOuts]),
    },
    steps: rows.length,
    data: { rows: rows.map((r) => ({ t: r.t, time: r.time, duration: r.duration })) } as unknown as JsonValue,
  };
}
