import { describe, expect, it } from "vitest";
import { pageAfter } from "../src/domain/notifications/replay.ts";

const id = (ms: number, tail: string) =>
  `${ms
    .toString(16)
    .padStart(12, "0")
    .replace(/^(.{8})(.{4})$/, "$1-$2")}-7000-8000-${tail.padStart(12, "0")}`;

const stored = (...ids: string[]) => ids.map((n) => ({ id: n, orderId: n }));
const ids = (page: { missed: Array<{ id: string }> }) => page.missed.map((n) => n.id);

describe("missed-notification replay rules", () => {
  const a = id(1_000, "a");
  const b = id(2_000, "b");
  const c = id(3_000, "c");
  const d = id(4_000, "d");

  it("replays what is stored after `after`, in stream order, and never `after` itself", () => {
    const page = pageAfter(stored(a, b, c, d), b, false);
    expect(ids(page)).toEqual([c, d]);
    expect(page.seen).toBe(true);
  });

  it("keeps a newer id stored before `after` (relayed first)", () => {
    expect(ids(pageAfter(stored(c, b, d), b, false))).toEqual([c, d]);
  });

  it("carries `after`'s position across pages: an older id in a later page was relayed after it", () => {
    const first = pageAfter(stored(c, d), c, false);
    expect(ids(first)).toEqual([d]);
    expect(ids(pageAfter(stored(a), c, first.seen))).toEqual([a]);
    expect(ids(pageAfter(stored(a), c, false))).toEqual([]);
  });
});
