import { randomUUID } from "node:crypto";
import {
  contentPublishedV1,
  giftSentV1,
  goalAchievedV1,
  healthActionRecordedV1,
} from "@health/events/catalog";
import type { EventDefinition, EventPayload } from "@health/events/define";
import { type ErasedTable, findTraces, policyGaps } from "@health/platform/privacy";
import {
  eraseThroughSubgraph,
  exportThroughSubgraph,
  type PrivacyTestTarget,
} from "@health/platform/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DYNAMIC_TABLES } from "../src/privacy/policy.ts";
import { envelopeOf, hoursAgo, payloads } from "./fixtures.ts";
import { type DynamicHarness, startDynamicSubgraph } from "./harness.ts";

const FEED = `{ feed(first: 20) { nodes { id actor { id } } } }`;
const FOLLOW = `mutation($userId: ID!) { follow(userId: $userId) { id } }`;
const LIKE = `mutation($id: ID!) { likeActivity(id: $id) { id likeCount } }`;
const SET_PREFS = `mutation($input: SetFeedPreferencesInput!) { setFeedPreferences(input: $input) { version } }`;
const USERS = `query($ids: [_Any!]!) {
  _entities(representations: $ids) {
    ... on User { id followersCount followingCount activities(first: 10) { id likeCount } }
  }
}`;

type Person = Awaited<ReturnType<DynamicHarness["person"]>>;
interface UserView {
  id: string;
  followersCount: number;
  followingCount: number;
  activities: Array<{ id: string; likeCount: number }>;
}

let h: DynamicHarness;
let target: PrivacyTestTarget;

beforeAll(async () => {
  h = await startDynamicSubgraph();
  target = { subgraph: "dynamic", db: h.db, nats: h.deps.nats, bus: h.bus, publish: h.publish };
});
afterAll(async () => {
  await h?.close();
});

/** Runs an operation as `who` and returns its data, failing on any error. */
async function as<T>(who: Person, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await h.request<T>(query, variables, who.token);
  expect(res.errors).toBeUndefined();
  return res.data as T;
}

/** Publishes an event as its producer would and waits until the consumer took it; returns the activity. */
async function happen<E extends EventDefinition>(event: E, payload: EventPayload<E>) {
  const envelope = envelopeOf(event, payload);
  await h.publish(event, envelope);
  await h.eventually(
    () => h.db.inboxEvent.count({ where: { eventId: envelope.id } }),
    (count) => count === 1,
  );
  return h.db.activity.findUnique({ where: { sourceEventId: envelope.id } });
}

const feedOf = async (who: Person) =>
  (await as<{ feed: { nodes: Array<{ id: string; actor: { id: string } }> } }>(who, FEED)).feed.nodes;
const users = async (ids: string[], who: Person) =>
  (
    await as<{ _entities: Array<UserView | null> }>(who, USERS, {
      ids: ids.map((id) => ({ __typename: "User", id })),
    })
  )._entities;
const counts = (tables: readonly ErasedTable[]) =>
  Object.fromEntries(tables.map((t) => [`${t.table} ${t.action}`, t.rows]));
const sorted = (values: readonly string[]) => [...values].sort();

describe("the policy", () => {
  it("names every table of the database, and no table that does not exist", async () => {
    expect(await policyGaps(h.db, DYNAMIC_TABLES)).toEqual({ unnamed: [], absent: [] });
  });
});

