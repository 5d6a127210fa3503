import { randomUUID } from "node:crypto";
import { giftSentV1 } from "@health/events/catalog";
import type { Role } from "@health/platform/auth";
import { Presence, presenceRedisKey } from "@health/platform/redis";
import { eventually } from "@health/platform/testing";
import { type ExecutionResult, parse, subscribe } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHAT_REPLAY_LIMIT } from "../src/domain/chat/history.ts";
import { liveChatPresenceKey } from "../src/domain/chat/viewers.ts";
import { envelopeOf, giftTo } from "./fixtures.ts";
import { type BizHarness, startBizSubgraph } from "./harness.ts";

let h: BizHarness;
beforeAll(async () => {
  h = await startBizSubgraph();
});
afterAll(async () => {
  await h?.close();
});

type Person = { id: string; token: string; roles: Role[] };
type Stream = AsyncIterableIterator<ExecutionResult>;

const MESSAGE = "id streamId sender { id } kind text createdAt deletedAt";
const SCHEDULE = `mutation($input: ScheduleLiveStreamInput!) { scheduleLiveStream(input: $input) { id } }`;
const END = `mutation($id: ID!) { endLiveStream(id: $id) { id } }`;
const START = `mutation($id: ID!) { startLiveStream(id: $id) { id } }`;
const SEND = `mutation($streamId: ID!, $text: String!) { sendChatMessage(streamId: $streamId, text: $text) { ${MESSAGE} } }`;
const DELETE = `mutation($messageId: ID!) { deleteChatMessage(messageId: $messageId) { ${MESSAGE} } }`;
const HISTORY = `query($streamId: ID!, $last: Int) { chatMessages(streamId: $streamId, last: $last) { ${MESSAGE} } }`;
const SLOW = `mutation($streamId: ID!, $seconds: Int!) { setChatSlowMode(streamId: $streamId, seconds: $seconds) { id chatSlowModeSeconds } }`;
const VIEWERS = `query($id: ID!) { liveStream(id: $id) { viewerCount chatSlowModeSeconds } }`;
const member = (name: string, extra = "") =>
  `mutation($streamId: ID!, $userId: ID! ${extra ? ", $seconds: Int!" : ""}) { ${name}(streamId: $streamId, userId: $userId ${extra}) { streamId user { id } moderator mutedUntil bannedAt } }`;
const APPOINT = member("appointChatModerator");
const DISMISS = member("dismissChatModerator");
const MUTE = member("muteChatUser", ", seconds: $seconds");
const UNMUTE = member("unmuteChatUser");
const BAN = member("banChatUser");
const UNBAN = member("unbanChatUser");
const LIVE_CHAT = `subscription($streamId: ID!, $after: ID) {
  liveChat(streamId: $streamId, after: $after) { kind message { id text kind sender { id } } deletedMessageId viewerCount }
}`;

interface Msg {
  id: string;
  text: string;
  kind: string;
  sender: { id: string };
  deletedAt: string | null;
}
interface ChatEvent {
  kind: string;
  message: Msg | null;
  deletedMessageId: string | null;
  viewerCount: number | null;
}

async function roomOf(host: Person): Promise<string> {
  const scheduledAt = new Date(Date.now() + 3_600_000).toISOString();
  const result = await h.request<{ scheduleLiveStream: { id: string } }>(
    SCHEDULE,
    { input: { title: "Chat room", scheduledAt } },
    host.token,
  );
  expect(result.errors).toBeUndefined();
  return result.data!.scheduleLiveStream.id;
}

async function send(who: Person, streamId: string, text: string) {
  return h.request<{ sendChatMessage: Msg }>(SEND, { streamId, text }, who.token);
}

async function sent(who: Person, streamId: string, text: string): Promise<Msg> {
  const result = await send(who, streamId, text);
  expect(result.errors).toBeUndefined();
  return result.data!.sendChatMessage;
}

