import { randomUUID } from "node:crypto";
import {
  contentPublishedV1,
  deviceDataSyncedV1,
  goalAchievedV1,
  healthActionRecordedV1,
} from "@health/events/catalog";
import type { EventDefinition, EventPayload } from "@health/events/define";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { envelopeOf, hoursAgo, payloads } from "./fixtures.ts";
import { type DynamicHarness, startDynamicSubgraph } from "./harness.ts";

const FEED = `query Feed($first: Int, $after: String) {
  feed(first: $first, after: $after) {
    nodes { id type topic visibility summary actor { id } }
    pageInfo { endCursor hasNextPage }
  }
}`;
const FOLLOW = `mutation Follow($userId: ID!) { follow(userId: $userId) { id followersCount isFollowedByMe } }`;
const UNFOLLOW = `mutation Unfollow($userId: ID!) { unfollow(userId: $userId) { id isFollowedByMe } }`;
const SET_PREFS = `mutation Prefs($input: SetFeedPreferencesInput!) {
  setFeedPreferences(input: $input) { mutedTopics boostedTopics version }
}`;
const USER_ACTIVITIES = `query Entities($id: ID!) {
  _entities(representations: [{ __typename: "User", id: $id }]) {
    ... on User { id followersCount followingCount isFollowedByMe activities(first: 10) { type visibility } }
  }
}`;

interface FeedNode {
  id: string;
  type: string;
  topic: string;
  visibility: string;
  summary: string;
  actor: { id: string };
}
type FeedData = { feed: { nodes: FeedNode[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } } };

let h: DynamicHarness;
beforeAll(async () => {
  h = await startDynamicSubgraph();
});
afterAll(async () => {
  await h?.close();
});

type Person = Awaited<ReturnType<DynamicHarness["person"]>>;

/** Publishes an event about `userId` and waits until its activity exists. */
async function happen<E extends EventDefinition>(
  event: E,
  payload: EventPayload<E>,
  userId: string,
): Promise<void> {
  const envelope = envelopeOf(event, payload, { aggregateId: userId });
  await h.publish(event, envelope);
  await h.eventually(
    () => h.db.inboxEvent.count({ where: { eventId: envelope.id } }),
    (count) => count === 1,
  );
}

async function feedOf(person: Person, variables: Record<string, unknown> = {}) {
  const res = await h.request<FeedData>(FEED, variables, person.token);
  expect(res.errors).toBeUndefined();
  return res.data?.feed as FeedData["feed"];
}

const SHARE_HEALTH = ["GOAL_ACHIEVED", "HEALTH_ACTION_RECORDED"];

