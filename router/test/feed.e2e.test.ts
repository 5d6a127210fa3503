import { randomUUID } from "node:crypto";
import { contentPublishedV1 } from "@health/events/catalog";
import { eventually } from "@health/platform/testing";
import { createClient } from "graphql-ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { graphqlClient } from "./support/graphqlClient.ts";
import { signUp } from "./support/people.ts";
import { type StartedPlatform, startPlatform } from "./support/startPlatform.ts";

// The activity feed through the router: events from the user subgraph travel outbox → JetStream →
// dynamic's consumer, and the feed's actors are resolved by auth through federation.

let platform: StartedPlatform;
let request: ReturnType<typeof graphqlClient>;

type FeedItem = { type: string; topic: string; summary: string; actor: { id: string; displayName: string } };
const FEED = /* GraphQL */ `
  query Feed { feed(first: 20) { nodes { id type topic summary actor { id displayName } } } }
`;

/** Health-derived activities reach followers only when their owner shares them (issue 16.1). */
async function shareHealthActions(token: string): Promise<void> {
  const shared = await request(
    "mutation { setFeedPreferences(input: { sharedHealthActivities: [HEALTH_ACTION_RECORDED] }) { version } }",
    {},
    token,
  );
  expect(shared.errors).toBeUndefined();
}

async function feedOf(token: string): Promise<FeedItem[]> {
  const result = await request<{ feed: { nodes: FeedItem[] } }>(FEED, {}, token);
  expect(result.errors).toBeUndefined();
  return result.data!.feed.nodes;
}

beforeAll(async () => {
  platform = await startPlatform();
  request = graphqlClient(platform.url);
});
afterAll(async () => {
  await platform?.close();
});

