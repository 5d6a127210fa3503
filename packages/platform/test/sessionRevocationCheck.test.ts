import { describe, expect, it } from "vitest";
import { SessionRevocationCheck } from "../src/auth/sessionRevocationCheck.ts";

/** A stand-in for the Redis lookup that a test can break, as an unreachable Redis would. */
function markers() {
  const revoked = new Set<string>();
  const state = { down: false };
  const lookup = async (sessionId: string) => {
    if (state.down) throw new Error("Redis unreachable");
    return revoked.has(sessionId);
  };
  return { revoked, state, lookup };
}

describe("SessionRevocationCheck (the router's signed-out-session check)", () => {
  it("answers from Redis while it is up", async () => {
    const { revoked, lookup } = markers();
    const check = new SessionRevocationCheck(lookup);
    revoked.add("gone");
    expect(await check.isRevoked("gone")).toBe(true);
    expect(await check.isRevoked("live")).toBe(false);
  });

  it("while Redis is down, lets through only sessions it saw live within the grace, and refuses the rest with UNAVAILABLE", async () => {
    const { state, lookup } = markers();
    const clock = { now: 0 };
    const check = new SessionRevocationCheck(lookup, { graceMs: 1_000, now: () => clock.now });
    await check.isRevoked("seen");
    state.down = true;
    expect(await check.isRevoked("seen")).toBe(false);
    await expect(check.isRevoked("unseen")).rejects.toMatchObject({
      extensions: { code: "UNAVAILABLE", reason: "SESSION_CHECK" },
    });
    clock.now = 1_001;
    await expect(check.isRevoked("seen")).rejects.toMatchObject({ extensions: { code: "UNAVAILABLE" } });
  });

  it("never vouches for a session seen revoked, or announced revoked, or after announcements may have been missed", async () => {
    const { revoked, state, lookup } = markers();
    const check = new SessionRevocationCheck(lookup);
    for (const id of ["a", "b", "c"]) await check.isRevoked(id);
    revoked.add("a");
    expect(await check.isRevoked("a")).toBe(true);
    check.forget("b");
    state.down = true;
    for (const id of ["a", "b"])
      await expect(check.isRevoked(id)).rejects.toMatchObject({ extensions: { code: "UNAVAILABLE" } });
    expect(await check.isRevoked("c")).toBe(false);
    check.forgetAll();
    await expect(check.isRevoked("c")).rejects.toMatchObject({ extensions: { code: "UNAVAILABLE" } });
  });

  it("remembers a bounded number of sessions, forgetting the longest unconfirmed first", async () => {
    const { state, lookup } = markers();
    const check = new SessionRevocationCheck(lookup, { maxSessions: 2 });
    await check.isRevoked("old");
    await check.isRevoked("middle");
    await check.isRevoked("old");
    await check.isRevoked("new");
    state.down = true;
    expect(await check.isRevoked("old")).toBe(false);
    expect(await check.isRevoked("new")).toBe(false);
    await expect(check.isRevoked("middle")).rejects.toMatchObject({ extensions: { code: "UNAVAILABLE" } });
  });
});