const codeOf = (result: { errors?: ReadonlyArray<{ extensions?: Record<string, unknown> }> }) =>
  result.errors?.[0]?.extensions?.code;
const extensionsOf = (result: { errors?: ReadonlyArray<{ extensions?: Record<string, unknown> }> }) =>
  result.errors?.[0]?.extensions;

async function open(who: Person, streamId: string, after?: string): Promise<Stream | ExecutionResult> {
  const result = await subscribe({
    schema: h.server.schema,
    document: parse(LIVE_CHAT),
    variableValues: { streamId, after },
    contextValue: h.contextFor(who),
  });
  return result as Stream | ExecutionResult;
}

async function openStream(who: Person, streamId: string, after?: string): Promise<Stream> {
  const result = await open(who, streamId, after);
  if (!(Symbol.asyncIterator in result)) throw new Error(`no subscription: ${JSON.stringify(result.errors)}`);
  return result;
}

async function nextEvent(stream: Stream, ms = 5_000): Promise<ChatEvent | "timeout"> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), ms);
  });
  const next = stream.next().then((r) => {
    const value = r.value as ExecutionResult | undefined;
    if (value?.errors) throw new Error(JSON.stringify(value.errors));
    return (value?.data?.liveChat as ChatEvent | undefined) ?? ("timeout" as const);
  });
  const result = await Promise.race([next, timeout]);
  clearTimeout(timer);
  return result;
}

/** The next MESSAGE or DELETED event, skipping viewer counts. */
async function nextChatEvent(stream: Stream, ms = 5_000): Promise<ChatEvent | "timeout"> {
  for (;;) {
    const event = await nextEvent(stream, ms);
    if (event === "timeout" || event.kind !== "VIEWERS") return event;
  }
}

describe("sendChatMessage and chatMessages", () => {
  it("stores messages and returns the latest `last`, oldest first", async () => {
    const host = await h.person(["user", "coach"]);
    const streamId = await roomOf(host);
    for (const text of ["one", "two", "three"]) await sent(host, streamId, text);
    const viewer = await h.person();
    const mine = await sent(viewer, streamId, "  hello  ");
    expect(mine).toMatchObject({ text: "hello", kind: "USER", sender: { id: viewer.id }, deletedAt: null });
    const history = await h.request<{ chatMessages: Msg[] }>(HISTORY, { streamId, last: 2 }, viewer.token);
    expect(history.data?.chatMessages.map((m) => m.text)).toEqual(["three", "hello"]);
    const row = await h.db.chatMessage.findUniqueOrThrow({ where: { id: mine.id } });
    expect(row).toMatchObject({ streamId, senderId: viewer.id, kind: "USER" });
  });

  it("refuses bad text and a bad `last` naming the field, writing nothing", async () => {
    const host = await h.person(["user", "coach"]);
    const streamId = await roomOf(host);
    for (const text of ["", "   ", "x".repeat(501)]) {
      expect(extensionsOf(await send(host, streamId, text))).toMatchObject({
        code: "BAD_USER_INPUT",
        field: "text",
      });
    }
    expect(await h.db.chatMessage.count({ where: { streamId } })).toBe(0);
    const history = await h.request(HISTORY, { streamId, last: 101 }, host.token);
    expect(extensionsOf(history)).toMatchObject({ code: "BAD_USER_INPUT", field: "last" });
  });

  it("is NOT_FOUND for no stream, and CONFLICT once the stream ended", async () => {
    const host = await h.person(["user", "coach"]);
    expect(codeOf(await send(host, randomUUID(), "hi"))).toBe("NOT_FOUND");
    const streamId = await roomOf(host);
    expect((await h.request(START, { id: streamId }, host.token)).errors).toBeUndefined();
    await sent(host, streamId, "live now");
    expect((await h.request(END, { id: streamId }, host.token)).errors).toBeUndefined();
    expect(codeOf(await send(host, streamId, "too late"))).toBe("CONFLICT");
  });

  it("needs a signed-in caller", async () => {
    const host = await h.person(["user", "coach"]);
    const streamId = await roomOf(host);
    expect(codeOf(await h.request(SEND, { streamId, text: "hi" }))).toBe("UNAUTHENTICATED");
  });
});

