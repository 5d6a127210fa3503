import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { trendingScore } from "../src/domain/ranking.ts";
import type { Visibility } from "../src/generated/prisma/client.ts";
import { hoursAgo } from "./fixtures.ts";
import { type DynamicHarness, startDynamicSubgraph } from "./harness.ts";

const TRENDING = `query T($window: Int, $first: Int) { trending(window: $window, first: $first) { id likeCount } }`;
const LIKE = `mutation Like($id: ID!) { likeActivity(id: $id) { id likeCount } }`;

let h: DynamicHarness;
beforeAll(async () => {
  h = await startDynamicSubgraph();
});
afterAll(async () => {
  await h?.close();
});

async function activity(fields: {
  hours: number;
  likes?: number;
  comments?: number;
  visibility?: Visibility;
}) {
  return h.db.activity.create({
    data: {
      actorId: randomUUID(),
      type: "CONTENT_PUBLISHED",
      objectType: "ARTICLE",
      objectId: randomUUID(),
      summary: "published an article",
      topic: "content",
      visibility: fields.visibility ?? "PUBLIC",
      occurredAt: hoursAgo(fields.hours),
      sourceEventId: randomUUID(),
      likeCount: fields.likes ?? 0,
      commentCount: fields.comments ?? 0,
    },
  });
}

describe("trending", () => {
  it("orders PUBLIC activities of the window by decayed engagement, exactly as trendingScore does", async () => {
    const rows = [
      await activity({ hours: 1, likes: 0 }),
      await activity({ hours: 20, likes: 40 }),
      await activity({ hours: 5, likes: 6, comments: 2 }),
      await activity({ hours: 10, likes: 3 }),
      await activity({ hours: 0.2, likes: 1 }),
    ];
    const hidden = await activity({ hours: 1, likes: 500, visibility: "FOLLOWERS" });
    const old = await activity({ hours: 30, likes: 500 });
    const now = new Date();
    const expected = [...rows].sort((a, b) => trendingScore(b, now) - trendingScore(a, now)).map((r) => r.id);

    const res = await h.request<{ trending: Array<{ id: string }> }>(TRENDING, {});
    expect(res.errors).toBeUndefined();
    expect(res.data?.trending.map((a) => a.id)).toEqual(expected);
    expect(res.data?.trending.map((a) => a.id)).not.toContain(hidden.id);
    expect(res.data?.trending.map((a) => a.id)).not.toContain(old.id);

    const wider = await h.request<{ trending: Array<{ id: string }> }>(TRENDING, { window: 48 });
    expect(wider.data?.trending.map((a) => a.id)).toContain(old.id);
    const bad = await h.request(TRENDING, { window: 0 });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "window" });
  });

  it("a like counts once per user and lifts the activity", async () => {
    const [a, b] = [await h.person(), await h.person()];
    const target = await activity({ hours: 3 });
    for (const person of [a, a, b]) {
      const res = await h.request(LIKE, { id: target.id }, person.token);
      expect(res.errors).toBeUndefined();
    }
    expect((await h.db.activity.findUnique({ where: { id: target.id } }))?.likeCount).toBe(2);
    expect(await h.db.activityLike.count({ where: { activityId: target.id } })).toBe(2);
  });

  it("a PRIVATE activity cannot be liked (or even found) by anyone but its actor", async () => {
    const [owner, other] = [await h.person(), await h.person()];
    const mine = await h.db.activity.create({
      data: {
        actorId: owner.id,
        type: "PAYMENT_SUCCESS",
        objectType: "PAYMENT",
        objectId: randomUUID(),
        summary: "paid",
        topic: "finance",
        visibility: "PRIVATE",
        occurredAt: new Date(),
        sourceEventId: randomUUID(),
      },
    });
    const res = await h.request(LIKE, { id: mine.id }, other.token);
    expect(res.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect((await h.request(LIKE, { id: mine.id }, owner.token)).errors).toBeUndefined();
  });
});
