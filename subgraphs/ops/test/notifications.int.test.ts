import { randomUUID } from "node:crypto";
import {
  giftSentV1,
  liveStartedV1,
  orderAssignedV1,
  paymentFailedV1,
  pointsAwardedV1,
  userFollowedV1,
  userUnfollowedV1,
} from "@health/events/catalog";
import type { EventDefinition, EventPayload } from "@health/events/define";
import type { Role } from "@health/platform/auth";
import { uuidv7 } from "@health/platform/events";
import { eventually } from "@health/platform/testing";
import { type ExecutionResult, parse, subscribe } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NOT_SENT_NO_PROVIDER } from "../src/domain/channels/unconfiguredChannel.ts";
import { createSendWorker, queueSend } from "../src/domain/notifications/sends.ts";
import { type OpsHarness, startOpsSubgraph } from "./harness.ts";

// M17 in the ops subgraph alone, over its own database and streams: the rules on consumed events, the
// follower projection and live_started's fan-out, preferences, the inbox's reads and marks, an
// operator's send in batches, and notificationReceived.

let h: OpsHarness;
beforeAll(async () => {
  // Batches of 2, so a send to a handful of users takes several.
  h = await startOpsSubgraph({ NOTIFICATION_FANOUT_BATCH_SIZE: "2" });
});
afterAll(async () => {
  await h?.close();
});

type Person = { id: string; token: string; roles: Role[] };
interface Item {
  id: string;
  kind: string;
  title: string;
  body: string;
  data: Record<string, unknown>;
  order: { id: string } | null;
  actor: { id: string } | null;
  readAt: string | null;
}

const ITEM =
  "id kind title body data { orderId streamId paymentId giftOrderId points } order { id } actor { id } readAt";
const INBOX = `query($first: Int, $after: String, $unreadOnly: Boolean) {
  notifications(first: $first, after: $after, unreadOnly: $unreadOnly) { nodes { ${ITEM} } pageInfo { endCursor hasNextPage } }
  unreadNotificationCount
}`;
const MARK = `mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) { id readAt } }`;
const SET_PREF = `mutation($kind: NotificationKind!, $channel: NotificationChannel!, $enabled: Boolean!) {
  setNotificationPreference(kind: $kind, channel: $channel, enabled: $enabled) { kind channel enabled isDefault }
}`;
const SEND = `mutation($input: SendNotificationInput!) {
  sendNotification(input: $input) { id status segment sentBy { id } }
}`;
const SEND_STATUS = `query($id: ID!) { notificationSend(id: $id) { id status recipientCount deliveredCount completedAt } }`;

async function ok<T>(query: string, variables: Record<string, unknown>, who: Person): Promise<T> {
  const result = await h.request<T>(query, variables, who.token);
  if (result.errors || !result.data) throw new Error(JSON.stringify(result.errors));
  return result.data;
}

const inbox = (who: Person, variables: Record<string, unknown> = {}) =>
  ok<{
    notifications: { nodes: Item[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } };
    unreadNotificationCount: number;
  }>(INBOX, variables, who);

/** Waits until `who`'s inbox holds a notification that `match` accepts. */
const arrives = (who: Person, match: (item: Item) => boolean) =>
  eventually(
    async () => (await inbox(who, { first: 100 })).notifications.nodes,
    (nodes) => nodes.some(match),
  );

async function publish<E extends EventDefinition>(event: E, payload: EventPayload<E>, aggregateId: string) {
  const id = uuidv7();
  await h.publish(event, {
    id,
    name: event.name,
    version: event.version,
    producer: event.producer,
    occurredAt: new Date().toISOString(),
    aggregateId,
    actorId: null,
    traceparent: null,
    payload,
  });
  return id;
}

const follow = (follower: Person, coach: Person) =>
  publish(
    userFollowedV1,
    { followerId: follower.id, followeeId: coach.id, at: new Date().toISOString() },
    coach.id,
  );