describe("the activity feed through the router", () => {
  it("shows a shared health action to a follower, with the actor's name from auth, and not to a stranger", async () => {
    const ann = await signUp(request, "Ann");
    const bob = await signUp(request, "Bob");
    const carl = await signUp(request, "Carl");
    await shareHealthActions(ann.token);
    expect(
      (await request("mutation($id: ID!) { follow(userId: $id) { id } }", { id: ann.id }, bob.token)).errors,
    ).toBeUndefined();

    const action = await request(
      "mutation { recordHealthAction(input: { type: WORKOUT, durationMinutes: 30 }) { id } }",
      {},
      ann.token,
    );
    expect(action.errors).toBeUndefined();

    const bobs = await eventually(
      () => feedOf(bob.token),
      (items) => items.length > 0,
    );
    expect(bobs).toEqual([
      expect.objectContaining({
        type: "HEALTH_ACTION_RECORDED",
        topic: "health",
        summary: "recorded a health action",
        actor: { id: ann.id, displayName: "Ann" },
      }),
    ]);
    expect(await feedOf(carl.token)).toEqual([]);
    // Ann's own feed may also hold the points the action earned her (finance's points_awarded, private).
    const annsTypes = (await feedOf(ann.token)).map((item) => item.type);
    expect(annsTypes).toContain("HEALTH_ACTION_RECORDED");
    expect(annsTypes.filter((type) => type !== "HEALTH_ACTION_RECORDED")).toEqual(
      annsTypes.includes("POINTS_AWARDED") ? ["POINTS_AWARDED"] : [],
    );
  });

  it("ranks trending by engagement", async () => {
    const achievers = [await signUp(request, "Dana"), await signUp(request, "Eve")];
    for (const person of achievers) {
      await platform.publishEvent(
        contentPublishedV1,
        {
          contentId: randomUUID(),
          authorId: person.id,
          kind: "ARTICLE",
          title: `${person.id} on sleep`,
          publishedAt: new Date().toISOString(),
        },
        person.id,
      );
      await eventually(
        () => feedOf(person.token),
        (items) => items.length === 1,
      );
    }
    type Trending = { trending: Array<{ id: string; likeCount: number; actor: { displayName: string } }> };
    const query = "query { trending(window: 1, first: 10) { id likeCount actor { displayName } } }";
    const before = await eventually(
      () => request<Trending>(query, {}, achievers[0]!.token),
      (r) =>
        (r.data?.trending ?? []).filter((a) => ["Dana", "Eve"].includes(a.actor.displayName)).length === 2,
    );
    const danas = before.data!.trending.find((a) => a.actor.displayName === "Dana")!;

    // Dana's article is older, so with no engagement it ranks below Eve's; three likes lift it above.
    for (const liker of [
      await signUp(request, "L1"),
      await signUp(request, "L2"),
      await signUp(request, "L3"),
    ]) {
      const like = await request(
        "mutation($id: ID!) { likeActivity(id: $id) { likeCount } }",
        { id: danas.id },
        liker.token,
      );
      expect(like.errors).toBeUndefined();
    }
    const after = await request<Trending>(query, {}, achievers[0]!.token);
    const names = after
      .data!.trending.map((a) => a.actor.displayName)
      .filter((n) => ["Dana", "Eve"].includes(n));
    expect(names).toEqual(["Dana", "Eve"]);
    expect(after.data!.trending.find((a) => a.id === danas.id)?.likeCount).toBe(3);
  });

  it("reorders the feed by the reader's preferences", async () => {
    const author = await signUp(request, "Author");
    const reader = await signUp(request, "Reader");
    await request("mutation($id: ID!) { follow(userId: $id) { id } }", { id: author.id }, reader.token);
    await shareHealthActions(author.token);

    // An article first (from the content subgraph's event, published here on its behalf), then a workout.
    await platform.publishEvent(
      contentPublishedV1,
      {
        contentId: randomUUID(),
        authorId: author.id,
        kind: "ARTICLE",
        title: "Sleep better",
        publishedAt: new Date().toISOString(),
      },
      author.id,
    );
    await eventually(
      () => feedOf(reader.token),
      (items) => items.length === 1,
    );
    await request(
      "mutation { recordHealthAction(input: { type: WORKOUT, durationMinutes: 20 }) { id } }",
      {},
      author.token,
    );
    const byRecency = await eventually(
      () => feedOf(reader.token),
      (items) => items.length === 2,
    );
    expect(byRecency.map((item) => item.topic)).toEqual(["health", "content"]);

    const boost = await request(
      'mutation { setFeedPreferences(input: { boostedTopics: ["content"] }) { boostedTopics } }',
      {},
      reader.token,
    );
    expect(boost.errors).toBeUndefined();
    expect((await feedOf(reader.token)).map((item) => item.topic)).toEqual(["content", "health"]);

    const mute = await request(
      'mutation { setFeedPreferences(input: { mutedTopics: ["health"], boostedTopics: [] }) { mutedTopics } }',
      {},
      reader.token,
    );
    expect(mute.errors).toBeUndefined();
    expect((await feedOf(reader.token)).map((item) => item.topic)).toEqual(["content"]);

    const bad = await request(
      'mutation { setFeedPreferences(input: { mutedTopics: ["gossip"] }) { mutedTopics } }',
      {},
      reader.token,
    );
    expect(bad.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "input.mutedTopics[0]",
    });
  });

  it("pushes feedUpdated over the router's WebSocket, with the actor's name resolved from auth", async () => {
    const ann = await signUp(request, "Annie");
    const bob = await signUp(request, "Bobby");
    await request("mutation($id: ID!) { follow(userId: $id) { id } }", { id: ann.id }, bob.token);
    await shareHealthActions(ann.token);

    const client = createClient({
      url: platform.url.replace("http", "ws"),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${bob.token}` },
    });
    const received = new Promise<unknown>((resolve, reject) => {
      const unsubscribe = client.subscribe(
        { query: "subscription { feedUpdated { type actor { id displayName } } }" },
        {
          next: (value) => {
            unsubscribe();
            resolve(value);
          },
          error: reject,
          complete: () => {},
        },
      );
    });
    // The subscription reaches the dynamic subgraph asynchronously: keep producing until the first arrives.
    let arrived = false;
    void received.then(() => {
      arrived = true;
    });
    for (let attempt = 0; attempt < 40 && !arrived; attempt++) {
      await request(
        "mutation { recordHealthAction(input: { type: WORKOUT, durationMinutes: 45 }) { id } }",
        {},
        ann.token,
      );
      await Promise.race([received, new Promise((resolve) => setTimeout(resolve, 250))]);
    }

    expect(await received).toEqual({
      data: { feedUpdated: { type: "HEALTH_ACTION_RECORDED", actor: { id: ann.id, displayName: "Annie" } } },
    });
    await client.dispose();
  });
});
