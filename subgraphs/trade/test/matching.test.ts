import { describe, expect, it } from "vitest";
import { decideGrab, type GrabbedOrder } from "../src/domain/grab/rules.ts";
import {
  type CoachRules,
  hasCapacity,
  isGrabbableBy,
  matchesRules,
  mismatchOf,
  parseCoachRules,
} from "../src/domain/matching/rules.ts";

const coach: CoachRules = {
  specialties: ["nutrition", "rehab"],
  regions: ["shanghai"],
  level: 3,
  capacity: 2,
};
const order = { specialty: "nutrition", region: "shanghai", minCoachLevel: 3 };
const now = new Date("2030-01-01T00:00:00Z");
const open: GrabbedOrder = { id: "o-1", customerId: "u-1", status: "OPEN", grabDeadline: null, ...order };
const me = "c-1";

describe("matching rules", () => {
  it("matches on specialty, region and level (level ≥ minCoachLevel)", () => {
    expect(matchesRules(order, coach)).toBe(true);
    expect(mismatchOf({ ...order, specialty: "yoga" }, coach)).toBe("SPECIALTY");
    expect(mismatchOf({ ...order, region: "beijing" }, coach)).toBe("REGION");
    expect(mismatchOf({ ...order, minCoachLevel: 4 }, coach)).toBe("LEVEL");
    expect(matchesRules({ ...order, minCoachLevel: 1 }, coach)).toBe(true);
  });

  it("counts capacity as active orders strictly below capacity", () => {
    expect(hasCapacity(coach, 0)).toBe(true);
    expect(hasCapacity(coach, 1)).toBe(true);
    expect(hasCapacity(coach, 2)).toBe(false);
    expect(isGrabbableBy(order, coach, 1)).toBe(true);
    expect(isGrabbableBy(order, coach, 2)).toBe(false);
    expect(isGrabbableBy({ ...order, region: "x" }, coach, 0)).toBe(false);
  });

  it("normalizes and checks a coach's rules, naming the bad field", () => {
    expect(
      parseCoachRules({ specialties: [" Nutrition ", "nutrition"], regions: ["SH"], capacity: 1 }),
    ).toEqual({ specialties: ["nutrition"], regions: ["sh"], capacity: 1 });
    const bad = (input: Partial<Parameters<typeof parseCoachRules>[0]>) => {
      try {
        parseCoachRules({ specialties: ["a"], regions: ["b"], capacity: 1, ...input });
      } catch (error) {
        return (error as { extensions: Record<string, unknown> }).extensions;
      }
      return null;
    };
    expect(bad({ capacity: 0 })).toMatchObject({ field: "input.capacity" });
    expect(bad({ specialties: [] })).toMatchObject({ field: "input.specialties" });
    expect(bad({ regions: ["  "] })).toMatchObject({ field: "input.regions[0]" });
  });
});

describe("decideGrab", () => {
  it("refuses a coach grabbing their own order (FORBIDDEN), whatever else holds", () => {
    const own = { ...open, customerId: me };
    expect(decideGrab(own, me, coach, 0, now)).toMatchObject({
      kind: "refuse",
      reason: "SELF_GRAB",
      code: "FORBIDDEN",
    });
    expect(decideGrab(own, me, null, 0, now)).toMatchObject({ reason: "SELF_GRAB" });
  });

  it("lets a matching coach under capacity try", () => {
    expect(decideGrab(open, me, coach, 1, now)).toEqual({ kind: "try" });
  });

  it("refuses without a profile (FORBIDDEN)", () => {
    expect(decideGrab(open, me, null, 0, now)).toMatchObject({
      kind: "refuse",
      reason: "NO_PROFILE",
      code: "FORBIDDEN",
    });
  });

  it("refuses a non-matching coach (FORBIDDEN) and says why", () => {
    const decision = decideGrab({ ...open, minCoachLevel: 5 }, me, coach, 0, now);
    expect(decision).toMatchObject({ kind: "refuse", reason: "NOT_MATCHING", code: "FORBIDDEN" });
    expect(decision.kind === "refuse" && decision.message).toContain("level 5");
  });

  it("refuses a coach at capacity (CONFLICT)", () => {
    expect(decideGrab(open, me, coach, 2, now)).toMatchObject({ reason: "OVER_CAPACITY", code: "CONFLICT" });
  });

  it("reports a taken order as TAKEN with its state, before looking at the rules", () => {
    const decision = decideGrab({ ...open, status: "ASSIGNED", region: "x" }, me, coach, 0, now);
    expect(decision).toMatchObject({ reason: "TAKEN", code: "CONFLICT" });
    expect(decision.kind === "refuse" && decision.message).toBe(
      "Order o-1 was already taken (it is ASSIGNED).",
    );
  });

  it("refuses an order past its grab deadline as EXPIRED", () => {
    const deadline = new Date(now.getTime() - 1);
    expect(decideGrab({ ...open, grabDeadline: deadline }, me, coach, 0, now)).toMatchObject({
      reason: "EXPIRED",
    });
    expect(decideGrab({ ...open, grabDeadline: new Date(now.getTime() + 1) }, me, coach, 0, now)).toEqual({
      kind: "try",
    });
  });
});
