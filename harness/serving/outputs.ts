import { join } from 'node:path';
import type { SimEvent } from '../../models/serving/events.js';
import { FileWriter } from './csv-io.js';

/** The four CSVs of SPEC-serving §B.5, streamed as the run goes. Numbers exact: `n` or `n/d`. */
export const OUTPUT_FILES = ['batch_snapshots.csv', 'request_traces.csv', 'memory_events.csv', 'queue_timeline.csv'] as const;

export const HEADERS = {
  'batch_snapshots.csv':
    'time,batch_id,batch_count,batch_tokens,running_count,waiting_count,swapped_count,gpu_memory_used,memory_utilization,batch_duration,completed_count,batch_sacrifice_count',
  'request_traces.csv':
    'req_id,arrival_time,prefill_length,decode_length,completion_time,total_delay,waiting_time,execution_time,swap_count,total_swapped_time,sacrifice_count',
  'memory_events.csv': 'time,batch_id,event,req_id,decode_position,memory_change,gpu_memory_after',
  'queue_timeline.csv': 'time,batch_id,queue_type,req_ids',
} as const;

/** Reduced fraction G/M as text. */
function fraction(n: number, d: number): string {
  if (n === 0) return '0';
  let a = n;
  let b = d;
  while (b) [a, b] = [b, a % b];
  return d / a === 1 ? String(n / a) : `${n / a}/${d / a}`;
}

export class OutputWriters {
  private readonly w: Record<(typeof OUTPUT_FILES)[number], FileWriter>;

  constructor(dir: string) {
    this.w = Object.fromEntries(OUTPUT_FILES.map((f) => [f, new FileWriter(join(dir, f))])) as OutputWriters['w'];
    for (const f of OUTPUT_FILES) this.w[f].line(HEADERS[f]);
  }

  event(e: SimEvent): void {
    switch (e.kind) {
      case 'snapshot': {
        this.w['batch_snapshots.csv'].line(
          [e.time, e.batch, e.batchCount, e.batchTokens, e.running, e.waiting, e.swapped, e.G, fraction(e.G, e.M), e.duration, e.completed, 0].join(','),
        );
        const q = this.w['queue_timeline.csv'];
        const lists: [string, () => number[], number][] = [
          ['waiting', e.state.waitingIds, e.waiting],
          ['running', e.state.runningIds, e.running],
          ['swapped', e.state.swappedIds, e.swapped],
        ];
        for (const [name, ids, n] of lists) if (n > 0) q.line(`${e.time},${e.batch},${name},"[${ids().join(', ')}]"`);
        return;
      }
      case 'memory':
        this.w['memory_events.csv'].line([e.time, e.batch, e.type, e.request.id, e.pos, e.change, e.G].join(','));
        return;
      case 'complete': {
        const t = e.trace;
        const r = t.request;
        this.w['request_traces.csv'].line(
          [r.id, r.arrival, r.prefill, r.decode, t.completion, t.totalDelay, t.waitingTime, t.executionTime, t.swapCount, t.totalSwappedTime, 0].join(','),
        );
        return;
      }
      default:
        return;
    }
  }

  close(): void {
    for (const f of OUTPUT_FILES) this.w[f].close();
  }
}
