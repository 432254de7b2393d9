import type { SimEvent } from '../../models/serving/events.js';

/**
 * Downsampled series for the charts, in bounded memory: every `stride`-th
 * item is kept; when more than 2·cap are kept, every other one is dropped and
 * the stride doubles. Swap counts between kept snapshots are accumulated.
 */
export class Downsampler<T> {
  private items: T[] = [];
  private stride = 1;
  private seen = 0;
  constructor(private readonly cap = 1000) {}
  push(make: () => T): void {
    if (this.seen++ % this.stride !== 0) return;
    this.items.push(make());
    if (this.items.length > 2 * this.cap) {
      this.items = this.items.filter((_, i) => i % 2 === 0);
      this.stride *= 2;
    }
  }
  values(): T[] {
    return this.items;
  }
  get total(): number {
    return this.seen;
  }
}

export interface SeriesPoint {
  t: number;
  waiting: number;
  running: number;
  swapped: number;
  G: number;
  tokens: number;
}
export interface SwapPoint {
  t: number;
  kind: 'swap_out' | 'swap_in';
  id: number;
}
export interface DelayPoint {
  arrival: number;
  delay: number;
  id: number;
}

export class ChartSampler {
  readonly series = new Downsampler<SeriesPoint>();
  readonly swaps = new Downsampler<SwapPoint>();
  readonly delays = new Downsampler<DelayPoint>();

  onEvent(e: SimEvent): void {
    if (e.kind === 'snapshot') {
      this.series.push(() => ({ t: e.time.toNumber(), waiting: e.waiting, running: e.running, swapped: e.swapped, G: e.G, tokens: e.batchTokens }));
    } else if (e.kind === 'memory' && (e.type === 'swap_out' || e.type === 'swap_in')) {
      const kind = e.type;
      this.swaps.push(() => ({ t: e.time.toNumber(), kind, id: e.request.id }));
    } else if (e.kind === 'complete') {
      this.delays.push(() => ({ arrival: e.trace.request.arrival.toNumber(), delay: e.trace.totalDelay.toNumber(), id: e.trace.request.id }));
    }
  }
}