describe("who sees what", () => {
  let author: Person;
  let follower: Person;
  let stranger: Person;
  beforeAll(async () => {
    [author, follower, stranger] = [await h.person(), await h.person(), await h.person()];
    await h.request(FOLLOW, { userId: author.id }, follower.token);
    await happen(contentPublishedV1, payloads.contentPublished(author.id, hoursAgo(4)), author.id); // PUBLIC
    await happen(healthActionRecordedV1, payloads.healthAction(author.id, hoursAgo(3)), author.id); // PRIVATE
    await happen(goalAchievedV1, payloads.goalAchieved(author.id, hoursAgo(2)), author.id); // PRIVATE
    await happen(deviceDataSyncedV1, payloads.deviceSynced(author.id, hoursAgo(1)), author.id); // PRIVATE
  });

  it("the author sees all their activities, newest first; health lines name no metric or value", async () => {
    const feed = await feedOf(author);
    expect(feed.nodes.map((n) => [n.type, n.visibility, n.summary])).toEqual([
      ["DEVICE_DATA_SYNCED", "PRIVATE", "synced a health device"],
      ["GOAL_ACHIEVED", "PRIVATE", "achieved a health goal"],
      ["HEALTH_ACTION_RECORDED", "PRIVATE", "recorded a health action"],
      ["CONTENT_PUBLISHED", "PUBLIC", expect.any(String)],
    ]);
  });

  it("a follower sees no health-derived activity the author has not shared", async () => {
    const feed = await feedOf(follower);
    expect(feed.nodes.map((n) => [n.type, n.visibility])).toEqual([["CONTENT_PUBLISHED", "PUBLIC"]]);
  });

  it("a stranger's feed has none of them; on the author's profile they see PUBLIC only", async () => {
    expect((await feedOf(stranger)).nodes).toEqual([]);
    const profile = await h.request<{ _entities: Array<Record<string, unknown>> }>(
      USER_ACTIVITIES,
      { id: author.id },
      stranger.token,
    );
    expect(profile.data?._entities[0]).toEqual({
      id: author.id,
      followersCount: 1,
      followingCount: 0,
      isFollowedByMe: false,
      activities: [{ type: "CONTENT_PUBLISHED", visibility: "PUBLIC" }],
    });
    const anonymous = await h.request<{ _entities: Array<{ activities: unknown[] }> }>(USER_ACTIVITIES, {
      id: author.id,
    });
    expect(anonymous.data?._entities[0]?.activities).toEqual([
      { type: "CONTENT_PUBLISHED", visibility: "PUBLIC" },
    ]);
  });

  it("a kind the author shares reaches followers from then on, never strangers; taking it back hides it again", async () => {
    const shared = await h.request(
      SET_PREFS,
      { input: { sharedHealthActivities: SHARE_HEALTH } },
      author.token,
    );
    expect(shared.errors).toBeUndefined();
    expect((await feedOf(follower)).nodes.map((n) => n.type)).toEqual(["CONTENT_PUBLISHED"]); // not the past

    await happen(goalAchievedV1, payloads.goalAchieved(author.id), author.id);
    expect((await feedOf(follower)).nodes.map((n) => [n.type, n.visibility, n.summary])).toEqual([
      ["GOAL_ACHIEVED", "FOLLOWERS", "achieved a health goal"],
      ["CONTENT_PUBLISHED", "PUBLIC", expect.any(String)],
    ]);
    expect((await feedOf(stranger)).nodes).toEqual([]);
    const asStranger = await h.request<{ _entities: Array<{ activities: unknown[] }> }>(
      USER_ACTIVITIES,
      { id: author.id },
      stranger.token,
    );
    expect(asStranger.data?._entities[0]?.activities).toEqual([
      { type: "CONTENT_PUBLISHED", visibility: "PUBLIC" },
    ]);

    // Health data: each time it is shown to someone else, the owner can see who, when and how often.
    await feedOf(follower);
    const reads = await h.request<{ sharedActivityReads: Array<Record<string, unknown>> }>(
      "{ sharedActivityReads { activity { type } reader { id } reads } }",
      {},
      author.token,
    );
    expect(reads.data?.sharedActivityReads).toEqual([
      { activity: { type: "GOAL_ACHIEVED" }, reader: { id: follower.id }, reads: 2 },
    ]);
    const othersReads = await h.request<{ sharedActivityReads: unknown[] }>(
      "{ sharedActivityReads { reads } }",
      {},
      follower.token,
    );
    expect(othersReads.data?.sharedActivityReads).toEqual([]);

    await h.request(SET_PREFS, { input: { sharedHealthActivities: [] } }, author.token);
    expect((await feedOf(follower)).nodes.map((n) => n.type)).toEqual(["CONTENT_PUBLISHED"]);
    const goals = await h.db.activity.findMany({ where: { actorId: author.id, type: "GOAL_ACHIEVED" } });
    expect(goals.map((g) => g.visibility)).toEqual(["PRIVATE", "PRIVATE"]);
  });

  it("only health-derived kinds are shared by choice, and a health activity can never be PUBLIC", async () => {
    const bad = await h.request(
      SET_PREFS,
      { input: { sharedHealthActivities: ["GIFT_SENT"] } },
      author.token,
    );
    expect(bad.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "input.sharedHealthActivities",
    });
    const [goal] = await h.db.activity.findMany({ where: { actorId: author.id, type: "GOAL_ACHIEVED" } });
    await expect(
      h.db.activity.update({ where: { id: goal?.id }, data: { visibility: "PUBLIC" } }),
    ).rejects.toThrow(/activities_health_never_public/);
  });

  it("feed, follows and preferences need a signed-in caller", async () => {
    const res = await h.request(FEED, {});
    expect(res.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const self = await h.request(FOLLOW, { userId: author.id }, author.token);
    expect(self.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "userId" });
  });
});

