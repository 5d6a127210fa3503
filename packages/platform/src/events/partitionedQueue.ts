/**
 * Work split into `partitions` by key, each partition a bounded queue drained by one worker that takes
 * everything waiting (up to `maxBatch`) at once. Items of one key stay in order; partitions run side
 * by side; a busy worker's batches grow with the load, so throughput rises without adding latency at
 * low rates.
 */
export class PartitionedQueue<T> {
  private readonly queues: T[][];
  private readonly wakeWorker: Array<(() => void) | undefined>;
  private readonly spaceWaiters: Array<Array<() => void>>;
  private readonly workers: Promise<void>[];
  private closed = false;

  constructor(
    partitions: number,
    private readonly maxBatch: number,
    private readonly process: (batch: T[]) => Promise<void>,
  ) {
    if (!Number.isInteger(partitions) || partitions < 1) {
      throw new Error(`concurrency must be a positive integer, got ${partitions}`);
    }
    if (!Number.isInteger(maxBatch) || maxBatch < 1)
      throw new Error(`batchSize must be a positive integer, got ${maxBatch}`);
    this.queues = Array.from({ length: partitions }, () => []);
    this.wakeWorker = Array.from({ length: partitions }, () => undefined);
    this.spaceWaiters = Array.from({ length: partitions }, () => []);
    this.workers = this.queues.map((_, partition) => this.work(partition));
  }

  /** Queues `item` behind earlier items of its key; waits while that partition is full. */
  async push(key: string, item: T): Promise<void> {
    const partition = hash(key) % this.queues.length;
    const queue = this.queues[partition]!;
    while (queue.length >= this.maxBatch * 2) {
      await new Promise<void>((resolve) => this.spaceWaiters[partition]!.push(resolve));
    }
    queue.push(item);
    this.wakeWorker[partition]?.();
  }

  /** Processes what is queued, then stops the workers. */
  async close(): Promise<void> {
    this.closed = true;
    for (const wake of this.wakeWorker) wake?.();
    await Promise.all(this.workers);
  }

  private async work(partition: number): Promise<void> {
    const queue = this.queues[partition]!;
    for (;;) {
      if (queue.length === 0) {
        if (this.closed) return;
        await new Promise<void>((resolve) => {
          this.wakeWorker[partition] = resolve;
        });
        this.wakeWorker[partition] = undefined;
        continue;
      }
      const batch = queue.splice(0, this.maxBatch);
      for (const resolve of this.spaceWaiters[partition]!.splice(0)) resolve();
      await this.process(batch).catch(() => undefined);
    }
  }
}

/** FNV-1a: cheap and spreads aggregate ids evenly enough over a handful of partitions. */
function hash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
