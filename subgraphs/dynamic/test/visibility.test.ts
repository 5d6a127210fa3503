import { describe, expect, it } from "vitest";
import type { Visibility } from "../src/domain/activityKinds.ts";
import { canSee, visibleLevels } from "../src/domain/visibility.ts";

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
