import { randomUUID } from "node:crypto";
import { contentPublishedV1 } from "@health/events/catalog";
import { eventually } from "@health/platform/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphqlClient } from "./support/graphqlClient.ts";
import { manifestIdOf } from "./support/manifestIds.ts";
import { type Person, signUp } from "./support/people.ts";
import { rawPost } from "./support/rawPost.ts";
import { issuePartnerKey } from "./support/roles.ts";
import { type StartedPlatform, startPlatform } from "./support/startPlatform.ts";

// Issue 16.1, as an attacker would try it: activities made from health data (a goal reached, a health
// action, a device sync) never reach `trending`, a partner's feed operation, an anonymous profile or a
// stranger who follows; their summaries name no metric or value; sharing with followers is the
// owner's choice, per kind, and goes no further than followers.

type Item = { id: string; type: string; topic: string; summary: string; actor: { id: string } };
const ITEM = "id type topic summary actor { id }";

let platform: StartedPlatform;
let request: ReturnType<typeof graphqlClient>;
let owner: Person;
let stranger: Person;
let feedKey: string;

const trendingDocumentId = manifestIdOf("TrendingActivities");

async function feedOf(token: string): Promise<Item[]> {
  const result = await request<{ feed: { nodes: Item[] } }>(
    `{ feed(first: 50) { nodes { ${ITEM} } } }`,
    {},
    token,
  );
  expect(result.errors).toBeUndefined();
  return result.data!.feed.nodes;
}

async function anonymousTrending(): Promise<Item[]> {
  const result = await request<{ trending: Item[] }>(`{ trending(window: 24, first: 100) { ${ITEM} } }`);
  expect(result.errors).toBeUndefined();
  return result.data!.trending;
}

async function partnerTrending(): Promise<Item[]> {
  const response = await rawPost(
    platform.url,
    { documentId: trendingDocumentId, variables: { first: 100 } },
    { "x-api-key": feedKey },
  );
  expect(response.status).toBe(200);
  return response.json().data.trending;
}

/** The owner's `User.activities` as a signed-in viewer reads them, through `user(id:)`. */
async function profileActivities(token: string): Promise<string[]> {
  const result = await request<{ user: { activities: Item[] } }>(
    `query($id: ID!) { user(id: $id) { activities(first: 50) { ${ITEM} } } }`,
    { id: owner.id },
    token,
  );
  expect(result.errors).toBeUndefined();
  return result.data!.user.activities.map((item) => item.type);
}

/** The same field read anonymously: `user(id:)` needs a sign-in, a trending actor does not. */
async function anonymousProfileActivities(): Promise<string[]> {
  const result = await request<{ trending: Array<{ actor: { id: string; activities: Item[] } }> }>(
    `{ trending(window: 24, first: 30) { actor { id activities(first: 10) { ${ITEM} } } } }`,
  );
  expect(result.errors).toBeUndefined();
  const actor = result.data!.trending.find((item) => item.actor.id === owner.id)?.actor;
  if (!actor) throw new Error("the owner's article is not in trending");
  return actor.activities.map((item) => item.type);
}

async function mutate(query: string, token: string): Promise<void> {
  const result = await request(query, {}, token);
  expect(result.errors).toBeUndefined();
}

/** A glucose goal reached and a medication taken: the owner's feed shows both, as health. */
async function reachGlucoseGoalAndTakeMedication(): Promise<Item[]> {
  // Counted by topic: the points these earn (finance's points_awarded) reach the owner's feed too.
  const healthItems = (items: Item[]) => items.filter((item) => item.topic === "health").length;
  const before = healthItems(await feedOf(owner.token));
  await mutate(
    "mutation { setHealthGoal(input: { metric: GLUCOSE, target: 6.5, direction: AT_MOST }) { id } }",
    owner.token,
  );
  await mutate(
    "mutation { recordHealthData(input: { metric: GLUCOSE, value: 6.1 }) { achievedGoals { id } } }",
    owner.token,
  );
  await mutate(
    'mutation { recordHealthAction(input: { type: MEDICATION, note: "metformin 500 mg" }) { id } }',
    owner.token,
  );
  return eventually(
    () => feedOf(owner.token),
    (items) => healthItems(items) >= before + 2,
  );
}

