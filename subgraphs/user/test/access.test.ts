import type { Actor, Role } from "@health/platform/auth";
import { describe, expect, it } from "vitest";
import type { HealthResource } from "../src/domain/access/healthResource.ts";
import { canReadAccessLog, decideHealthAccess, type GrantFacts } from "../src/domain/access/rules.ts";
import type { HealthMetric } from "../src/domain/metrics.ts";

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

const decide = (
  who: Actor,
  grants: GrantFacts[],
  metric: HealthMetric | undefined,
  resource: HealthResource = "HEALTH_RECORDS",
) => decideHealthAccess(who, { ownerId: OWNER, resource, metric }, grants, now);

describe("decideHealthAccess", () => {
  it("lets the owner read everything", () => {
    expect(decide(actor(OWNER), [], "GLUCOSE")).toMatchObject({
      allowed: true,
      role: "OWNER",
      metrics: null,
    });
  });

  it("lets an admin read everything", () => {
    expect(decide(actor(OTHER, ["admin"]), [], "GLUCOSE")).toMatchObject({
      allowed: true,
      role: "ADMIN",
    });
  });

  it("refuses another user, even holding a grant meant for a coach", () => {
    const d = decide(actor(COACH), [grant()], "WEIGHT");
    expect(d).toMatchObject({ allowed: false, role: "USER" });
  });

  it("refuses a coach without a grant", () => {
    expect(decide(coach, [], "WEIGHT")).toMatchObject({
      allowed: false,
      role: "COACH",
      reason: "no consent grant from the owner",
    });
  });

  it("serves a coach whose live grant covers the metric", () => {
    expect(decide(coach, [grant()], "WEIGHT")).toMatchObject({
      allowed: true,
      role: "COACH",
      grantId: "g1",
      metrics: ["WEIGHT"],
    });
  });

  it("refuses a metric the grant does not cover", () => {
    expect(decide(coach, [grant()], "GLUCOSE")).toMatchObject({
      allowed: false,
      reason: "consent grant does not cover GLUCOSE",
    });
  });

  it("refuses an expired grant (expiry is exclusive)", () => {
    expect(decide(coach, [grant({ expiresAt: now })], "WEIGHT")).toMatchObject({
      allowed: false,
      reason: "consent grant expired",
    });
  });

  it("refuses a revoked grant", () => {
    expect(decide(coach, [grant({ revokedAt: now })], "WEIGHT")).toMatchObject({
      allowed: false,
      reason: "consent grant revoked",
    });
  });

  it("ignores grants from another owner or to another coach", () => {
    const grants = [grant({ ownerId: OTHER }), grant({ coachId: OTHER })];
    expect(decide(coach, grants, "WEIGHT").allowed).toBe(false);
  });

  it("for non-metric data accepts any live grant and scopes to the granted metrics", () => {
    const grants = [grant({ metrics: ["WEIGHT"] }), grant({ id: "g2", metrics: ["SLEEP", "WEIGHT"] })];
    const d = decide(coach, grants, undefined);
    expect(d).toMatchObject({ allowed: true, role: "COACH" });
    expect(d.metrics).toEqual(["WEIGHT", "SLEEP"]);
    expect(decide(coach, [grant({ revokedAt: now })], undefined).allowed).toBe(false);
  });

  it("uses a live grant when an older one was revoked", () => {
    const grants = [grant({ revokedAt: now }), grant({ id: "g2" })];
    expect(decide(coach, grants, "WEIGHT")).toMatchObject({
      allowed: true,
      grantId: "g2",
    });
  });
});

describe("decideHealthAccess: data that reveals several metrics (issue 16)", () => {
  const steps = [grant({ metrics: ["STEPS"] })];

  it("refuses a STEPS-only coach assessments, health actions and devices", () => {
    for (const resource of ["ASSESSMENTS", "HEALTH_ACTIONS", "DEVICE_BINDINGS"] as const) {
      expect(decide(coach, steps, undefined, resource)).toMatchObject({ allowed: false, role: "COACH" });
    }
    expect(decide(coach, steps, undefined, "ASSESSMENTS").reason).toBe(
      "consent grant does not cover WEIGHT, BLOOD_PRESSURE, GLUCOSE (an assessment uses WEIGHT, BLOOD_PRESSURE, GLUCOSE)",
    );
    expect(decide(coach, steps, undefined, "HEALTH_ACTIONS").reason).toMatch(
      /^consent grant covers no health action type \(MEAL: WEIGHT\+GLUCOSE, .*MEDICATION: all/,
    );
  });

  it("still gives a STEPS-only coach records and goals, narrowed to STEPS", () => {
    for (const resource of ["HEALTH_RECORDS", "HEALTH_GOALS"] as const) {
      expect(decide(coach, steps, undefined, resource)).toMatchObject({ allowed: true, metrics: ["STEPS"] });
    }
  });

  it("serves an assessment only when the live grants together cover weight, blood pressure and glucose", () => {
    const two = [grant({ metrics: ["WEIGHT", "GLUCOSE"] })];
    expect(decide(coach, two, undefined, "ASSESSMENTS")).toMatchObject({
      allowed: false,
      reason: expect.stringMatching(/^consent grant does not cover BLOOD_PRESSURE /),
    });
    const split = [
      ...two,
      grant({ id: "g2", metrics: ["BLOOD_PRESSURE"] }),
      grant({ id: "g3", metrics: ["SLEEP"] }),
    ];
    expect(decide(coach, split, undefined, "ASSESSMENTS")).toMatchObject({
      allowed: true,
      grantId: "g1",
      reason: "consent grants g1, g2",
    });
    const revokedPart = [...two, grant({ id: "g2", metrics: ["BLOOD_PRESSURE"], revokedAt: now })];
    expect(decide(coach, revokedPart, undefined, "ASSESSMENTS").allowed).toBe(false);
  });

  it("serves actions and devices once a grant covers one type's metrics", () => {
    const activity = [grant({ metrics: ["STEPS", "HEART_RATE"] })];
    expect(decide(coach, activity, undefined, "HEALTH_ACTIONS")).toMatchObject({
      allowed: true,
      metrics: ["STEPS", "HEART_RATE"],
    });
    expect(decide(coach, activity, undefined, "DEVICE_BINDINGS").allowed).toBe(false);
    expect(decide(coach, [grant({ metrics: ["GLUCOSE"] })], undefined, "DEVICE_BINDINGS")).toMatchObject({
      allowed: true,
    });
  });

  it("leaves the owner and admins every resource", () => {
    for (const resource of ["ASSESSMENTS", "HEALTH_ACTIONS", "DEVICE_BINDINGS"] as const) {
      expect(decide(actor(OWNER), [], undefined, resource)).toMatchObject({ allowed: true, metrics: null });
      expect(decide(actor(OTHER, ["admin"]), [], undefined, resource)).toMatchObject({ allowed: true });
    }
  });
});

describe("canReadAccessLog", () => {
  it("is for the owner and admins", () => {
    expect(canReadAccessLog(actor(OWNER), OWNER)).toBe(true);
    expect(canReadAccessLog(actor(OTHER, ["admin"]), OWNER)).toBe(true);
    expect(canReadAccessLog(coach, OWNER)).toBe(false);
  });
});
