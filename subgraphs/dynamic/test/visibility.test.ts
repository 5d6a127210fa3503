import { describe, expect, it } from "vitest";
import {
  ACTIVITY_KINDS,
  type ActivityType,
  HEALTH_DERIVED_TYPES,
  type Visibility,
} from "../src/domain/activityKinds.ts";
import { canSee, visibilityOf, visibleLevels } from "../src/domain/visibility.ts";

const ACTOR = "actor";

describe("who may see an activity", () => {
  it.each<[string, string | null, boolean, Record<Visibility, boolean>]>([
    ["its actor", ACTOR, false, { PUBLIC: true, FOLLOWERS: true, PRIVATE: true }],
    ["a follower", "fan", true, { PUBLIC: true, FOLLOWERS: true, PRIVATE: false }],
    ["a stranger", "stranger", false, { PUBLIC: true, FOLLOWERS: false, PRIVATE: false }],
    ["an anonymous caller", null, false, { PUBLIC: true, FOLLOWERS: false, PRIVATE: false }],
  ])("%s", (_who, viewerId, follows, expected) => {
    for (const visibility of ["PUBLIC", "FOLLOWERS", "PRIVATE"] as const) {
      expect(canSee(viewerId, { actorId: ACTOR, visibility }, follows)).toBe(expected[visibility]);
    }
    const levels = visibleLevels(viewerId, ACTOR, follows);
    expect(
      Object.fromEntries((["PUBLIC", "FOLLOWERS", "PRIVATE"] as const).map((v) => [v, levels.includes(v)])),
    ).toEqual(expected);
  });
});

describe("the visibility a new activity gets", () => {
  it("is PRIVATE for every kind made from health data, whatever else is shared", () => {
    expect(HEALTH_DERIVED_TYPES).toEqual(["HEALTH_ACTION_RECORDED", "GOAL_ACHIEVED", "DEVICE_DATA_SYNCED"]);
    for (const type of HEALTH_DERIVED_TYPES) {
      const others = HEALTH_DERIVED_TYPES.filter((other) => other !== type);
      expect(visibilityOf(type, [])).toBe("PRIVATE");
      expect(visibilityOf(type, others)).toBe("PRIVATE");
    }
  });

  it("is FOLLOWERS, never PUBLIC, for a health kind its actor shares", () => {
    for (const type of HEALTH_DERIVED_TYPES) expect(visibilityOf(type, [type])).toBe("FOLLOWERS");
  });

  it("is the kind's default for anything not health-derived, and no such default is shared by choice", () => {
    const others = (Object.keys(ACTIVITY_KINDS) as ActivityType[]).filter(
      (t) => !HEALTH_DERIVED_TYPES.includes(t),
    );
    for (const type of others)
      expect(visibilityOf(type, HEALTH_DERIVED_TYPES)).toBe(ACTIVITY_KINDS[type].visibility);
  });
});