const codeOf = (result: { errors?: ReadonlyArray<{ extensions?: Record<string, unknown> }> }) =>
  result.errors?.[0]?.extensions?.code;

describe("rules on events", () => {
  it("notifies the customer of an assigned order, linking the order and the coach, once per event", async () => {
    const [customer, coach] = [await h.person(), await h.person(["user", "coach"])];
    const orderId = randomUUID();
    const payload = {
      orderId,
      customerId: customer.id,
      coachId: coach.id,
      assignedAt: new Date().toISOString(),
    };
    const eventId = await publish(orderAssignedV1, payload, orderId);
    const nodes = await arrives(customer, (n) => n.kind === "ORDER_ASSIGNED");
    expect(nodes[0]).toMatchObject({
      title: "A coach took your order",
      data: { orderId },
      order: { id: orderId },
      actor: { id: coach.id },
      readAt: null,
    });
    // The same event again (a producer's retry under another message id): the inbox dedupes it.
    await h.publish(
      orderAssignedV1,
      {
        id: eventId,
        name: "order_assigned",
        version: 1,
        producer: "trade",
        occurredAt: new Date().toISOString(),
        aggregateId: orderId,
        actorId: null,
        traceparent: null,
        payload,
      },
      randomUUID(),
    );
    await arrives(customer, (n) => n.kind === "ORDER_ASSIGNED");
    const points = await publish(
      pointsAwardedV1,
      { userId: customer.id, points: 5, reason: "goal_achieved", awardedAt: new Date().toISOString() },
      customer.id,
    );
    expect(points).toBeTruthy();
    const after = await arrives(customer, (n) => n.kind === "POINTS_AWARDED");
    expect(after.filter((n) => n.kind === "ORDER_ASSIGNED")).toHaveLength(1);
    expect(after.find((n) => n.kind === "POINTS_AWARDED")).toMatchObject({
      body: "You received 5 points.",
      data: { points: 5 },
    });
    expect(JSON.stringify(after)).not.toMatch(/goal/i);
  });

  it("notifies a coach's followers when the coach goes live, and not one who unfollowed", async () => {
    const coach = await h.person(["user", "coach"]);
    const [stays, leaves] = [await h.person(), await h.person()];
    // Three who stay: more than one batch of 2, so the first goes in the event's transaction, the rest after.
    const others = [await h.person(), await h.person()];
    for (const fan of [stays, leaves, ...others]) await follow(fan, coach);
    for (const fan of others)
      await arrives(coach, (n) => n.kind === "NEW_FOLLOWER" && n.actor?.id === fan.id);
    await arrives(coach, (n) => n.kind === "NEW_FOLLOWER" && n.actor?.id === leaves.id);
    await publish(
      userUnfollowedV1,
      { followerId: leaves.id, followeeId: coach.id, at: new Date().toISOString() },
      coach.id,
    );
    await eventually(
      () => h.db.notificationFollow.findFirst({ where: { followerId: leaves.id, followeeId: coach.id } }),
      (row) => row?.following === false,
    );
    const streamId = randomUUID();
    const eventId = await publish(
      liveStartedV1,
      { streamId, hostId: coach.id, title: "Morning yoga", startedAt: new Date().toISOString() },
      streamId,
    );
    const nodes = await arrives(stays, (n) => n.kind === "LIVE_STARTED");
    expect(nodes[0]).toMatchObject({ body: "Morning yoga", data: { streamId }, actor: { id: coach.id } });
    const send = await eventually(
      () => h.db.notificationSend.findUnique({ where: { id: eventId } }),
      (row) => row?.status === "DONE",
    );
    expect(send).toMatchObject({
      segment: "FOLLOWERS_OF",
      coachId: coach.id,
      recipientCount: 3,
      sentBy: null,
    });
    for (const fan of others)
      await arrives(fan, (n) => n.kind === "LIVE_STARTED" && n.data.streamId === streamId);
    expect((await inbox(leaves)).notifications.nodes.filter((n) => n.kind === "LIVE_STARTED")).toEqual([]);
  });

  it("creates nothing on a channel its recipient turned off, and records what push would send as not sent", async () => {
    const [payer, recipient, sender] = [await h.person(), await h.person(), await h.person()];
    const changed = await ok<{ setNotificationPreference: unknown }>(
      SET_PREF,
      { kind: "PAYMENT_FAILED", channel: "IN_APP", enabled: false },
      payer,
    );
    expect(changed.setNotificationPreference).toEqual({
      kind: "PAYMENT_FAILED",
      channel: "IN_APP",
      enabled: false,
      isDefault: false,
    });
    const paymentId = randomUUID();
    const failed = await publish(
      paymentFailedV1,
      {
        paymentId,
        requestId: randomUUID(),
        requester: "trade",
        payerId: payer.id,
        reason: "card declined",
        failedAt: new Date().toISOString(),
      },
      paymentId,
    );
    // Push and e-mail stay on for a failed payment: their rows show the event was handled.
    const outbound = await eventually(
      () => h.db.outboundMessage.findMany({ where: { recipientId: payer.id, sourceKey: `event:${failed}` } }),
      (rows) => rows.length === 2,
    );
    expect(outbound.map((row) => row.channel).sort()).toEqual(["EMAIL", "PUSH"]);
    expect(outbound.every((row) => row.status === NOT_SENT_NO_PROVIDER)).toBe(true);
    expect((await inbox(payer)).notifications.nodes).toEqual([]);

    const giftOrderId = randomUUID();
    await publish(
      giftSentV1,
      {
        giftOrderId,
        senderId: sender.id,
        recipientId: recipient.id,
        giftId: "rose",
        amount: 10,
        currency: "POINTS",
        sentAt: new Date().toISOString(),
      },
      giftOrderId,
    );
    const gifts = await arrives(recipient, (n) => n.kind === "GIFT_RECEIVED");
    expect(gifts[0]).toMatchObject({
      body: "You received a rose.",
      data: { giftOrderId },
      actor: { id: sender.id },
    });
  });
});

