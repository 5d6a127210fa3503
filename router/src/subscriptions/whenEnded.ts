/**
 * The same stream, calling `ended` once when it finishes, fails, or its consumer returns it, and `yielded`
 * for every value it passes on.
 */
export function whenEnded<T>(
  stream: AsyncIterableIterator<T>,
  ended: () => void,
  yielded: () => void = () => {},
): AsyncIterableIterator<T> {
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    ended();
  };
  const iterator: AsyncIterableIterator<T> = {
    next: async () => {
      try {
        const result = await stream.next();
        if (result.done) finish();
        else yielded();
        return result;
      } catch (error) {
        finish();
        throw error;
      }
    },
    return: async (value?: unknown) => {
      finish();
      return stream.return ? stream.return(value) : { done: true, value: undefined };
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}
