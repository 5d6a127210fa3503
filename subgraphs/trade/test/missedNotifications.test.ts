import { describe, expect, it } from "vitest";
import { notificationsAfter, notificationTime, replayStart } from "../src/domain/missedNotifications.ts";

const id = (ms: number, tail: string) =>
  `${ms
    .toString(16)
    .padStart(12, "0")
    .replace(/^(.{8})(.{4})$/, "$1-$2")}-7000-8000-${tail.padStart(12, "0")}`;

describe("missed-notification replay rules", () => {
  const a = id(1_000, "a");
  const b = id(2_000, "b");
  const c = id(3_000, "c");
  const d = id(4_000, "d");

  it("reads the time a notification id was minted", () => {
    expect(notificationTime(b).getTime()).toBe(2_000);
    expect(() => notificationTime("00000000-0000-4000-8000-000000000000")).toThrow(/after must be/);
  });

  it("replays what is stored after `after`, in stream order", () => {
    expect(
      notificationsAfter(
        [a, b, c, d].map((n) => ({ id: n, orderId: n })),
        b,
      ).map((n) => n.id),
    ).toEqual([c, d]);
  });

  it("keeps a newer id stored before `after` (relayed first), and never `after` itself", () => {
    const stored = [c, b, d].map((n) => ({ id: n, orderId: n }));
    expect(notificationsAfter(stored, b).map((n) => n.id)).toEqual([c, d]);
  });

  it("replays every greater id when `after` is not in the window", () => {
    const stored = [c, d].map((n) => ({ id: n, orderId: n }));
    expect(notificationsAfter(stored, a).map((n) => n.id)).toEqual([c, d]);
  });

  it("starts at the window's edge when `after` is older than the retention", () => {
    const now = new Date(100_000);
    expect(replayStart(new Date(1_000), now, 10_000).getTime()).toBe(90_000);
    expect(replayStart(new Date(95_000), now, 10_000).getTime()).toBe(95_000);
  });
});
