import type { Actor, Role } from "@health/platform/auth";
import { describe, expect, it } from "vitest";
import { canReadAccessLog, decideHealthAccess, type GrantFacts } from "../src/domain/access.ts";

const now = new Date("2026-11-21T12:00:00Z");
const OWNER = "00000000-0000-4000-8000-000000000001";
const COACH = "00000000-0000-4000-8000-000000000002";
const OTHER = "00000000-0000-4000-8000-000000000003";

const actor = (userId: string, roles: Role[] = ["user"]): Actor => ({
  userId,
  roles,
  sessionId: "s",
  token: "t",
  expiresAt: new Date(now.getTime() + 60_000),
});
const coach = actor(COACH, ["user", "coach"]);
const grant = (over: Partial<GrantFacts> = {}): GrantFacts => ({
  id: "g1",
  ownerId: OWNER,
  coachId: COACH,
  metrics: ["WEIGHT"],
  expiresAt: new Date(now.getTime() + 3600_000),
  revokedAt: null,
  ...over,
});

describe("decideHealthAccess", () => {
  it("lets the owner read everything", () => {
    expect(decideHealthAccess(actor(OWNER), OWNER, [], "GLUCOSE", now)).toMatchObject({
      allowed: true,
      role: "OWNER",
      metrics: null,
    });
  });

  it("lets an admin read everything", () => {
    expect(decideHealthAccess(actor(OTHER, ["admin"]), OWNER, [], "GLUCOSE", now)).toMatchObject({
      allowed: true,
      role: "ADMIN",
    });
  });

  it("refuses another user, even holding a grant meant for a coach", () => {
    const d = decideHealthAccess(actor(COACH), OWNER, [grant()], "WEIGHT", now);
    expect(d).toMatchObject({ allowed: false, role: "USER" });
  });

  it("refuses a coach without a grant", () => {
    expect(decideHealthAccess(coach, OWNER, [], "WEIGHT", now)).toMatchObject({
      allowed: false,
      role: "COACH",
      reason: "no consent grant from the owner",
    });
  });

  it("serves a coach whose live grant covers the metric", () => {
    expect(decideHealthAccess(coach, OWNER, [grant()], "WEIGHT", now)).toMatchObject({
      allowed: true,
      role: "COACH",
      grantId: "g1",
      metrics: ["WEIGHT"],
    });
  });

  it("refuses a metric the grant does not cover", () => {
    expect(decideHealthAccess(coach, OWNER, [grant()], "GLUCOSE", now)).toMatchObject({
      allowed: false,
      reason: "consent grant does not cover GLUCOSE",
    });
  });

  it("refuses an expired grant (expiry is exclusive)", () => {
    expect(decideHealthAccess(coach, OWNER, [grant({ expiresAt: now })], "WEIGHT", now)).toMatchObject({
      allowed: false,
      reason: "consent grant expired",
    });
  });

  it("refuses a revoked grant", () => {
    expect(decideHealthAccess(coach, OWNER, [grant({ revokedAt: now })], "WEIGHT", now)).toMatchObject({
      allowed: false,
      reason: "consent grant revoked",
    });
  });

  it("ignores grants from another owner or to another coach", () => {
    const grants = [grant({ ownerId: OTHER }), grant({ coachId: OTHER })];
    expect(decideHealthAccess(coach, OWNER, grants, "WEIGHT", now).allowed).toBe(false);
  });

  it("for non-metric data accepts any live grant and scopes to the granted metrics", () => {
    const grants = [grant({ metrics: ["WEIGHT"] }), grant({ id: "g2", metrics: ["SLEEP", "WEIGHT"] })];
    const d = decideHealthAccess(coach, OWNER, grants, undefined, now);
    expect(d).toMatchObject({ allowed: true, role: "COACH" });
    expect(d.metrics).toEqual(["WEIGHT", "SLEEP"]);
    expect(decideHealthAccess(coach, OWNER, [grant({ revokedAt: now })], undefined, now).allowed).toBe(false);
  });

  it("uses a live grant when an older one was revoked", () => {
    const grants = [grant({ revokedAt: now }), grant({ id: "g2" })];
    expect(decideHealthAccess(coach, OWNER, grants, "WEIGHT", now)).toMatchObject({
      allowed: true,
      grantId: "g2",
    });
  });
});

describe("canReadAccessLog", () => {
  it("is for the owner and admins", () => {
    expect(canReadAccessLog(actor(OWNER), OWNER)).toBe(true);
    expect(canReadAccessLog(actor(OTHER, ["admin"]), OWNER)).toBe(true);
    expect(canReadAccessLog(coach, OWNER)).toBe(false);
  });
});
