import { eventually } from "@health/platform/testing";
import { type Client, createClient } from "graphql-ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { signUpCoach } from "./support/coaches.ts";
import { graphqlClient } from "./support/graphqlClient.ts";
import { type Person, signUp } from "./support/people.ts";
import { type StartedPlatform, startPlatform } from "./support/startPlatform.ts";

// Notifications (issue 12, ops M17) through the router: a follower's notificationReceived gets the
// followed coach's live_started (dynamic's follow → ops's follower projection; biz's startLiveStream →
// ops's rule → the inbox row → NATS → the router's socket), the inbox shows it with the coach's name
// from auth, the unread count and marking read, and a preference turned off creates nothing.

let platform: StartedPlatform;
let request: ReturnType<typeof graphqlClient>;
const sockets: Client[] = [];

beforeAll(async () => {
  platform = await startPlatform({ ops: true, biz: true });
  request = graphqlClient(platform.url);
}, 60_000);
afterAll(async () => {
  for (const socket of sockets) await socket.dispose();
  await platform?.close();
});

const ok = async <T>(query: string, variables: Record<string, unknown>, token: string): Promise<T> => {
  const { data, errors } = await request<T>(query, variables, token);
  if (!data || errors) throw new Error(JSON.stringify(errors));
  return data;
};

interface Item {
  id: string;
  kind: string;
  title: string;
  body: string;
  data: { streamId: string | null };
  actor: { id: string; displayName: string } | null;
  readAt: string | null;
}

const ITEM = "id kind title body data { streamId } actor { id displayName } readAt";
const RECEIVED = `subscription { notificationReceived { ${ITEM} } }`;
const INBOX = `query { notifications(first: 50) { nodes { ${ITEM} } } unreadNotificationCount }`;

function socketOf(person: Person): Client {
  const client = createClient({
    url: platform.url.replace("http", "ws"),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    connectionParams: { authorization: `Bearer ${person.token}` },
  });
  sockets.push(client);
  return client;
}

/** What one notificationReceived subscription receives. */
function watch(person: Person) {
  const items: Item[] = [];
  const errors: unknown[] = [];
  socketOf(person).subscribe(
    { query: RECEIVED },
    {
      next: (value) => {
        if (value.errors) errors.push(...value.errors);
        const item = value.data?.notificationReceived as Item | undefined;
        if (item) items.push(item);
      },
      error: (error) => errors.push(error),
      complete: () => undefined,
    },
  );
  return { items, errors };
}

const inbox = (person: Person) =>
  ok<{ notifications: { nodes: Item[] }; unreadNotificationCount: number }>(INBOX, {}, person.token);

async function goLive(host: Person, title: string): Promise<string> {
  const { scheduleLiveStream } = await ok<{ scheduleLiveStream: { id: string } }>(
    "mutation($input: ScheduleLiveStreamInput!) { scheduleLiveStream(input: $input) { id } }",
    { input: { title, scheduledAt: new Date(Date.now() + 60_000).toISOString() } },
    host.token,
  );
  await ok(
    "mutation($id: ID!) { startLiveStream(id: $id) { id } }",
    { id: scheduleLiveStream.id },
    host.token,
  );
  return scheduleLiveStream.id;
}

describe("notifications through the router", () => {
  it("a followed coach going live reaches the follower's notificationReceived; inbox, unread count, mark read; a preference off creates nothing", async () => {
    const coach = await signUpCoach(platform, request, "LiveCoach");
    const follower = await signUp(request, "Fan");
    const live = watch(follower);

    await ok("mutation($id: ID!) { follow(userId: $id) { id } }", { id: coach.id }, follower.token);
    // ops saw the follow (its projection is what live_started fans out to): the coach was told of it.
    const coachInbox = await eventually(
      () => inbox(coach),
      (page) => page.notifications.nodes.some((n) => n.kind === "NEW_FOLLOWER"),
    );
    expect(coachInbox.notifications.nodes[0]).toMatchObject({
      kind: "NEW_FOLLOWER",
      actor: { id: follower.id, displayName: "Fan" },
    });

    const streamId = await goLive(coach, "Evening stretch");
    await eventually(
      async () => live.items,
      (items) => items.some((n) => n.kind === "LIVE_STARTED"),
      10_000,
    );
    expect(live.errors).toEqual([]);
    expect(live.items).toEqual([
      expect.objectContaining({
        kind: "LIVE_STARTED",
        title: "A coach you follow is live",
        body: "Evening stretch",
        data: { streamId },
        actor: { id: coach.id, displayName: "LiveCoach" },
        readAt: null,
      }),
    ]);

    const before = await inbox(follower);
    expect(before.notifications.nodes.map((n) => n.id)).toEqual([live.items[0]!.id]);
    expect(before.unreadNotificationCount).toBe(1);
    const marked = await ok<{ markNotificationsRead: { id: string; readAt: string | null }[] }>(
      "mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) { id readAt } }",
      { ids: [live.items[0]!.id] },
      follower.token,
    );
    expect(marked.markNotificationsRead[0]!.readAt).not.toBeNull();
    expect((await inbox(follower)).unreadNotificationCount).toBe(0);

    // The follower turns live notifications off in the app: the coach's next stream creates nothing.
    await ok(
      "mutation { setNotificationPreference(kind: LIVE_STARTED, channel: IN_APP, enabled: false) { enabled } }",
      {},
      follower.token,
    );
    await ok("mutation($id: ID!) { endLiveStream(id: $id) { id } }", { id: streamId }, coach.token);
    const second = await goLive(coach, "Morning yoga");
    const opsDb = platform.opsDeps!.db;
    // The fan-out for that live_started finished, having reached the follower and written nothing.
    const send = await eventually(
      () =>
        opsDb.notificationSend.findFirst({
          where: { kind: "LIVE_STARTED", data: { path: ["streamId"], equals: second } },
        }),
      (row) => row?.status === "DONE",
      10_000,
    );
    expect(send).toMatchObject({ recipientCount: 1, deliveredCount: 0 });
    const after = await inbox(follower);
    expect(after.notifications.nodes.some((n) => n.data.streamId === second)).toBe(false);
    expect(live.items.some((n) => n.data.streamId === second)).toBe(false);
  });
});
