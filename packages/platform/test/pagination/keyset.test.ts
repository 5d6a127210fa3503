import { describe, expect, it } from "vitest";
import { keysetAfter } from "../../src/pagination/keyset.ts";

const at = new Date("2026-12-01T10:00:00Z");
const cursor = { at, id: "0190a1b2-0000-7000-8000-000000000001" };

describe("keysetAfter", () => {
  it("is no condition without a cursor", () => {
    expect(keysetAfter(null, { at: "createdAt", id: "id" })).toEqual({});
  });

  it("newest first (the default): an earlier time, or the same time and a smaller id", () => {
    expect(keysetAfter(cursor, { at: "createdAt", id: "id" })).toEqual({
      OR: [{ createdAt: { lt: at } }, { createdAt: at, id: { lt: cursor.id } }],
    });
  });

  it("oldest first: a later time, or the same time and a larger id", () => {
    expect(keysetAfter(cursor, { at: "createdAt", id: "id", direction: "asc" })).toEqual({
      OR: [{ createdAt: { gt: at } }, { createdAt: at, id: { gt: cursor.id } }],
    });
  });

  it("uses the columns it is given", () => {
    expect(keysetAfter(cursor, { at: "recordedAt", id: "followerId" })).toEqual({
      OR: [{ recordedAt: { lt: at } }, { recordedAt: at, followerId: { lt: cursor.id } }],
    });
  });
});
