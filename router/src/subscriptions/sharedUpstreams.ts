/** Thrown into a subscriber's stream when it fell too far behind; the socket is closed with 4008. */
export class SlowSubscriberError extends Error {
  constructor(
    readonly limit: number,
    unit = "events behind",
  ) {
    super(`Subscriber fell ${limit} ${unit}; reconnect and catch up.`);
    this.name = "SlowSubscriberError";
  }
}

interface Subscriber<T> {
  queue: T[];
  wake: (() => void) | null;
  failure: Error | null;
  done: boolean;
}

interface Group<T> {
  subscribers: Set<Subscriber<T>>;
  stop: () => void;
}

export interface SharedUpstreamsOptions {
  /** Events a subscriber may have waiting before it is cut off (default 100). */
  maxQueuedEvents?: number;
}

/**
 * Identical upstream subscriptions share one upstream stream: the first subscriber for a key opens it,
 * every event is handed to each subscriber's own bounded queue, and the last one to leave closes it.
 * A subscriber whose queue is full is cut off, so one slow client never grows the router's memory.
 */
export class SharedUpstreams<T> {
  private readonly groups = new Map<string, Group<T>>();
  private readonly maxQueued: number;

  constructor(options: SharedUpstreamsOptions = {}) {
    this.maxQueued = options.maxQueuedEvents ?? 100;
  }

  /** How many upstream streams are open (for tests and metrics). */
  get size(): number {
    return this.groups.size;
  }

  subscribe(key: string, open: () => AsyncIterator<T>): AsyncIterableIterator<T> {
    const subscriber: Subscriber<T> = { queue: [], wake: null, failure: null, done: false };
    const group = this.groups.get(key) ?? this.openGroup(key, open);
    group.subscribers.add(subscriber);
    return this.stream(key, group, subscriber);
  }

  private openGroup(key: string, open: () => AsyncIterator<T>): Group<T> {
    const iterator = open();
    const group: Group<T> = { subscribers: new Set(), stop: () => void iterator.return?.() };
    this.groups.set(key, group);
    const finish = (failure: Error | null) => {
      if (this.groups.get(key) === group) this.groups.delete(key);
      for (const subscriber of group.subscribers) {
        subscriber.done = true;
        subscriber.failure ??= failure;
        subscriber.wake?.();
      }
    };
    void (async () => {
      try {
        for (;;) {
          const next = await iterator.next();
          if (next.done) break;
          for (const subscriber of group.subscribers) this.deliver(subscriber, next.value);
        }
        finish(null);
      } catch (error) {
        finish(error instanceof Error ? error : new Error(String(error)));
      }
    })();
    return group;
  }

  private deliver(subscriber: Subscriber<T>, event: T): void {
    if (subscriber.done) return;
    if (subscriber.queue.length >= this.maxQueued) {
      subscriber.failure = new SlowSubscriberError(this.maxQueued);
      subscriber.done = true;
      subscriber.queue.length = 0;
    } else {
      subscriber.queue.push(event);
    }
    subscriber.wake?.();
  }

  /**
   * A hand-written iterator rather than an async generator: a generator parked at an `await` only runs
   * `return()` once its next event arrives, so a client that leaves during a quiet spell would keep its
   * upstream open. Here `return()` takes effect at once and ends a pending `next()`.
   */
  private stream(key: string, group: Group<T>, subscriber: Subscriber<T>): AsyncIterableIterator<T> {
    const leave = () => {
      subscriber.done = true;
      subscriber.queue.length = 0;
      subscriber.wake?.();
      group.subscribers.delete(subscriber);
      if (group.subscribers.size === 0 && this.groups.get(key) === group) {
        this.groups.delete(key);
        group.stop();
      }
    };
    const iterator: AsyncIterableIterator<T> = {
      next: async () => {
        for (;;) {
          const event = subscriber.queue.shift();
          if (event !== undefined) return { done: false, value: event };
          if (subscriber.failure) {
            const failure = subscriber.failure;
            leave();
            throw failure;
          }
          if (subscriber.done) {
            leave();
            return { done: true, value: undefined };
          }
          await new Promise<void>((resolve) => {
            subscriber.wake = resolve;
          });
          subscriber.wake = null;
        }
      },
      return: async () => {
        leave();
        return { done: true, value: undefined };
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }
}
