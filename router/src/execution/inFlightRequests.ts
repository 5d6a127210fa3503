/**
 * Identical concurrent calls share one in-flight promise; the entry is dropped once it settles, so
 * nothing is cached beyond the life of the first call.
 */
export class InFlightRequests<T> {
  private readonly pending = new Map<string, Promise<T>>();

  run(key: string, start: () => Promise<T>): Promise<T> {
    const existing = this.pending.get(key);
    if (existing) return existing;
    const started = start().finally(() => this.pending.delete(key));
    this.pending.set(key, started);
    return started;
  }

  get size(): number {
    return this.pending.size;
  }
}
