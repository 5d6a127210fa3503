import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphqlClient } from "./support/graphqlClient.ts";
import type { SeededPerson } from "./support/seed/seededPerson.ts";
import { seedPersonEverywhere } from "./support/seedPerson.ts";
import { startFullPlatform } from "./support/startFullPlatform.ts";
import type { StartedPlatform } from "./support/startPlatform.ts";

// The seeder of issue 13's proof: one person with data in every subgraph, made through the router.
// Each item it reports is read back through the router, as the person (or the admin) sees it.

let platform: StartedPlatform;
let request: ReturnType<typeof graphqlClient>;
let seeded: SeededPerson;

async function read<T>(query: string, variables: Record<string, unknown>, token: string): Promise<T> {
  const { data, errors } = await request<T>(query, variables, token);
  expect(errors).toBeUndefined();
  return data as T;
}
const ids = (nodes: Array<{ id: string }>) => nodes.map((node) => node.id);

beforeAll(async () => {
  platform = await startFullPlatform();
  request = graphqlClient(platform.url);
  seeded = await seedPersonEverywhere(platform);
}, 240_000);
afterAll(async () => {
  await platform?.close();
});

describe("seedPersonEverywhere", () => {
  it("registers the person with their email, password and display name", async () => {
    const { me } = await read<{ me: { id: string; email: string; displayName: string } }>(
      "{ me { id email displayName } }",
      {},
      seeded.token,
    );
    expect(me).toEqual({ id: seeded.id, email: seeded.email, displayName: seeded.displayName });
    const login = await request<{ login: { user: { id: string } } }>(
      "mutation($email: String!, $password: String!) { login(input: { email: $email, password: $password }) { user { id } } }",
      { email: seeded.email, password: seeded.password },
    );
    expect(login.data?.login.user.id).toBe(seeded.id);
    expect(seeded.items.auth.coachApplications).toHaveLength(1);
  });

  it("leaves user's records, goal, device, grants and the coach's read in the access log", async () => {
    const { items, id, token } = seeded;
    const user = await read<{
      healthRecords: { nodes: Array<{ id: string }> };
      healthGoals: Array<{ id: string }>;
      deviceBindings: Array<{ id: string }>;
      assessments: Array<{ id: string }>;
      healthActions: Array<{ id: string }>;
      consentGrants: Array<{ id: string }>;
      aiConsentGrants: Array<{ id: string }>;
      healthDataAccessLog: Array<{ id: string }>;
    }>(
      `query($id: ID!) {
        healthRecords(userId: $id) { nodes { id } } healthGoals(userId: $id) { id }
        deviceBindings(userId: $id) { id } assessments(userId: $id) { id } healthActions(userId: $id) { id }
        consentGrants { id } aiConsentGrants { id } healthDataAccessLog(userId: $id, first: 200) { id }
      }`,
      { id },
      token,
    );
    expect(ids(user.healthRecords.nodes)).toEqual(expect.arrayContaining(items.user.healthRecords!));
    expect(ids(user.healthGoals)).toEqual(items.user.healthGoals);
    expect(ids(user.deviceBindings)).toEqual(items.user.deviceBindings);
    expect(ids(user.assessments)).toEqual(items.user.assessments);
    expect(ids(user.healthActions)).toEqual(items.user.healthActions);
    expect(ids(user.consentGrants)).toEqual(items.user.consentGrants);
    expect(ids(user.aiConsentGrants)).toEqual(items.user.aiConsentGrants);
    expect(ids(user.healthDataAccessLog)).toEqual(expect.arrayContaining(items.user.accessLog!));
  });

  it("leaves dynamic's follows both ways and an activity in the follower's feed", async () => {
    const { others, id } = seeded;
    const graph = await read<{
      following: { nodes: Array<{ id: string }> };
      followers: { nodes: Array<{ id: string }> };
    }>(
      "query($id: ID!) { following(userId: $id) { nodes { id } } followers(userId: $id) { nodes { id } } }",
      { id },
      seeded.token,
    );
    expect(ids(graph.following.nodes)).toEqual([others.coach.id]);
    expect(ids(graph.followers.nodes)).toEqual([others.follower.id]);
    const { feed } = await read<{ feed: { nodes: Array<{ id: string }> } }>(
      "{ feed(first: 50) { nodes { id } } }",
      {},
      others.follower.token,
    );
    expect(ids(feed.nodes)).toEqual(expect.arrayContaining(seeded.items.dynamic.activities!));
  });

  it("leaves trade's orders, finance's payments, points and gift, and ec's shop order", async () => {
    const { items, id, token } = seeded;
    const money = await read<{
      myOrders: { nodes: Array<{ id: string; status: string }> };
      payments: { nodes: Array<{ id: string }> };
      pointsHistory: { nodes: Array<{ id: string }> };
      shopOrders: { nodes: Array<{ id: string }> };
    }>(
      `query($id: ID) {
        myOrders { nodes { id status } } payments(payerId: $id) { nodes { id } }
        pointsHistory(userId: $id) { nodes { id } } shopOrders(buyerId: $id) { nodes { id } }
      }`,
      { id },
      token,
    );
    expect(money.myOrders.nodes.map((o) => o.status).sort()).toEqual(["COMPLETED", "OPEN"]);
    expect(ids(money.myOrders.nodes).sort()).toEqual([...items.trade.ordersAsCustomer!].sort());
    expect(ids(money.payments.nodes).sort()).toEqual([...items.finance.payments!].sort());
    expect(ids(money.pointsHistory.nodes)).toEqual(expect.arrayContaining(items.finance.pointsEntries!));
    expect(items.finance.pointsEntries!.length).toBeGreaterThanOrEqual(2);
    expect(ids(money.shopOrders.nodes)).toEqual(items.ec.shopOrders);
  });

  it("leaves content's post, like, comment and course purchase", async () => {
    const { items, id, token, texts } = seeded;
    const content = await read<{
      posts: { nodes: Array<{ id: string; title: string }> };
      post: { likedByMe: boolean; comments: { nodes: Array<{ id: string; body: string }> } };
      coursePurchase: { status: string };
    }>(
      `query($id: ID!, $liked: ID!, $purchase: ID!) {
        posts(authorId: $id) { nodes { id title } }
        post(id: $liked) { likedByMe comments { nodes { id body } } }
        coursePurchase(id: $purchase) { status }
      }`,
      { id, liked: items.content.likedPosts![0], purchase: items.content.coursePurchases![0] },
      token,
    );
    expect(content.posts.nodes).toEqual([{ id: items.content.posts![0], title: texts.postTitle }]);
    expect(content.post.likedByMe).toBe(true);
    expect(content.post.comments.nodes).toEqual([{ id: items.content.comments![0], body: texts.comment }]);
    expect(content.coursePurchase.status).toBe("PAID");
  });

  it("leaves biz's chat line and community membership, and ops's rating and notifications", async () => {
    const { items, token, others, texts } = seeded;
    const biz = await read<{
      chatMessages: Array<{ id: string; text: string }>;
      communities: { nodes: Array<{ id: string }> };
      coachRating: { ratings: { nodes: Array<{ id: string; comment: string }> } };
      notifications: { nodes: Array<{ id: string }> };
    }>(
      `query($stream: ID!, $coach: ID!) {
        chatMessages(streamId: $stream) { id text }
        communities(joined: true) { nodes { id } }
        coachRating(coachId: $coach) { ratings { nodes { id comment } } }
        notifications(first: 50) { nodes { id } }
      }`,
      { stream: seeded.places.liveRoomId, coach: others.coach.id },
      token,
    );
    expect(biz.chatMessages).toContainEqual({ id: items.biz.chatMessages![0], text: texts.chat });
    expect(ids(biz.communities.nodes)).toEqual([seeded.places.communityId]);
    expect(biz.coachRating.ratings.nodes).toEqual([
      { id: items.ops.ratingsGiven![0], comment: texts.ratingComment },
    ]);
    expect(ids(biz.notifications.nodes)).toEqual(expect.arrayContaining(items.ops.notifications!));
  });

  it("leaves ai's generation task and risk score", async () => {
    const { items, token, others } = seeded;
    const task = await read<{ generationTask: { status: string } }>(
      "query($id: ID!) { generationTask(id: $id) { status } }",
      { id: items.ai.generationTasks![0] },
      token,
    );
    expect(task.generationTask.status).toBe("SUCCEEDED");
    const risk = await read<{ riskScore: { score: number } | null }>(
      "query($id: ID!) { riskScore(userId: $id) { score } }",
      { id: seeded.id },
      others.admin.token,
    );
    expect(risk.riskScore).not.toBeNull();
  });

  it("reports an item for every subgraph", () => {
    for (const [holder, kinds] of Object.entries(seeded.items)) {
      const count = Object.values(kinds).reduce((total, list) => total + list.length, 0);
      expect(count, holder).toBeGreaterThan(0);
    }
  });
});
