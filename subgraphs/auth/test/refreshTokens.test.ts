import { describe, expect, it } from "vitest";
import { decideRefresh, hashRefreshToken, newRefreshToken } from "../src/domain/refreshTokens.ts";

const now = new Date("2026-11-21T12:00:00Z");
const later = new Date("2026-12-21T12:00:00Z");

describe("decideRefresh", () => {
  it("rotates an unused, unexpired token of a live session", () => {
    expect(decideRefresh({ usedAt: null, expiresAt: later, session: { revokedAt: null } }, now)).toEqual({
      kind: "rotate",
    });
  });

  it("treats a used token as reuse", () => {
    expect(decideRefresh({ usedAt: now, expiresAt: later, session: { revokedAt: null } }, now).kind).toBe(
      "reuse",
    );
  });

  it("rejects a token of a revoked session, even if unused", () => {
    expect(decideRefresh({ usedAt: null, expiresAt: later, session: { revokedAt: now } }, now).kind).toBe(
      "reject",
    );
  });

  it("rejects an expired token", () => {
    expect(decideRefresh({ usedAt: null, expiresAt: now, session: { revokedAt: null } }, now).kind).toBe(
      "reject",
    );
  });
});

describe("newRefreshToken", () => {
  it("stores only the hash, and tokens do not repeat", () => {
    const a = newRefreshToken();
    const b = newRefreshToken();
    expect(a.hash).toBe(hashRefreshToken(a.token));
    expect(a.hash).not.toContain(a.token);
    expect(a.token).not.toBe(b.token);
    expect(a.token.length).toBeGreaterThanOrEqual(43);
  });
});
