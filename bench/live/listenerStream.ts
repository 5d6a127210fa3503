/**
 * The bare servers' event source: every live subscriber has its own queue; `emit` pushes to all of them.
 * A stream is a hand-written iterator, not an async generator: `return()` (the client left) must remove
 * its listener at once, while an async generator parked at an `await` would only run its `finally` at the
 * next event.
 */
export function listenerStreams<E, F extends string>(field: F) {
  type Value = { [K in F]: E };
  const listeners = new Set<(event: E) => void>();
  const emit = (event: E): void => {
    for (const listener of listeners) listener(event);
  };
  const subscribe = (): AsyncIterableIterator<Value> => {
    const queue: E[] = [];
    let wake: ((result: IteratorResult<Value>) => void) | null = null;
    const done = (): IteratorResult<Value> => ({ done: true, value: undefined });
    const wrap = (event: E) => ({ [field]: event }) as Value;
    const listener = (event: E) => {
      if (!wake) return void queue.push(event);
      const resolve = wake;
      wake = null;
      resolve({ done: false, value: wrap(event) });
    };
    listeners.add(listener);
    const iterator: AsyncIterableIterator<Value> = {
      next: () => {
        if (queue.length > 0) return Promise.resolve({ done: false, value: wrap(queue.shift() as E) });
        if (!listeners.has(listener)) return Promise.resolve(done());
        return new Promise((resolve) => {
          wake = resolve;
        });
      },
      return: () => {
        listeners.delete(listener);
        queue.length = 0;
        wake?.(done());
        wake = null;
        return Promise.resolve(done());
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  };
  return { emit, subscribe };
}
