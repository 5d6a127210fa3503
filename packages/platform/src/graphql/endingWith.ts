/**
 * `source`, running `cleanup` once when it ends: drained, returned (the client left) or thrown into.
 * For a subscription that holds something outside itself (a presence, a lease) for its lifetime.
 */
export function endingWith<T>(
  source: AsyncIterableIterator<T>,
  cleanup: () => Promise<void> | void,
): AsyncIterableIterator<T> {
  let ended = false;
  const end = async () => {
    if (ended) return;
    ended = true;
    await cleanup();
  };
  const iterator: AsyncIterableIterator<T> = {
    next: async () => {
      const result = await source.next();
      if (result.done) await end();
      return result;
    },
    return: async (value?: unknown) => {
      try {
        return (await source.return?.(value)) ?? { done: true, value: undefined };
      } finally {
        await end();
      }
    },
    throw: async (error?: unknown) => {
      try {
        if (source.throw) return await source.throw(error);
        throw error;
      } finally {
        await end();
      }
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}
