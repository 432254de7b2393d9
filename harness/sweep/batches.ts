/** A contiguous run of cells (grid) or samples (random part): the unit of work, checkpointing and sharding. */
export interface Batch {
  /** Position in the sweep's batch list (grid batches first, then random ones). */
  readonly id: number;
  readonly kind: 'grid' | 'random';
  readonly start: number;
  readonly end: number;
}

export const BATCH_SIZE = 16;

/**
 * The batches of a sweep, lazily (memory does not grow with the grid): grid
 * batches first, then random ones. A shard I/N (1-based) owns the batches
 * with id ≡ I−1 (mod N).
 */
export function* planBatches(gridSize: number, randomRuns: number, shard: { index: number; count: number }): Generator<Batch> {
  const gridBatches = Math.ceil(gridSize / BATCH_SIZE);
  const total = gridBatches + Math.ceil(randomRuns / BATCH_SIZE);
  for (let id = shard.index - 1; id < total; id += shard.count) {
    if (id < gridBatches) yield { id, kind: 'grid', start: id * BATCH_SIZE, end: Math.min(gridSize, (id + 1) * BATCH_SIZE) };
    else {
      const start = (id - gridBatches) * BATCH_SIZE;
      yield { id, kind: 'random', start, end: Math.min(randomRuns, start + BATCH_SIZE) };
    }
  }
}

/** How many batches a shard owns. */
export function shardBatchCount(gridSize: number, randomRuns: number, shard: { index: number; count: number }): number {
  const total = Math.ceil(gridSize / BATCH_SIZE) + Math.ceil(randomRuns / BATCH_SIZE);
  return total >= shard.index ? Math.floor((total - shard.index) / shard.count) + 1 : 0;
}
