import { randomUUID } from "node:crypto";
import { eventually } from "@health/platform/testing";
import { type Client, createClient } from "graphql-ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { adminOf, signUpCoach } from "./support/coaches.ts";
import { graphqlClient } from "./support/graphqlClient.ts";
import { type Person, signUp } from "./support/people.ts";
import { type StartedPlatform, startPlatform } from "./support/startPlatform.ts";

// Live-room chat (issue 11, biz point 3) through the router: messages over the router's WebSocket with
// the sender's display name from auth, slow mode, mutes, a ban ending the banned viewer's subscriptions,
// a resume with the last id, a gift sent in the room through finance, and the viewer count.

let platform: StartedPlatform;
let request: ReturnType<typeof graphqlClient>;
const sockets: Client[] = [];

beforeAll(async () => {
  platform = await startPlatform({ biz: true });
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

interface ChatEvent {
  kind: string;
  message: { id: string; text: string; kind: string; sender: { id: string; displayName: string } } | null;
  deletedMessageId: string | null;
  viewerCount: number | null;
}

const LIVE_CHAT = `subscription($streamId: ID!, $after: ID) {
  liveChat(streamId: $streamId, after: $after) {
    kind deletedMessageId viewerCount
    message { id text kind sender { id displayName } }
  }
}`;
const SEND = `mutation($streamId: ID!, $text: String!) { sendChatMessage(streamId: $streamId, text: $text) { id text } }`;
const VIEWERS = `query($id: ID!) { liveStream(id: $id) { viewerCount } }`;

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

/** What one liveChat subscription receives (chat events, viewer counts aside), until `stop()`. */
function watch(person: Person, streamId: string, after?: string) {
  const events: ChatEvent[] = [];
  const errors: unknown[] = [];
  let completed = false;
  const stop = socketOf(person).subscribe(
    { query: LIVE_CHAT, variables: { streamId, after } },
    {
      next: (value) => {
        if (value.errors) errors.push(...value.errors);
        const event = value.data?.liveChat as ChatEvent | undefined;
        if (event && event.kind !== "VIEWERS") events.push(event);
      },
      error: (error) => errors.push(error),
      complete: () => {
        completed = true;
      },
    },
  );
  return { events, errors, stop, completed: () => completed };
}

const texts = (w: { events: ChatEvent[] }) => w.events.map((e) => e.message?.text);

async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  await eventually(async () => check(), Boolean, timeoutMs);
}

async function liveRoom(host: Person): Promise<string> {
  const { scheduleLiveStream } = await ok<{ scheduleLiveStream: { id: string } }>(
    "mutation($input: ScheduleLiveStreamInput!) { scheduleLiveStream(input: $input) { id } }",
    { input: { title: "Evening stretch", scheduledAt: new Date(Date.now() + 60_000).toISOString() } },
    host.token,
  );
  await ok(
    "mutation($id: ID!) { startLiveStream(id: $id) { id } }",
    { id: scheduleLiveStream.id },
    host.token,
  );
  return scheduleLiveStream.id;
}

const viewerCount = async (streamId: string, token: string) =>
  (await ok<{ liveStream: { viewerCount: number | null } }>(VIEWERS, { id: streamId }, token)).liveStream
    .viewerCount;

/** Waits until `streamId` counts `n` viewers: a subscription is counted once biz has opened it. */
const viewersReach = (streamId: string, token: string, n: number) =>
  eventually(
    () => viewerCount(streamId, token),
    (count) => count === n,
    10_000,
  );

describe("live-room chat through the router", () => {
  it("two viewers receive a message with the sender's display name; slow mode; a muted user is refused", async () => {
    const host = await signUpCoach(platform, request, "ChatHost");
    const streamId = await liveRoom(host);
    const [alice, bob] = [await signUp(request, "Alice"), await signUp(request, "Bob")];
    const a = watch(alice, streamId);
    const b = watch(bob, streamId);
    await viewersReach(streamId, host.token, 2);
    // Two callers, one upstream operation: the router shares the room's stream, sender names included.
    const upstreams = await eventually(
      async () => platform.bizDeps!.chatViewers.streamsOpen(streamId),
      (n) => n === 1,
    );
    expect(upstreams).toBe(1);

    await ok(SEND, { streamId, text: "hello room" }, alice.token);
    await until(() => a.events.length === 1 && b.events.length === 1);
    for (const w of [a, b]) {
      expect(w.events[0]).toMatchObject({
        kind: "MESSAGE",
        message: { text: "hello room", kind: "USER", sender: { id: alice.id, displayName: "Alice" } },
      });
    }

    const second = await request(SEND, { streamId, text: "again" }, alice.token);
    expect(second.errors?.[0]?.extensions).toMatchObject({ code: "RATE_LIMITED" });
    expect(second.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThanOrEqual(1);

    await ok(
      "mutation($s: ID!, $u: ID!) { muteChatUser(streamId: $s, userId: $u, seconds: 600) { mutedUntil } }",
      { s: streamId, u: bob.id },
      host.token,
    );
    const muted = await request(SEND, { streamId, text: "can you hear me" }, bob.token);
    expect(muted.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN", reason: "MUTED" });
    expect(a.errors).toEqual([]);
    expect(texts(a)).toEqual(["hello room"]);

    a.stop();
    b.stop();
    await viewersReach(streamId, host.token, 0);
  });

  it("a reconnect with the last id seen delivers exactly the missed messages, then live ones", async () => {
    const host = await signUpCoach(platform, request, "ResumeHost");
    const streamId = await liveRoom(host);
    const viewer = await signUp(request, "Carol");
    const first = watch(viewer, streamId);
    await viewersReach(streamId, host.token, 1);
    await ok(SEND, { streamId, text: "one" }, host.token);
    await until(() => first.events.length === 1);
    const lastSeen = first.events[0]!.message!.id;
    first.stop();
    await viewersReach(streamId, host.token, 0);

    for (const text of ["two", "three", "four"]) await ok(SEND, { streamId, text }, host.token);
    const resumed = watch(viewer, streamId, lastSeen);
    await until(() => resumed.events.length === 3);
    await viewersReach(streamId, host.token, 1);
    await ok(SEND, { streamId, text: "five" }, host.token);
    await until(() => resumed.events.length === 4);
    expect(texts(resumed)).toEqual(["two", "three", "four", "five"]);
    expect(resumed.events.every((e) => e.message?.sender.displayName === "ResumeHost")).toBe(true);
    resumed.stop();
  });

  it("a gift sent in the room shows as a system message, and the host's payable moved", async () => {
    const host = await signUpCoach(platform, request, "GiftHost");
    const streamId = await liveRoom(host);
    const fan = await signUp(request, "Dave");
    const admin = await adminOf(platform, request);
    const { createGift } = await ok<{ createGift: { id: string } }>(
      "mutation($input: CreateGiftInput!) { createGift(input: $input) { id } }",
      { input: { name: "Rose", iconUrl: "https://cdn.example.com/rose.png", pricePoints: 10 } },
      admin.token,
    );
    await ok(
      'mutation($id: ID!) { adjustPoints(userId: $id, amount: 100, reason: "chat test") { id } }',
      { id: fan.id },
      admin.token,
    );
    const w = watch(fan, streamId);
    await viewersReach(streamId, host.token, 1);

    const { sendGift } = await ok<{ sendGift: { coachShare: number; liveRoomId: string } }>(
      "mutation($input: SendGiftInput!) { sendGift(input: $input) { coachShare liveRoomId } }",
      {
        input: {
          giftId: createGift.id,
          recipientId: host.id,
          quantity: 3,
          liveRoomId: streamId,
          idempotencyKey: randomUUID(),
        },
      },
      fan.token,
    );
    expect(sendGift.liveRoomId).toBe(streamId);
    await until(() => w.events.length === 1, 15_000);
    expect(w.events[0]).toMatchObject({
      kind: "MESSAGE",
      message: {
        kind: "SYSTEM",
        text: `sent 3 × ${createGift.id}`,
        sender: { id: fan.id, displayName: "Dave" },
      },
    });

    const balance = await ok<{ pointsBalance: number }>("query { pointsBalance }", {}, fan.token);
    expect(balance.pointsBalance).toBe(70);
    const payable = await platform.financeDb!.ledgerAccount.findUnique({
      where: { owner_kind_unit: { owner: host.id, kind: "COACH_PAYABLE", unit: "POINTS" } },
    });
    expect(Number(payable?.balance)).toBe(sendGift.coachShare);
    expect(sendGift.coachShare).toBeGreaterThan(0);
    w.stop();
  });

  it("a ban ends the banned viewer's subscriptions (shared and resumed) with FORBIDDEN; the others go on", async () => {
    const host = await signUpCoach(platform, request, "BanHost");
    const streamId = await liveRoom(host);
    const [erin, frank] = [await signUp(request, "Erin"), await signUp(request, "Frank")];
    const e = watch(erin, streamId);
    const f = watch(frank, streamId);
    await viewersReach(streamId, host.token, 2);
    // One upstream stream serves both: the router, not biz, holds Frank's place in it.
    expect(platform.bizDeps!.chatViewers.streamsOpen(streamId)).toBe(1);
    const { sendChatMessage: first } = await ok<{ sendChatMessage: { id: string } }>(
      SEND,
      { streamId, text: "welcome" },
      host.token,
    );
    await until(() => e.events.length === 1 && f.events.length === 1);
    // A resume is Frank's own stream (private, ended by biz itself).
    const resumed = watch(frank, streamId, first.id);
    await viewersReach(streamId, host.token, 3);

    // A mute refuses sending only: Erin goes on watching.
    await ok(
      "mutation($s: ID!, $u: ID!) { muteChatUser(streamId: $s, userId: $u, seconds: 600) { mutedUntil } }",
      { s: streamId, u: erin.id },
      host.token,
    );
    await ok(
      "mutation($s: ID!, $u: ID!) { banChatUser(streamId: $s, userId: $u) { bannedAt } }",
      { s: streamId, u: frank.id },
      host.token,
    );
    await until(() => f.completed() && resumed.completed());
    for (const ended of [f, resumed]) {
      expect(ended.errors).toEqual([
        expect.objectContaining({
          message: expect.stringMatching(/banned from the chat of live stream/),
          extensions: expect.objectContaining({ code: "FORBIDDEN", reason: "BANNED" }),
        }),
      ]);
    }

    await ok(SEND, { streamId, text: "after the ban" }, host.token);
    await ok("mutation($id: ID!) { deleteChatMessage(messageId: $id) { id } }", { id: first.id }, host.token);
    await until(() => e.events.length === 3);
    expect(e.events.slice(1)).toMatchObject([
      { kind: "MESSAGE", message: { text: "after the ban" } },
      { kind: "DELETED", deletedMessageId: first.id },
    ]);
    expect(e.errors).toEqual([]);
    expect(e.completed()).toBe(false);
    expect(texts(f)).toEqual(["welcome"]);
    await viewersReach(streamId, host.token, 1);

    // Banned, Frank cannot subscribe again.
    const again = watch(frank, streamId);
    await until(() => again.errors.length > 0 || again.completed());
    expect(JSON.stringify(again.errors)).toMatch(/FORBIDDEN/);
    expect(JSON.stringify(again.errors)).toMatch(/BANNED/);
    expect(again.events).toEqual([]);
    e.stop();
  });
});
