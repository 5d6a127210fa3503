import { describe, expect, it } from "vitest";
import { replayThenLive } from "../../src/graphql/replayThenLive.ts";

/** A live source that yields `values`, then stays open until returned; records whether it was. */
function liveSource(values: unknown[]) {
  const state = { returned: false };
  const pending = [...values];
  const iterator: AsyncIterableIterator<unknown> = {
    next: async () =>
      state.returned || pending.length === 0
        ? { done: true, value: undefined }
        : { done: false, value: pending.shift() },
    return: async () => {
      state.returned = true;
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return { iterator, state };
}

const keepNumbers = (message: unknown) => (typeof message === "number" ? message * 10 : null);

describe("replayThenLive", () => {
  it("yields the queue first, then the live items `accept` keeps (mapped)", async () => {
    const live = liveSource([1, "skip", 2]);
    const seen: number[] = [];
    for await (const value of replayThenLive([7, 8], live.iterator, keepNumbers)) seen.push(value);
    expect(seen).toEqual([7, 8, 10, 20]);
  });

  it("ends after the queue when there is no live source", async () => {
    const seen: number[] = [];
    for await (const value of replayThenLive([1, 2], null, keepNumbers)) seen.push(value);
    expect(seen).toEqual([1, 2]);
  });

  it("return() drops the rest of the queue and ends the live subscription", async () => {
    const live = liveSource([1]);
    const stream = replayThenLive([7, 8], live.iterator, keepNumbers);
    expect(await stream.next()).toEqual({ done: false, value: 7 });
    expect(await stream.return?.()).toEqual({ done: true, value: undefined });
    expect(live.state.returned).toBe(true);
    expect(await stream.next()).toEqual({ done: true, value: undefined });
  });

  it("throw() ends the live subscription and rethrows", async () => {
    const live = liveSource([1]);
    const stream = replayThenLive([], live.iterator, keepNumbers);
    await expect(stream.throw?.(new Error("stop"))).rejects.toThrow("stop");
    expect(live.state.returned).toBe(true);
  });
});
