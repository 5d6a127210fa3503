import { describe, expect, it } from "vitest";
import { SharedUpstreams, SlowSubscriberError } from "../src/subscriptions/sharedUpstreams.ts";

/** An upstream we push into by hand, counting how often it was opened and whether it was closed. */
function manualUpstream() {
  const state = { opened: 0, closed: false, push: (_: number) => {}, end: () => {} };
  const open = (): AsyncIterable<number> => {
    state.opened++;
    const queue: number[] = [];
    let wake: (() => void) | null = null;
    let ended = false;
    state.push = (n) => {
      queue.push(n);
      wake?.();
    };
    state.end = () => {
      ended = true;
      wake?.();
    };
    return {
      [Symbol.asyncIterator]: () => ({
        next: async () => {
          while (queue.length === 0 && !ended && !state.closed) await new Promise<void>((r) => (wake = r));
          const value = queue.shift();
          return value === undefined ? { done: true, value: undefined } : { done: false, value };
        },
        return: async () => {
          state.closed = true;
          wake?.();
          return { done: true, value: undefined };
        },
      }),
    };
  };
  return { state, open: () => open()[Symbol.asyncIterator]() };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("SharedUpstreams", () => {
  it("opens one upstream for identical subscriptions and closes it when the last leaves", async () => {
    const shared = new SharedUpstreams<number>();
    const { state, open } = manualUpstream();
    const a = shared.subscribe("k", open);
    const b = shared.subscribe("k", open);
    const firstA = a.next();
    const firstB = b.next();
    await tick();
    state.push(1);
    expect(await firstA).toEqual({ done: false, value: 1 });
    expect(await firstB).toEqual({ done: false, value: 1 });
    expect(state.opened).toBe(1);

    await a.return?.();
    expect(state.closed).toBe(false);
    await b.return?.();
    expect(state.closed).toBe(true);
    expect(shared.size).toBe(0);
  });

  it("cuts off a subscriber that falls behind while the others keep receiving", async () => {
    const shared = new SharedUpstreams<number>({ maxQueuedEvents: 3 });
    const { state, open } = manualUpstream();
    const slow = shared.subscribe("k", open);
    const fast = shared.subscribe("k", open);
    const slowFirst = slow.next();
    const received: number[] = [];
    const reading = (async () => {
      for await (const n of fast) {
        received.push(n);
        if (n === 10) break;
      }
    })();
    await tick();
    for (let n = 1; n <= 10; n++) {
      state.push(n);
      await tick();
    }
    await reading;
    expect(received).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(await slowFirst).toEqual({ done: false, value: 1 });
    await expect(slow.next()).rejects.toBeInstanceOf(SlowSubscriberError);
  });

  it("ends every subscriber when the upstream ends", async () => {
    const shared = new SharedUpstreams<number>();
    const { state, open } = manualUpstream();
    const a = shared.subscribe("k", open);
    const next = a.next();
    await tick();
    state.end();
    expect(await next).toEqual({ done: true, value: undefined });
  });
});
