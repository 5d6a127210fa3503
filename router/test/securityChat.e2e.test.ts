import { createClient } from "graphql-ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { signUpCoach } from "./support/coaches.ts";
import { graphqlClient } from "./support/graphqlClient.ts";
import { type Person, signUp } from "./support/people.ts";
import { type StartedPlatform, startPlatform } from "./support/startPlatform.ts";

// Security suite, live-room chat (issue 11, biz point 3): every moderation power is the host's or a
// moderator's, a moderator's stops short of the host's, and a ban shuts the room's reads, all probed
// through the router with real tokens. Each refusal is followed by a read showing nothing changed.

let platform: StartedPlatform;
let request: ReturnType<typeof graphqlClient>;
let host: Person;
let moderator: Person;
let viewer: Person;
let stranger: Person;
let streamId: string;
let messageId: string;

const ok = async <T>(query: string, variables: Record<string, unknown>, token: string): Promise<T> => {
  const { data, errors } = await request<T>(query, variables, token);
  if (!data || errors) throw new Error(JSON.stringify(errors));
  return data;
};
const codeOf = (result: { errors?: Array<{ extensions?: Record<string, unknown> }> }) =>
  result.errors?.[0]?.extensions?.code;

const memberMutation = (name: string, withSeconds = false) =>
  `mutation($s: ID!, $u: ID!${withSeconds ? ", $n: Int!" : ""}) { ${name}(streamId: $s, userId: $u${withSeconds ? ", seconds: $n" : ""}) { moderator mutedUntil bannedAt } }`;
const MUTE = memberMutation("muteChatUser", true);
const BAN = memberMutation("banChatUser");
const APPOINT = memberMutation("appointChatModerator");
const DISMISS = memberMutation("dismissChatModerator");
const UNMUTE = memberMutation("unmuteChatUser");
const UNBAN = memberMutation("unbanChatUser");
const DELETE = "mutation($m: ID!) { deleteChatMessage(messageId: $m) { id } }";
const SLOW = "mutation($s: ID!, $n: Int!) { setChatSlowMode(streamId: $s, seconds: $n) { id } }";
const HISTORY = "query($s: ID!) { chatMessages(streamId: $s) { id text } }";
const SEND = "mutation($s: ID!, $t: String!) { sendChatMessage(streamId: $s, text: $t) { id } }";
const SLOW_MODE = "query($id: ID!) { liveStream(id: $id) { chatSlowModeSeconds } }";

beforeAll(async () => {
  platform = await startPlatform({ biz: true });
  request = graphqlClient(platform.url);
  host = await signUpCoach(platform, request, "SecHost");
  [moderator, viewer, stranger] = [
    await signUp(request, "SecModerator"),
    await signUp(request, "SecViewer"),
    await signUp(request, "SecStranger"),
  ];
  const { scheduleLiveStream } = await ok<{ scheduleLiveStream: { id: string } }>(
    "mutation($input: ScheduleLiveStreamInput!) { scheduleLiveStream(input: $input) { id } }",
    { input: { title: "Security room", scheduledAt: new Date(Date.now() + 60_000).toISOString() } },
    host.token,
  );
  streamId = scheduleLiveStream.id;
  await ok(APPOINT, { s: streamId, u: moderator.id }, host.token);
  messageId = (
    await ok<{ sendChatMessage: { id: string } }>(SEND, { s: streamId, t: "hi all" }, viewer.token)
  ).sendChatMessage.id;
}, 90_000);
afterAll(async () => {
  await platform?.close();
});

/** The viewer's message is still in the room (no probe deleted it) and the viewer can still read it (not banned). */
async function viewerIsUntouched() {
  const history = await ok<{ chatMessages: Array<{ id: string }> }>(HISTORY, { s: streamId }, viewer.token);
  expect(history.chatMessages.map((m) => m.id)).toContain(messageId);
}