describe("slow mode", () => {
  it("refuses a viewer's second message inside the window with retryAfterSeconds; not the host's", async () => {
    const host = await h.person(["user", "coach"]);
    const streamId = await roomOf(host);
    const viewer = await h.person();
    await sent(viewer, streamId, "first");
    const second = await send(viewer, streamId, "second");
    expect(extensionsOf(second)).toMatchObject({ code: "RATE_LIMITED" });
    expect(extensionsOf(second)?.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(await h.db.chatMessage.count({ where: { streamId, senderId: viewer.id } })).toBe(1);
    await sent(host, streamId, "host one");
    await sent(host, streamId, "host two");
  });

  it("is set by the host only (0 turns it off)", async () => {
    const host = await h.person(["user", "coach"]);
    const streamId = await roomOf(host);
    const viewer = await h.person();
    expect(codeOf(await h.request(SLOW, { streamId, seconds: 0 }, viewer.token))).toBe("FORBIDDEN");
    expect(extensionsOf(await h.request(SLOW, { streamId, seconds: 301 }, host.token))).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "seconds",
    });
    const off = await h.request(SLOW, { streamId, seconds: 0 }, host.token);
    expect(off.data).toEqual({ setChatSlowMode: { id: streamId, chatSlowModeSeconds: 0 } });
    await sent(viewer, streamId, "one");
    await sent(viewer, streamId, "two");
  });
});

