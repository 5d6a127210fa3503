import { decodeCursor, encodeCursor } from "@health/platform/pagination";
import { describe, expect, it } from "vitest";
import { validateGrant } from "../src/domain/consent/rules.ts";
import { pageSizeOf } from "../src/domain/pagination.ts";

const now = new Date("2026-11-21T12:00:00Z");
const OWNER = "00000000-0000-4000-8000-000000000001";
const COACH = "00000000-0000-4000-8000-000000000002";
const inDays = (days: number) => new Date(now.getTime() + days * 24 * 3600_000);

describe("validateGrant", () => {
  it("accepts a grant to another person for up to a year, deduplicating metrics", () => {
    const grant = validateGrant(
      OWNER,
      { coachId: COACH, metrics: ["WEIGHT", "WEIGHT"], expiresAt: inDays(365) },
      now,
    );
    expect(grant.metrics).toEqual(["WEIGHT"]);
  });

  it.each([
    [{ coachId: OWNER, metrics: ["WEIGHT"], expiresAt: inDays(1) }, /input.coachId/],
    [{ coachId: "nope", metrics: ["WEIGHT"], expiresAt: inDays(1) }, /input.coachId/],
    [{ coachId: COACH, metrics: [], expiresAt: inDays(1) }, /input.metrics/],
    [{ coachId: COACH, metrics: ["WEIGHT"], expiresAt: inDays(-1) }, /input.expiresAt/],
    [{ coachId: COACH, metrics: ["WEIGHT"], expiresAt: inDays(400) }, /input.expiresAt/],
  ] as const)("refuses %o", (input, message) => {
    expect(() => validateGrant(OWNER, { ...input, metrics: [...input.metrics] }, now)).toThrow(message);
  });
});

describe("pagination", () => {
  it("round-trips a cursor and refuses a forged one", () => {
    const cursor = { at: now, id: COACH };
    expect(decodeCursor(encodeCursor(cursor), "after")).toEqual(cursor);
    expect(() => decodeCursor("garbage", "after")).toThrow(/after/);
  });

  it("bounds page sizes to 1..200", () => {
    expect(pageSizeOf(undefined)).toBe(50);
    expect(pageSizeOf(200)).toBe(200);
    expect(() => pageSizeOf(201)).toThrow(/first/);
    expect(() => pageSizeOf(0)).toThrow(/first/);
  });
});