describe("the inbox", () => {
  it("pages the caller's own newest first, counts and marks unread, and skips another's ids without telling", async () => {
    const [me, other] = [await h.person(), await h.person()];
    for (const who of [me, me, me, other]) {
      await publish(
        pointsAwardedV1,
        { userId: who.id, points: 1, reason: "service_completed", awardedAt: new Date().toISOString() },
        who.id,
      );
    }
    await eventually(
      () => inbox(me),
      (page) => page.unreadNotificationCount === 3,
    );
    const theirs = (await arrives(other, () => true))[0]!;
    const first = await inbox(me, { first: 2 });
    expect(first.notifications.nodes).toHaveLength(2);
    expect(first.notifications.pageInfo.hasNextPage).toBe(true);
    const second = await inbox(me, { first: 2, after: first.notifications.pageInfo.endCursor });
    expect(second.notifications.nodes).toHaveLength(1);
    const mine = [...first.notifications.nodes, ...second.notifications.nodes];
    expect(new Set(mine.map((n) => n.id)).size).toBe(3);

    const marked = await ok<{ markNotificationsRead: { id: string; readAt: string | null }[] }>(
      MARK,
      { ids: [mine[0]!.id, theirs.id, randomUUID()] },
      me,
    );
    expect(marked.markNotificationsRead.map((n) => n.id)).toEqual([mine[0]!.id]);
    expect(marked.markNotificationsRead[0]!.readAt).not.toBeNull();
    expect((await inbox(other)).notifications.nodes[0]!.readAt).toBeNull();
    expect((await inbox(me)).unreadNotificationCount).toBe(2);
    expect((await inbox(me, { unreadOnly: true })).notifications.nodes).toHaveLength(2);

    const bad = await h.request(MARK, { ids: ["nope"] }, me.token);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "ids[0]" });
    const all = await ok<{ markAllNotificationsRead: number }>(
      "mutation { markAllNotificationsRead }",
      {},
      me,
    );
    expect(all.markAllNotificationsRead).toBe(2);
    expect((await inbox(me)).unreadNotificationCount).toBe(0);
    expect((await inbox(other)).unreadNotificationCount).toBe(1);
  });
});

