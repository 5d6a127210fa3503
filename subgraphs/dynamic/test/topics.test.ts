import { describe, expect, it } from "vitest";
import { decidePreferences } from "../src/domain/preferences.ts";
import { parseTopics } from "../src/domain/topics.ts";

const none = { mutedTopics: [], boostedTopics: [], sharedHealthActivities: [] };

describe("feed topics and preferences", () => {
  it("accepts known topics in any case, collapsing duplicates, in the catalog's order", () => {
    expect(parseTopics(["live", "Health", "health"], "input.mutedTopics")).toEqual(["health", "live"]);
  });

  it("refuses an unknown topic, naming its position", () => {
    expect(() => parseTopics(["health", "gossip"], "input.mutedTopics")).toThrow(
      expect.objectContaining({
        extensions: expect.objectContaining({ code: "BAD_USER_INPUT", field: "input.mutedTopics[1]" }),
      }),
    );
  });

  it("keeps a list left out, replaces a list given", () => {
    const current = {
      mutedTopics: ["finance" as const],
      boostedTopics: ["live" as const],
      sharedHealthActivities: ["GOAL_ACHIEVED" as const],
    };
    expect(decidePreferences(current, { boostedTopics: ["content"] })).toEqual({
      mutedTopics: ["finance"],
      boostedTopics: ["content"],
      sharedHealthActivities: ["GOAL_ACHIEVED"],
    });
    expect(decidePreferences(current, { mutedTopics: [], sharedHealthActivities: [] })).toEqual({
      mutedTopics: [],
      boostedTopics: ["live"],
      sharedHealthActivities: [],
    });
  });

  it("shares only health-derived activity types, each once, and says which were refused", () => {
    expect(
      decidePreferences(none, {
        sharedHealthActivities: ["HEALTH_ACTION_RECORDED", "GOAL_ACHIEVED", "GOAL_ACHIEVED"],
      }),
    ).toMatchObject({ sharedHealthActivities: ["HEALTH_ACTION_RECORDED", "GOAL_ACHIEVED"] });
    expect(() => decidePreferences(none, { sharedHealthActivities: ["GOAL_ACHIEVED", "GIFT_SENT"] })).toThrow(
      expect.objectContaining({
        message: expect.stringContaining("GIFT_SENT"),
        extensions: expect.objectContaining({
          code: "BAD_USER_INPUT",
          field: "input.sharedHealthActivities",
        }),
      }),
    );
  });

  it("refuses a topic both muted and boosted, naming the list that was sent", () => {
    expect(() => decidePreferences(none, { mutedTopics: ["shop"], boostedTopics: ["shop"] })).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ field: "input.boostedTopics" }) }),
    );
    expect(() => decidePreferences({ ...none, boostedTopics: ["shop"] }, { mutedTopics: ["shop"] })).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ field: "input.mutedTopics" }) }),
    );
  });
});
