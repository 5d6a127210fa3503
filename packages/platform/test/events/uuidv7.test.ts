import { describe, expect, it } from "vitest";
import { z } from "zod";
import { uuidv7 } from "../../src/events/uuidv7.ts";

describe("uuidv7", () => {
  it("mints valid version-7 uuids that sort in the order they were minted, even within one millisecond", () => {
    const ids = Array.from({ length: 5_000 }, () => uuidv7(1_800_000_000_000));
    expect(ids.every((id) => z.uuid().safeParse(id).success && id[14] === "7")).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("starts with the timestamp", () => {
    const id = uuidv7(Date.UTC(2031, 0, 1));
    expect(Number.parseInt(id.replace(/-/g, "").slice(0, 12), 16)).toBeGreaterThanOrEqual(
      Date.UTC(2031, 0, 1),
    );
  });
});