describe("an operator's send", () => {
  it("is admin-only, checked, reaches its segment in batches respecting preferences, and is idempotent by send id", async () => {
    const admin = await h.person(["user", "admin"]);
    const users = [await h.person(), await h.person(), await h.person(), await h.person(), await h.person()];
    for (const user of users) {
      await publish(
        pointsAwardedV1,
        { userId: user.id, points: 1, reason: "service_completed", awardedAt: new Date().toISOString() },
        user.id,
      );
    }
    for (const user of users) await arrives(user, (n) => n.kind === "POINTS_AWARDED");
    await ok(SET_PREF, { kind: "ANNOUNCEMENT", channel: "IN_APP", enabled: false }, users[4]!);

    const input = {
      sendId: randomUUID(),
      segment: "USERS",
      userIds: users.map((u) => u.id),
      title: "Maintenance",
      body: "Tonight 02:00–03:00.",
    };
    expect(codeOf(await h.request(SEND, { input }, users[0]!.token))).toBe("FORBIDDEN");
    const badInput = await h.request(SEND, { input: { ...input, segment: "FOLLOWERS_OF" } }, admin.token);
    expect(badInput.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "input.coachId",
    });

    const sent = await ok<{ sendNotification: { id: string; segment: string; sentBy: { id: string } } }>(
      SEND,
      { input },
      admin,
    );
    expect(sent.sendNotification).toMatchObject({
      id: input.sendId,
      segment: "USERS",
      sentBy: { id: admin.id },
    });
    const done = await eventually(
      () =>
        ok<{ notificationSend: { status: string; recipientCount: number; deliveredCount: number } }>(
          SEND_STATUS,
          { id: input.sendId },
          admin,
        ),
      (r) => r.notificationSend.status === "DONE",
    );
    expect(done.notificationSend).toMatchObject({ recipientCount: 5, deliveredCount: 4 });
    for (const user of users.slice(0, 4)) await arrives(user, (n) => n.kind === "ANNOUNCEMENT");
    expect((await inbox(users[4]!)).notifications.nodes.some((n) => n.kind === "ANNOUNCEMENT")).toBe(false);

    // Asked again: the same send, nothing sent twice; another text under the same id: CONFLICT.
    await ok(SEND, { input }, admin);
    const again = await eventually(
      () => h.db.notification.count({ where: { kind: "ANNOUNCEMENT", sourceKey: `send:${input.sendId}` } }),
      (n) => n === 4,
    );
    expect(again).toBe(4);
    expect(codeOf(await h.request(SEND, { input: { ...input, body: "other" } }, admin.token))).toBe(
      "CONFLICT",
    );
    // One audit row for the send: not for the repeat, nor for the refused one.
    expect(await h.auditedActions(input.sendId)).toEqual([
      {
        kind: "OPERATOR_ACTION",
        actorId: admin.id,
        subjectType: "NotificationSend",
        action: "send_notification",
        details: { segment: "USERS", coachId: null, userCount: 5, title: "Maintenance" },
      },
    ]);
    // A send refused for its input (the non-admin's, the bad segment) was never queued: no row for it.
    expect(
      await h.db.auditLogEntry.count({ where: { action: "send_notification", actorId: users[0]!.id } }),
    ).toBe(0);

    // ALL_USERS reaches every user ops has seen (here: everyone this file made appear in an event).
    const everyone = await ok<{ sendNotification: { id: string } }>(
      SEND,
      { input: { segment: "ALL_USERS", title: "Hello", body: "Everyone." } },
      admin,
    );
    const seen = await h.db.notificationAudience.count();
    const all = await eventually(
      () =>
        ok<{ notificationSend: { status: string; recipientCount: number } }>(
          SEND_STATUS,
          { id: everyone.sendNotification.id },
          admin,
        ),
      (r) => r.notificationSend.status === "DONE",
    );
    expect(all.notificationSend.recipientCount).toBe(seen);
  });
});