describe("a person's export and erasure", () => {
  const title = `Ten thousand steps with Mei ${randomUUID().slice(0, 8)}`;
  let person: Person;
  let follower: Person; // follows the person
  let followee: Person; // followed by the person (and by `bystander`)
  let bystander: Person;
  const mine: Record<string, string> = {};
  const theirs: Record<string, string> = {};

  beforeAll(async () => {
    [person, follower, followee, bystander] = [
      await h.person(),
      await h.person(),
      await h.person(),
      await h.person(),
    ];
    const share = { input: { sharedHealthActivities: ["GOAL_ACHIEVED"], mutedTopics: ["shop"] } };
    await as(person, SET_PREFS, share);
    await as(followee, SET_PREFS, { input: { sharedHealthActivities: ["GOAL_ACHIEVED"] } });
    await as(follower, FOLLOW, { userId: person.id });
    await as(person, FOLLOW, { userId: followee.id });
    await as(bystander, FOLLOW, { userId: followee.id });

    const post = { ...payloads.contentPublished(person.id, hoursAgo(3)), title };
    mine.post = (await happen(contentPublishedV1, post))!.id;
    mine.goal = (await happen(goalAchievedV1, payloads.goalAchieved(person.id, hoursAgo(2))))!.id;
    mine.action = (await happen(healthActionRecordedV1, payloads.healthAction(person.id, hoursAgo(1))))!.id;
    theirs.post = (await happen(contentPublishedV1, payloads.contentPublished(followee.id, hoursAgo(3))))!.id;
    theirs.goal = (await happen(goalAchievedV1, payloads.goalAchieved(followee.id, hoursAgo(2))))!.id;
    const gift = {
      giftOrderId: randomUUID(),
      senderId: followee.id,
      recipientId: person.id,
      giftId: "rose",
      amount: 10,
      currency: "POINTS",
      sentAt: hoursAgo(1).toISOString(),
    };
    theirs.gift = (await happen(giftSentV1, gift))!.id;

    await as(person, LIKE, { id: theirs.post });
    await as(bystander, LIKE, { id: theirs.post });
    await as(follower, LIKE, { id: mine.post });
    // Both feeds are read (and cached): the follower is shown the person's shared goal, the person the
    // followee's.
    expect(sorted((await feedOf(follower)).map((n) => n.id))).toEqual(sorted([mine.post, mine.goal]));
    expect((await feedOf(person)).map((n) => n.id)).toEqual(
      expect.arrayContaining([theirs.goal, mine.action]),
    );
  });

  it("exports every item held about the person, and nothing of anyone else's", async () => {
    const { part, answer } = await exportThroughSubgraph(target, person.id);
    const s = part.sections as Record<string, Array<Record<string, unknown>>>;
    expect(part).toMatchObject({ subgraph: "dynamic", userId: person.id });
    expect(sorted(s.activities!.map((a) => String(a.id)))).toEqual(
      sorted([mine.post, mine.goal, mine.action]),
    );
    expect(s.activities).toContainEqual(expect.objectContaining({ id: mine.post, likeCount: 1 }));
    expect(s.activities!.find((a) => a.id === mine.post)?.summary).toContain(title);
    expect(s.activitiesNamingMe).toEqual([
      { id: theirs.gift, actorId: followee.id, type: "GIFT_SENT", occurredAt: expect.any(String) },
    ]);
    expect(s.following).toEqual([{ userId: followee.id, since: expect.any(String) }]);
    expect(s.followers).toEqual([{ userId: follower.id, since: expect.any(String) }]);
    expect(s.likes).toEqual([{ activityId: theirs.post, likedAt: expect.any(String) }]);
    expect(s.feedPreferences).toEqual([
      expect.objectContaining({ sharedHealthKinds: ["GOAL_ACHIEVED"], mutedTopics: ["shop"] }),
    ]);
    expect(s.sharedActivityReads).toEqual([
      expect.objectContaining({ activityId: mine.goal, readerId: follower.id, reads: 1 }),
    ]);
    expect(s.sharedActivitiesSeen).toEqual([
      expect.objectContaining({ activityId: theirs.goal, ownerId: followee.id }),
    ]);
    expect(answer.sections).toEqual(Object.fromEntries(Object.entries(s).map(([k, v]) => [k, v.length])));
  });

  it("erases the person from feeds, follows, counts and caches, keeps others' rows, and a replay changes nothing", async () => {
    const redis = h.deps.redis;
    const generation = `feedgen:${follower.id}`;
    const generationBefore = Number((await redis.get(generation)) ?? 0);
    expect(await redis.keys(`*${person.id}*`)).not.toEqual([]);
    const [before] = await users([followee.id], bystander);
    expect(before).toMatchObject({ followersCount: 2 });

    const erasure = await eraseThroughSubgraph(target, person.id);
    expect(counts(erasure.tables)).toMatchObject({
      "activity_likes DELETED": 2,
      "shared_activity_reads DELETED": 1,
      "shared_activity_reads TOMBSTONED": 1,
      "activities DELETED": 3,
      "activities ANONYMISED": 1,
      "follows DELETED": 2,
      "feed_preferences DELETED": 1,
    });
    expect(await findTraces(h.db, [person.id, title])).toEqual([]);
    expect(await redis.keys(`*${person.id}*`)).toEqual([]);
    expect(Number(await redis.get(generation))).toBeGreaterThan(generationBefore);

    // The follower's feed (read through GraphQL) shows nothing of theirs; counts and likes dropped.
    expect(await feedOf(follower)).toEqual([]);
    const [followeeNow, followerNow, erased] = await users([followee.id, follower.id, person.id], bystander);
    expect(erased).toBeNull();
    expect(followeeNow).toMatchObject({ followersCount: 1, followingCount: 0 });
    expect(followeeNow?.activities).toContainEqual({ id: theirs.post, likeCount: 1 });
    expect(followerNow).toMatchObject({ followersCount: 0, followingCount: 0 });
    // Other people's rows stay: the gift without its recipient, the read of the followee's goal under the tombstone.
    expect(await h.db.activity.findUnique({ where: { id: theirs.gift } })).toMatchObject({
      actorId: followee.id,
      targetUserId: null,
    });
    const readsOfFollowee = await h.db.sharedActivityRead.findMany({ where: { ownerId: followee.id } });
    expect(readsOfFollowee).toContainEqual(
      expect.objectContaining({ activityId: theirs.goal, readerId: erasure.tombstoneId, reads: 1 }),
    );
    expect(await h.db.activityLike.findMany({ where: { activityId: theirs.post } })).toEqual([
      expect.objectContaining({ userId: bystander.id }),
    ]);

    // An event about them still in flight makes nothing; nobody can follow them again.
    expect(await happen(contentPublishedV1, payloads.contentPublished(person.id))).toBeNull();
    const refollow = await h.request(FOLLOW, { userId: person.id }, follower.token);
    expect(refollow.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect(await findTraces(h.db, [person.id, title])).toEqual([]);

    const replay = await eraseThroughSubgraph(target, person.id, erasure);
    expect(replay.tables.filter((t) => t.rows > 0)).toEqual([]);
    expect(await h.db.activity.count({ where: { actorId: followee.id } })).toBe(3);
    expect(await h.db.follow.count({ where: { followeeId: followee.id } })).toBe(1);
  });
});