describe("chat moderation: a stranger", () => {
  it("cannot mute, ban, unmute, unban, delete, appoint, dismiss or set slow mode", async () => {
    const probes: Array<[string, Record<string, unknown>]> = [
      [MUTE, { s: streamId, u: viewer.id, n: 600 }],
      [BAN, { s: streamId, u: viewer.id }],
      [UNMUTE, { s: streamId, u: viewer.id }],
      [UNBAN, { s: streamId, u: viewer.id }],
      [DELETE, { m: messageId }],
      [APPOINT, { s: streamId, u: stranger.id }],
      [DISMISS, { s: streamId, u: moderator.id }],
      [SLOW, { s: streamId, n: 300 }],
    ];
    for (const [query, variables] of probes) {
      const result = await request(query, variables, stranger.token);
      expect(codeOf(result), query).toBe("FORBIDDEN");
    }
    await viewerIsUntouched();
    const slow = await ok<{ liveStream: { chatSlowModeSeconds: number } }>(
      SLOW_MODE,
      { id: streamId },
      host.token,
    );
    expect(slow.liveStream.chatSlowModeSeconds).not.toBe(300);
    // The stranger's appointment of themselves did not stick: they still cannot delete.
    expect(codeOf(await request(DELETE, { m: messageId }, stranger.token))).toBe("FORBIDDEN");
  });

  it("gets NOT_FOUND, not FORBIDDEN, for a room or message that does not exist", async () => {
    const nowhere = crypto.randomUUID();
    expect(codeOf(await request(MUTE, { s: nowhere, u: viewer.id, n: 60 }, stranger.token))).toBe(
      "NOT_FOUND",
    );
    expect(codeOf(await request(DELETE, { m: nowhere }, stranger.token))).toBe("NOT_FOUND");
  });
});

describe("chat moderation: a moderator", () => {
  it("cannot appoint or dismiss moderators, nor mute or ban the host", async () => {
    expect(codeOf(await request(APPOINT, { s: streamId, u: stranger.id }, moderator.token))).toBe(
      "FORBIDDEN",
    );
    expect(codeOf(await request(DISMISS, { s: streamId, u: moderator.id }, moderator.token))).toBe(
      "FORBIDDEN",
    );
    expect(codeOf(await request(MUTE, { s: streamId, u: host.id, n: 600 }, moderator.token))).toBe(
      "FORBIDDEN",
    );
    expect(codeOf(await request(BAN, { s: streamId, u: host.id }, moderator.token))).toBe("FORBIDDEN");
    await ok(SEND, { s: streamId, t: "still the host's room" }, host.token);
    expect(codeOf(await request(DELETE, { m: messageId }, stranger.token))).toBe("FORBIDDEN");
  });

  it("the host cannot mute themselves either (BAD_USER_INPUT) and can still post", async () => {
    expect(codeOf(await request(MUTE, { s: streamId, u: host.id, n: 600 }, host.token))).toBe(
      "BAD_USER_INPUT",
    );
    await ok(SEND, { s: streamId, t: "unmuted" }, host.token);
  });
});

describe("chat: a banned user", () => {
  it("cannot read the history, subscribe or post", async () => {
    const banned = await signUp(request, "SecBanned");
    await ok(BAN, { s: streamId, u: banned.id }, moderator.token);

    const history = await request(HISTORY, { s: streamId }, banned.token);
    expect(history.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN", reason: "BANNED" });
    expect(JSON.stringify(history)).not.toContain("hi all");
    const posted = await request(SEND, { s: streamId, t: "let me in" }, banned.token);
    expect(posted.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN", reason: "BANNED" });

    const client = createClient({
      url: platform.url.replace("http", "ws"),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: { authorization: `Bearer ${banned.token}` },
    });
    const outcome = await new Promise<unknown>((resolve) => {
      client.subscribe(
        { query: "subscription($s: ID!) { liveChat(streamId: $s) { kind } }", variables: { s: streamId } },
        {
          next: (value) => resolve(value),
          error: (error) => resolve(error),
          complete: () => resolve("complete"),
        },
      );
    });
    await client.dispose();
    expect(JSON.stringify(outcome)).toMatch(/FORBIDDEN/);
    expect(JSON.stringify(outcome)).toMatch(/BANNED/);
  });
});