describe("the fan-out worker", () => {
  it("several instances work one send without sending anyone anything twice (rule 12)", async () => {
    const users = [await h.person(), await h.person(), await h.person(), await h.person(), await h.person()];
    const sendId = randomUUID();
    await h.db.$transaction((tx) =>
      queueSend(tx, {
        id: sendId,
        segment: "USERS",
        userIds: users.map((u) => u.id).sort(),
        content: {
          kind: "ANNOUNCEMENT",
          title: "Race",
          body: "Three workers, one send.",
          data: {},
          actorId: null,
        },
        sentBy: null,
      }),
    );
    const failures: unknown[] = [];
    const others = [1, 2].map(() =>
      createSendWorker({ db: h.db, channels: h.deps.notificationChannels, batchSize: 1 }, (error) =>
        failures.push(error),
      ),
    );
    for (const worker of [...others, h.deps.notificationSends]) worker.kick();
    const done = await eventually(
      () => h.db.notificationSend.findUnique({ where: { id: sendId } }),
      (row) => row?.status === "DONE",
    );
    await Promise.all(others.map((worker) => worker.stop()));
    expect(failures).toEqual([]);
    expect(done).toMatchObject({ recipientCount: 5, deliveredCount: 5 });
    const rows = await h.db.notification.groupBy({
      by: ["recipientId"],
      where: { sourceKey: `send:${sendId}` },
      _count: true,
    });
    expect(rows.map((row) => row._count)).toEqual([1, 1, 1, 1, 1]);
  });
});

describe("notificationReceived", () => {
  const RECEIVED = `subscription($after: ID) { notificationReceived(after: $after) { ${ITEM} } }`;
  type Stream = AsyncIterableIterator<ExecutionResult>;

  async function open(who: Person, after?: string): Promise<Stream | ExecutionResult> {
    return (await subscribe({
      schema: h.server.schema,
      document: parse(RECEIVED),
      variableValues: { after },
      contextValue: h.contextFor(who),
    })) as Stream | ExecutionResult;
  }

  const nextItem = async (stream: Stream): Promise<Item> => {
    const { value } = await stream.next();
    const result = value as ExecutionResult;
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data?.notificationReceived as Item;
  };

  it("pushes the caller's own notifications live, only theirs, and replays what came after `after`", async () => {
    const [me, other] = [await h.person(), await h.person()];
    const stream = (await open(me)) as Stream;
    expect(Symbol.asyncIterator in stream).toBe(true);
    await publish(
      pointsAwardedV1,
      { userId: other.id, points: 7, reason: "service_completed", awardedAt: new Date().toISOString() },
      other.id,
    );
    await publish(
      pointsAwardedV1,
      { userId: me.id, points: 3, reason: "service_completed", awardedAt: new Date().toISOString() },
      me.id,
    );
    const first = await nextItem(stream);
    expect(first).toMatchObject({ kind: "POINTS_AWARDED", data: { points: 3 } });
    await stream.return?.();

    await publish(
      pointsAwardedV1,
      { userId: me.id, points: 4, reason: "service_completed", awardedAt: new Date().toISOString() },
      me.id,
    );
    await arrives(me, (n) => n.data.points === 4);
    const resumed = (await open(me, first.id)) as Stream;
    expect((await nextItem(resumed)).data.points).toBe(4);
    await resumed.return?.();

    const theirs = (await arrives(other, () => true))[0]!;
    const refused = (await open(me, theirs.id)) as ExecutionResult;
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
  });
});
