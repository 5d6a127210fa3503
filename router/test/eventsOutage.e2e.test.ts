import { type PrivateNatsServer, startPrivateNatsServer } from "@health/platform/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphqlClient } from "./support/graphqlClient.ts";
import { signUp } from "./support/people.ts";
import { type StartedPlatform, startPlatform } from "./support/startPlatform.ts";

// Issue 3 (a): NATS is down while 500 health actions are recorded through the router; once it is back,
// every one reaches the follower's feed exactly once. The platform runs on a NATS of this test's own.

let nats: PrivateNatsServer;
let platform: StartedPlatform;
let request: ReturnType<typeof graphqlClient>;

beforeAll(async () => {
  nats = await startPrivateNatsServer();
  platform = await startPlatform({ natsUrl: nats.url });
  request = graphqlClient(platform.url);
}, 60_000);

afterAll(async () => {
  await nats?.start().catch(() => undefined);
  await platform?.close();
  await nats?.close();
});

describe("health actions recorded while NATS is down", () => {
  it("all reach the follower's feed once NATS is back: no loss, no duplicate", async () => {
    const ann = await signUp(request, "ann");
    const bob = await signUp(request, "bob");
    await request("mutation($id: ID!) { follow(userId: $id) { id } }", { id: ann.id }, bob.token);
    // Health actions are Ann's alone unless she shares them with followers.
    const shared = await request(
      "mutation { setFeedPreferences(input: { sharedHealthActivities: [HEALTH_ACTION_RECORDED] }) { version } }",
      {},
      ann.token,
    );
    expect(shared.errors).toBeUndefined();

    await nats.stop();
    const record = () =>
      request("mutation { recordHealthAction(input: { type: WATER }) { id } }", {}, ann.token).then((r) => {
        expect(r.errors).toBeUndefined();
      });
    for (let batch = 0; batch < 50; batch++) await Promise.all(Array.from({ length: 10 }, record));
    expect(await platform.userDb.outboxEvent.count({ where: { sentAt: null } })).toBe(500);

    await nats.start();
    const deadline = Date.now() + 30_000;
    let activities = 0;
    while (Date.now() < deadline) {
      activities = await platform.dynamicDb.activity.count({
        where: { actorId: ann.id, type: "HEALTH_ACTION_RECORDED" },
      });
      if (activities >= 500) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    // A little longer, so a late duplicate would have time to show.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(
      await platform.dynamicDb.activity.count({ where: { actorId: ann.id, type: "HEALTH_ACTION_RECORDED" } }),
    ).toBe(500);
    expect(await platform.userDb.outboxEvent.count({ where: { sentAt: null } })).toBe(0);

    const feed = await request<{
      feed: { nodes: Array<{ actor: { id: string } }>; pageInfo: { hasNextPage: boolean } };
    }>("query { feed(first: 100) { nodes { actor { id } } pageInfo { hasNextPage } } }", {}, bob.token);
    expect(feed.data?.feed.nodes).toHaveLength(100);
    expect(feed.data?.feed.nodes.every((node) => node.actor.id === ann.id)).toBe(true);
    expect(feed.data?.feed.pageInfo.hasNextPage).toBe(true);
  }, 90_000);
});