describe("moderation", () => {
  it("the host appoints a moderator, who mutes and bans viewers and deletes messages", async () => {
    const host = await h.person(["user", "coach"]);
    const streamId = await roomOf(host);
    const [mod, viewer, other] = await Promise.all([h.person(), h.person(), h.person()]);
    const appointed = await h.request(APPOINT, { streamId, userId: mod.id }, host.token);
    expect(appointed.data).toMatchObject({ appointChatModerator: { moderator: true, user: { id: mod.id } } });

    const muted = await h.request(MUTE, { streamId, userId: viewer.id, seconds: 60 }, mod.token);
    expect(muted.errors).toBeUndefined();
    expect(extensionsOf(await send(viewer, streamId, "hi"))).toMatchObject({
      code: "FORBIDDEN",
      reason: "MUTED",
    });
    expect((await h.request(UNMUTE, { streamId, userId: viewer.id }, mod.token)).errors).toBeUndefined();
    const message = await sent(viewer, streamId, "back");

    const deleted = await h.request<{ deleteChatMessage: Msg }>(DELETE, { messageId: message.id }, mod.token);
    expect(deleted.data?.deleteChatMessage.deletedAt).not.toBeNull();
    const history = await h.request<{ chatMessages: Msg[] }>(HISTORY, { streamId }, other.token);
    expect(history.data?.chatMessages.map((m) => m.id)).not.toContain(message.id);

    expect((await h.request(BAN, { streamId, userId: viewer.id }, mod.token)).errors).toBeUndefined();
    expect(extensionsOf(await send(viewer, streamId, "x"))).toMatchObject({
      code: "FORBIDDEN",
      reason: "BANNED",
    });
    expect(extensionsOf(await h.request(HISTORY, { streamId }, viewer.token))).toMatchObject({
      code: "FORBIDDEN",
      reason: "BANNED",
    });
    const refused = (await open(viewer, streamId)) as ExecutionResult;
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN", reason: "BANNED" });
    expect((await h.request(UNBAN, { streamId, userId: viewer.id }, mod.token)).errors).toBeUndefined();
    expect((await h.request(HISTORY, { streamId }, viewer.token)).errors).toBeUndefined();
    // ops's audit log hears of the ban and the unban, by the moderator, on the viewer.
    const sanctions = await h.db.outboxEvent.findMany({
      where: { subject: "biz.admin_action_recorded.v1", aggregateId: viewer.id },
      orderBy: { createdAt: "asc" },
    });
    expect(sanctions.map((row) => row.envelope)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          actorId: mod.id,
          payload: expect.objectContaining({ action: "ban_chat_user" }),
        }),
        expect.objectContaining({
          actorId: mod.id,
          payload: expect.objectContaining({ action: "unban_chat_user" }),
        }),
      ]),
    );

    expect((await h.request(DISMISS, { streamId, userId: mod.id }, host.token)).errors).toBeUndefined();
    expect(codeOf(await h.request(BAN, { streamId, userId: other.id }, mod.token))).toBe("FORBIDDEN");
  });

  it("nobody else moderates; moderators cannot appoint or touch the host; the host is never muted", async () => {
    const host = await h.person(["user", "coach"]);
    const streamId = await roomOf(host);
    const [mod, stranger, viewer] = await Promise.all([h.person(), h.person(), h.person()]);
    await h.request(APPOINT, { streamId, userId: mod.id }, host.token);
    const message = await sent(viewer, streamId, "hello");

    for (const [doc, vars] of [
      [MUTE, { streamId, userId: viewer.id, seconds: 60 }],
      [BAN, { streamId, userId: viewer.id }],
      [APPOINT, { streamId, userId: stranger.id }],
      [DELETE, { messageId: message.id }],
      [SLOW, { streamId, seconds: 10 }],
    ] as const) {
      expect(codeOf(await h.request(doc, vars, stranger.token))).toBe("FORBIDDEN");
    }
    expect(codeOf(await h.request(APPOINT, { streamId, userId: stranger.id }, mod.token))).toBe("FORBIDDEN");
    expect(codeOf(await h.request(DISMISS, { streamId, userId: mod.id }, mod.token))).toBe("FORBIDDEN");
    expect(codeOf(await h.request(MUTE, { streamId, userId: host.id, seconds: 60 }, mod.token))).toBe(
      "FORBIDDEN",
    );
    expect(codeOf(await h.request(BAN, { streamId, userId: host.id }, mod.token))).toBe("FORBIDDEN");
    expect(await h.db.chatMember.count({ where: { streamId, NOT: { userId: mod.id } } })).toBe(0);
    expect((await h.db.chatMessage.findUniqueOrThrow({ where: { id: message.id } })).deletedAt).toBeNull();
  });
});

