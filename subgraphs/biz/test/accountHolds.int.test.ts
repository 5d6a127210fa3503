import { createHash, randomUUID } from "node:crypto";
import { accountHeldV1, accountReleasedV1, chatMessageSentV1 } from "@health/events/catalog";
import { prepareEvent } from "@health/platform/events";
import { eventually } from "@health/platform/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BizHarness, startBizSubgraph } from "./harness.ts";

// ops's holds in biz's own account_holds (fed by account_held / account_released on the bus): a held
// account's chat messages are refused; a message sent is announced as chat_message_sent, without text.

let h: BizHarness;
beforeAll(async () => {
  h = await startBizSubgraph();
});
afterAll(() => h?.close());

const SCHEDULE = `mutation($input: ScheduleLiveStreamInput!) { scheduleLiveStream(input: $input) { id } }`;
const START = `mutation($id: ID!) { startLiveStream(id: $id) { id } }`;
const SEND = `mutation($streamId: ID!, $text: String!) { sendChatMessage(streamId: $streamId, text: $text) { id } }`;

const heldCount = (userId: string) => h.db.accountHold.count({ where: { userId, releasedAt: null } });

describe("a held account in live chat", () => {
  it("is refused with ACCOUNT_HELD until ops releases the hold; a sent message becomes chat_message_sent without its text", async () => {
    const host = await h.person(["user", "coach"]);
    const viewer = await h.person();
    const scheduledAt = new Date(Date.now() + 3_600_000).toISOString();
    const room = await h.request<{ scheduleLiveStream: { id: string } }>(
      SCHEDULE,
      { input: { title: "Held chat", scheduledAt } },
      host.token,
    );
    const streamId = room.data!.scheduleLiveStream.id;
    expect((await h.request(START, { id: streamId }, host.token)).errors).toBeUndefined();

    const holdId = randomUUID();
    const held = prepareEvent(
      accountHeldV1,
      { holdId, userId: viewer.id, alertId: null, reason: "CHAT_SPAM", heldAt: new Date().toISOString() },
      { aggregateId: viewer.id },
    );
    await h.publish(accountHeldV1, held.envelope);
    await eventually(
      () => heldCount(viewer.id),
      (n) => n === 1,
    );

    const refused = await h.request(SEND, { streamId, text: "buy now" }, viewer.token);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN", reason: "ACCOUNT_HELD" });
    expect(await h.db.chatMessage.count({ where: { senderId: viewer.id } })).toBe(0);

    const released = prepareEvent(
      accountReleasedV1,
      { holdId, userId: viewer.id, releasedBy: randomUUID(), releasedAt: new Date().toISOString() },
      { aggregateId: viewer.id },
    );
    await h.publish(accountReleasedV1, released.envelope);
    await eventually(
      () => heldCount(viewer.id),
      (n) => n === 0,
    );
    const allowed = await h.request(SEND, { streamId, text: "  Hello Coach " }, viewer.token);
    expect(allowed.errors).toBeUndefined();

    const rows = await h.db.outboxEvent.findMany({
      where: { subject: chatMessageSentV1.subject, aggregateId: viewer.id },
    });
    expect(rows).toHaveLength(1);
    const payload = (rows[0]?.envelope as { payload?: Record<string, unknown> } | undefined)?.payload;
    expect(payload).toMatchObject({
      roomId: streamId,
      senderId: viewer.id,
      contentHash: createHash("sha256").update("hello coach").digest("hex"),
    });
    expect(JSON.stringify(rows[0]?.envelope)).not.toMatch(/hello/i);
  });
});
