import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { erasedUserKey } from "../../src/privacy/erasedUsers.ts";

describe("erasedUserKey", () => {
  it("is a SHA-256 in hex that holds nothing of the id, the same whatever the id's case", () => {
    const id = randomUUID();
    const key = erasedUserKey(id);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(key).not.toContain(id.replaceAll("-", "").slice(0, 8));
    expect(erasedUserKey(id.toUpperCase())).toBe(key);
    expect(erasedUserKey(randomUUID())).not.toBe(key);
  });
});