beforeAll(async () => {
  platform = await startPlatform();
  request = graphqlClient(platform.url);
  owner = await signUp(request, "Owner");
  stranger = await signUp(request, "Stranger");
  await mutate(`mutation { follow(userId: "${owner.id}") { id } }`, stranger.token);
  feedKey = (await issuePartnerKey(platform, request, { scopes: ["feed"] })).key;
  // Something public of the owner's, so that trending names them and their profile can be reached.
  await platform.publishEvent(
    contentPublishedV1,
    {
      contentId: randomUUID(),
      authorId: owner.id,
      kind: "ARTICLE",
      title: "Walking after dinner",
      publishedAt: new Date().toISOString(),
    },
    owner.id,
  );
  await eventually(
    () => anonymousTrending(),
    (items) => items.some((item) => item.actor.id === owner.id),
  );
});
afterAll(async () => {
  await platform?.close();
});

describe("health-derived activities stay their owner's", () => {
  let ownFeed: Item[];
  beforeAll(async () => {
    ownFeed = await reachGlucoseGoalAndTakeMedication();
  });

  it("the owner sees them, with summaries that name no metric, value or medication", () => {
    const health = ownFeed.filter((item) => item.topic === "health");
    expect(health.map((item) => item.type).sort()).toEqual(["GOAL_ACHIEVED", "HEALTH_ACTION_RECORDED"]);
    for (const item of health) expect(item.summary).not.toMatch(/glucose|6\.5|6\.1|medication|metformin/i);
  });

  it("anonymous trending, a partner's feed operation and an anonymous profile show none of them", async () => {
    const ids = new Set(ownFeed.filter((item) => item.topic === "health").map((item) => item.id));
    expect((await anonymousTrending()).filter((item) => ids.has(item.id) || item.topic === "health")).toEqual(
      [],
    );
    expect((await partnerTrending()).filter((item) => ids.has(item.id) || item.topic === "health")).toEqual(
      [],
    );
    expect(await anonymousProfileActivities()).toEqual(["CONTENT_PUBLISHED"]);
  });

  it("a stranger who follows the owner sees none of them, in the feed or on the profile", async () => {
    expect((await feedOf(stranger.token)).map((item) => item.type)).toEqual(["CONTENT_PUBLISHED"]);
    expect(await profileActivities(stranger.token)).toEqual(["CONTENT_PUBLISHED"]);
  });
});

describe("sharing is the owner's choice, per kind, and reaches followers only", () => {
  it("a goal shared with followers reaches the follower; trending, partners and anonymous callers still see nothing", async () => {
    await mutate(
      "mutation { setFeedPreferences(input: { sharedHealthActivities: [GOAL_ACHIEVED] }) { version } }",
      owner.token,
    );
    await reachGlucoseGoalAndTakeMedication();
    const followerFeed = await eventually(
      () => feedOf(stranger.token),
      (items) => items.length > 1,
    );
    expect(followerFeed.map((item) => [item.type, item.summary])).toEqual([
      ["GOAL_ACHIEVED", "achieved a health goal"],
      ["CONTENT_PUBLISHED", expect.any(String)],
    ]);
    const shared = followerFeed[0]!.id;
    expect((await anonymousTrending()).some((item) => item.id === shared)).toBe(false);
    expect((await partnerTrending()).some((item) => item.id === shared)).toBe(false);
    expect(await anonymousProfileActivities()).toEqual(["CONTENT_PUBLISHED"]);
    const reads = await request<{
      sharedActivityReads: Array<{ activity: { id: string }; reader: { id: string } }>;
    }>("{ sharedActivityReads { activity { id } reader { id } } }", {}, owner.token);
    expect(reads.data?.sharedActivityReads).toEqual([
      { activity: { id: shared }, reader: { id: stranger.id } },
    ]);

    await mutate(
      "mutation { setFeedPreferences(input: { sharedHealthActivities: [] }) { version } }",
      owner.token,
    );
    expect((await feedOf(stranger.token)).map((item) => item.type)).toEqual(["CONTENT_PUBLISHED"]);
  });
});
