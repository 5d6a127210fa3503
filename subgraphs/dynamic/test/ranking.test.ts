import { describe, expect, it } from "vitest";
import { BOOST_WINDOW_MS, feedRankAt, rankFeed, trendingScore } from "../src/domain/ranking.ts";

const at = (hoursAgo: number, now = Date.parse("2026-11-21T12:00:00Z")) =>
  new Date(now - hoursAgo * 3600_000);
const item = (id: string, topic: string, hoursAgo: number) => ({ id, topic, occurredAt: at(hoursAgo) });

describe("feed rank", () => {
  it("is occurredAt, plus the boost window for a boosted topic", () => {
    expect(feedRankAt(at(1), "health", [])).toEqual(at(1));
    expect(feedRankAt(at(1), "content", ["content"]).getTime()).toBe(at(1).getTime() + BOOST_WINDOW_MS);
  });

  it("orders newest first, ties by id descending", () => {
    const ranked = rankFeed([item("a", "health", 2), item("c", "health", 1), item("b", "health", 1)], {
      mutedTopics: [],
      boostedTopics: [],
    });
    expect(ranked.map((i) => i.id)).toEqual(["c", "b", "a"]);
  });

  it("a boosted activity outranks ordinary ones up to six hours newer, not more", () => {
    const items = [item("fresh", "health", 0), item("boosted", "content", 5), item("stale", "content", 7)];
    const ranked = rankFeed(items, { mutedTopics: [], boostedTopics: ["content"] });
    expect(ranked.map((i) => i.id)).toEqual(["boosted", "fresh", "stale"]);
  });

  it("leaves muted topics out", () => {
    const ranked = rankFeed([item("a", "finance", 1), item("b", "health", 2)], {
      mutedTopics: ["finance"],
      boostedTopics: [],
    });
    expect(ranked.map((i) => i.id)).toEqual(["b"]);
  });
});

describe("trending score", () => {
  const now = new Date("2026-11-21T12:00:00Z");
  const score = (hoursAgo: number, likeCount: number, commentCount = 0) =>
    trendingScore({ likeCount, commentCount, occurredAt: at(hoursAgo, now.getTime()) }, now);

  it("is (likes + 2·comments + 1) / (ageHours + 2)^1.5", () => {
    expect(score(0, 0)).toBeCloseTo(1 / 2 ** 1.5);
    expect(score(2, 3, 1)).toBeCloseTo(6 / 4 ** 1.5);
  });

  it("a comment weighs two likes", () => {
    expect(score(3, 0, 1)).toBeCloseTo(score(3, 2, 0));
  });

  it("decays: the same engagement scores lower with age; fresh engagement beats old", () => {
    expect(score(1, 10)).toBeGreaterThan(score(5, 10));
    expect(score(1, 5)).toBeGreaterThan(score(20, 40));
  });

  it("treats a time slightly in the future as now", () => {
    expect(score(-0.1, 0)).toBeCloseTo(score(0, 0));
  });
});