describe("preferences", () => {
  it("mute removes a topic; boost ranks a topic as if six hours newer; unknown topics are refused", async () => {
    const [reader, writer] = [await h.person(), await h.person()];
    await h.request(FOLLOW, { userId: writer.id }, reader.token);
    await h.request(SET_PREFS, { input: { sharedHealthActivities: SHARE_HEALTH } }, writer.token);
    await happen(contentPublishedV1, payloads.contentPublished(writer.id, hoursAgo(4)), writer.id);
    await happen(goalAchievedV1, payloads.goalAchieved(writer.id, hoursAgo(1)), writer.id);
    expect((await feedOf(reader)).nodes.map((n) => n.topic)).toEqual(["health", "content"]);

    const boosted = await h.request(SET_PREFS, { input: { boostedTopics: ["content"] } }, reader.token);
    expect(boosted.data).toEqual({
      setFeedPreferences: { mutedTopics: [], boostedTopics: ["content"], version: 1 },
    });
    expect((await feedOf(reader)).nodes.map((n) => n.topic)).toEqual(["content", "health"]);

    await h.request(SET_PREFS, { input: { mutedTopics: ["health"] } }, reader.token);
    expect((await feedOf(reader)).nodes.map((n) => n.topic)).toEqual(["content"]);

    const bad = await h.request(SET_PREFS, { input: { mutedTopics: ["health", "gossip"] } }, reader.token);
    expect(bad.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "input.mutedTopics[1]",
    });
    const both = await h.request(SET_PREFS, { input: { boostedTopics: ["health"] } }, reader.token);
    expect(both.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "input.boostedTopics",
    });
    const prefs = await h.request(
      `{ feedPreferences { mutedTopics boostedTopics version } }`,
      {},
      reader.token,
    );
    expect(prefs.data).toEqual({
      feedPreferences: { mutedTopics: ["health"], boostedTopics: ["content"], version: 2 },
    });
  });
});

describe("pages and the cache", () => {
  it("pages with an opaque cursor", async () => {
    const me = await h.person();
    for (let i = 5; i >= 1; i--)
      await happen(goalAchievedV1, payloads.goalAchieved(me.id, hoursAgo(i)), me.id);
    const all = (await feedOf(me, { first: 10 })).nodes.map((n) => n.id);
    const one = await feedOf(me, { first: 3 });
    expect(one.pageInfo.hasNextPage).toBe(true);
    const two = await feedOf(me, { first: 3, after: one.pageInfo.endCursor });
    expect(two.pageInfo.hasNextPage).toBe(false);
    expect([...one.nodes, ...two.nodes].map((n) => n.id)).toEqual(all);
    const bad = await h.request(FEED, { after: "nonsense" }, me.token);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
  });

  it("serves the first page from Redis until an activity the user would see lands, or they follow/unfollow", async () => {
    const [reader, writer] = [await h.person(), await h.person()];
    await h.request(FOLLOW, { userId: writer.id }, reader.token);
    await h.request(SET_PREFS, { input: { sharedHealthActivities: SHARE_HEALTH } }, writer.token);
    await happen(goalAchievedV1, payloads.goalAchieved(writer.id, hoursAgo(2)), writer.id);
    expect((await feedOf(reader)).nodes).toHaveLength(1); // cached now

    // Written behind the consumer's back: the cached page does not know it.
    await h.db.activity.create({
      data: {
        actorId: writer.id,
        type: "GOAL_ACHIEVED",
        objectType: "HEALTH_GOAL",
        objectId: randomUUID(),
        summary: "sneaked in",
        topic: "health",
        visibility: "FOLLOWERS",
        occurredAt: hoursAgo(1),
        sourceEventId: randomUUID(),
      },
    });
    expect((await feedOf(reader)).nodes).toHaveLength(1);

    // Through the consumer: the reader's page is invalidated after the commit.
    await happen(healthActionRecordedV1, payloads.healthAction(writer.id), writer.id);
    expect((await feedOf(reader)).nodes.map((n) => n.type)).toEqual([
      "HEALTH_ACTION_RECORDED",
      "GOAL_ACHIEVED",
      "GOAL_ACHIEVED",
    ]);

    const unfollowed = await h.request(UNFOLLOW, { userId: writer.id }, reader.token);
    expect(unfollowed.data).toEqual({ unfollow: { id: writer.id, isFollowedByMe: false } });
    expect((await feedOf(reader)).nodes).toEqual([]);
    await h.request(FOLLOW, { userId: writer.id }, reader.token);
    expect((await feedOf(reader)).nodes).toHaveLength(3);
  });

  it("lists followers and following", async () => {
    const [a, b, c] = [await h.person(), await h.person(), await h.person()];
    await h.request(FOLLOW, { userId: a.id }, b.token);
    await h.request(FOLLOW, { userId: a.id }, c.token);
    const followers = await h.request<{ followers: { nodes: Array<{ id: string }> } }>(
      `query F($userId: ID!) { followers(userId: $userId) { nodes { id } pageInfo { hasNextPage } } }`,
      { userId: a.id },
      b.token,
    );
    expect(followers.data?.followers.nodes.map((n) => n.id).sort()).toEqual([b.id, c.id].sort());
    const following = await h.request<{ following: { nodes: Array<{ id: string }> } }>(
      `query F($userId: ID!) { following(userId: $userId) { nodes { id } } }`,
      { userId: c.id },
      b.token,
    );
    expect(following.data?.following.nodes).toEqual([{ id: a.id }]);
  });
});