describe("liveChat", () => {
  it("delivers messages and deletions to every viewer", async () => {
    const host = await h.person(["user", "coach"]);
    const streamId = await roomOf(host);
    const [a, b] = await Promise.all([h.person(), h.person()]);
    const streamA = await openStream(a, streamId);
    const streamB = await openStream(b, streamId);
    const message = await sent(host, streamId, "welcome");
    for (const stream of [streamA, streamB]) {
      expect(await nextChatEvent(stream)).toMatchObject({
        kind: "MESSAGE",
        message: { id: message.id, text: "welcome", kind: "USER", sender: { id: host.id } },
      });
    }
    await h.request(DELETE, { messageId: message.id }, host.token);
    expect(await nextChatEvent(streamA)).toMatchObject({ kind: "DELETED", deletedMessageId: message.id });
    await streamA.return?.();
    await streamB.return?.();
  });

  it("resumes after the last message seen with exactly what was missed, then live ones", async () => {
    const host = await h.person(["user", "coach"]);
    const streamId = await roomOf(host);
    const viewer = await h.person();
    const seen = await sent(host, streamId, "seen");
    const deletedLater = await sent(host, streamId, "gone");
    const missed1 = await sent(host, streamId, "missed 1");
    const missed2 = await sent(host, streamId, "missed 2");
    await h.request(DELETE, { messageId: deletedLater.id }, host.token);

    const stream = await openStream(viewer, streamId, seen.id);
    expect(await nextChatEvent(stream)).toMatchObject({ kind: "MESSAGE", message: { id: missed1.id } });
    expect(await nextChatEvent(stream)).toMatchObject({ kind: "MESSAGE", message: { id: missed2.id } });
    const live = await sent(host, streamId, "live");
    expect(await nextChatEvent(stream)).toMatchObject({ kind: "MESSAGE", message: { id: live.id } });
    expect(await nextChatEvent(stream, 500)).toBe("timeout");
    await stream.return?.();
  });

  it("refuses an unknown `after` and one too far behind, with a reason", async () => {
    const host = await h.person(["user", "coach"]);
    const streamId = await roomOf(host);
    const unknown = (await open(host, streamId, randomUUID())) as ExecutionResult;
    expect(unknown.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "after",
      reason: "UNKNOWN_MESSAGE",
    });
    const first = await sent(host, streamId, "first");
    for (let i = 0; i <= CHAT_REPLAY_LIMIT; i += 1) await sent(host, streamId, `m${i}`);
    const behind = (await open(host, streamId, first.id)) as ExecutionResult;
    expect(behind.errors?.[0]?.extensions).toMatchObject({ reason: "REPLAY_TOO_FAR_BEHIND" });
  });

  it("shows the viewers the router counts, and tells the room when the count changed", async () => {
    const host = await h.person(["user", "coach"]);
    const streamId = await roomOf(host);
    const count = async () =>
      (await h.request<{ liveStream: { viewerCount: number } }>(VIEWERS, { id: streamId }, host.token)).data
        ?.liveStream.viewerCount;
    expect(await count()).toBe(0);
    // As a router instance counts the clients it serves (router/src/subscriptions/subscriptionGroups.ts).
    const router = new Presence(h.deps.redis, {
      heartbeatMs: 60_000,
      onRedisDown: (error) => {
        throw error;
      },
    });
    const key = presenceRedisKey("biz", liveChatPresenceKey(streamId));
    const stream = await openStream(await h.person(), streamId);
    const [a, b] = [await router.join(key), await router.join(key)];
    expect(await count()).toBe(2);
    await h.deps.chatViewers.tellCounts();
    expect(await nextEvent(stream)).toEqual({
      kind: "VIEWERS",
      message: null,
      deletedMessageId: null,
      viewerCount: 2,
    });
    await h.deps.chatViewers.tellCounts();
    await a.leave();
    expect(await count()).toBe(1);
    await h.deps.chatViewers.tellCounts();
    expect(await nextEvent(stream)).toMatchObject({ kind: "VIEWERS", viewerCount: 1 });
    await b.leave();
    router.stop();
    expect(await count()).toBe(0);
    await stream.return?.();
  });
});

describe("gifts in the chat", () => {
  it("gift_sent naming a stream becomes a SYSTEM message sent to its viewers", async () => {
    const host = await h.person(["user", "coach"]);
    const streamId = await roomOf(host);
    const viewer = await h.person();
    const stream = await openStream(viewer, streamId);
    const gift = { ...giftTo(host.id, 30, 3), liveRoomId: streamId };
    await h.publish(giftSentV1, envelopeOf(giftSentV1, gift));
    const event = await nextChatEvent(stream, 10_000);
    expect(event).toMatchObject({
      kind: "MESSAGE",
      message: { kind: "SYSTEM", text: `sent 3 × ${gift.giftId}`, sender: { id: gift.senderId } },
    });
    await stream.return?.();
    const noRoom = { ...giftTo(host.id, 10), liveRoomId: randomUUID() };
    await h.publish(giftSentV1, envelopeOf(giftSentV1, noRoom));
    await eventually(
      () => h.db.workbenchGift.count({ where: { giftOrderId: noRoom.giftOrderId } }),
      (n) => n === 1,
    );
    expect(await h.db.chatMessage.count({ where: { streamId: noRoom.liveRoomId } })).toBe(0);
  });
});
