/**
 * A subscription's source: queued items first, then live ones that `accept` keeps (none when `live` is
 * null: the stream ends after the queue); `return()` ends the live subscription at once.
 */
export function replayThenLive<T>(
  queued: readonly T[],
  live: AsyncIterableIterator<unknown> | null,
  accept: (message: unknown) => T | null,
): AsyncIterableIterator<T> {
  const pending = [...queued];
  const done = (): IteratorResult<T> => ({ done: true, value: undefined });
  const iterator: AsyncIterableIterator<T> = {
    next: async () => {
      const first = pending.shift();
      if (first !== undefined) return { done: false, value: first };
      if (!live) return done();
      for (;;) {
        const result = await live.next();
        if (result.done) return done();
        const value = accept(result.value);
        if (value !== null) return { done: false, value };
      }
    },
    return: async () => {
      pending.length = 0;
      await live?.return?.();
      return done();
    },
    throw: async (error) => {
      await live?.return?.();
      throw error;
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}
