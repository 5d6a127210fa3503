import { randomUUID } from "node:crypto";
import {
  coursePurchasedV1,
  giftSentV1,
  orderAssignedV1,
  orderCreatedV1,
  userFollowedV1,
} from "@health/events/catalog";
import type { EventDefinition, EventPayload } from "@health/events/define";
import { findTraces, policyGaps } from "@health/platform/privacy";
import {
  deliverEvent,
  eraseThroughSubgraph,
  eventually,
  exportThroughSubgraph,
  type PrivacyTestTarget,
} from "@health/platform/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIZ_TABLES } from "../src/privacy/policy.ts";
import { envelopeOf } from "./fixtures.ts";
import { type BizHarness, startBizSubgraph } from "./harness.ts";

// biz's part of issue 13 against a real database and bus: one person seeded through biz's API and the
// events it consumes, exported and erased through the `biz-privacy` consumer.

type Person = Awaited<ReturnType<BizHarness["person"]>>;

const SCHEDULE = `mutation($input: ScheduleLiveStreamInput!) { scheduleLiveStream(input: $input) { id } }`;
const SEND = `mutation($streamId: ID!, $text: String!) { sendChatMessage(streamId: $streamId, text: $text) { id } }`;
const HISTORY = `query($streamId: ID!) { chatMessages(streamId: $streamId, last: 100) { id text sender { id } } }`;
const MUTE = `mutation($streamId: ID!, $userId: ID!) { muteChatUser(streamId: $streamId, userId: $userId, seconds: 600) { streamId } }`;
const CREATE = `mutation($input: CreateCommunityInput!) { createCommunity(input: $input) { id } }`;
const JOIN = `mutation($id: ID!, $key: String!) { joinCommunity(id: $id, idempotencyKey: $key) { id status } }`;
const COMMUNITY = `query($id: ID!) { community(id: $id) { id memberCount owner { id } } }`;
const REPORT = `mutation($input: SubmitPerformanceReportInput!) { submitPerformanceReport(input: $input) { id } }`;

let h: BizHarness;
let target: PrivacyTestTarget;
let person: Person;
let other: Person;
let watcher: Person;
const mark = randomUUID().slice(0, 8);
const texts = {
  line: `Hello from the person ${mark}`,
  othersLine: `The other's own line ${mark}`,
  streamDescription: `My stream's story ${mark}`,
  groupDescription: `My group's story ${mark}`,
  report: `My month ${mark}`,
};
const seeded = {
  othersRoom: "",
  theirRoom: "",
  line: "",
  othersLine: "",
  freeGroup: "",
  paidGroup: "",
  theirGroup: "",
  freeMembership: "",
  paidMembership: "",
  orderAsCoach: randomUUID(),
  orderAsCustomer: randomUUID(),
  giftReceived: randomUUID(),
  giftSent: randomUUID(),
  sale: randomUUID(),
  report: "",
};

async function as<T>(who: Person, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const result = await h.request<T>(query, variables, who.token);
  if (result.errors || !result.data) throw new Error(JSON.stringify(result.errors));
  return result.data;
}

const publish = <E extends EventDefinition>(event: E, payload: EventPayload<E>) =>
  h.publish(event, envelopeOf(event, payload));

const room = async (host: Person, description: string | null = null) =>
  (
    await as<{ scheduleLiveStream: { id: string } }>(host, SCHEDULE, {
      input: {
        title: `Room of ${host.id.slice(0, 4)}`,
        description,
        scheduledAt: new Date(Date.now() + 3_600_000),
      },
    })
  ).scheduleLiveStream.id;

const group = async (owner: Person, input: Record<string, unknown>) =>
  (await as<{ createCommunity: { id: string } }>(owner, CREATE, { input })).createCommunity.id;

const join = async (who: Person, id: string) =>
  (await as<{ joinCommunity: { id: string } }>(who, JOIN, { id, key: randomUUID() })).joinCommunity.id;

const memberCount = async (id: string) =>
  (await as<{ community: { memberCount: number } }>(other, COMMUNITY, { id })).community.memberCount;

beforeAll(async () => {
  h = await startBizSubgraph();
  target = { subgraph: "biz", db: h.db, nats: h.deps.nats, bus: h.bus, publish: h.publish };
  person = await h.person(["user", "coach"]);
  other = await h.person(["user", "coach"]);
  watcher = await h.person(["user"]);

  seeded.othersRoom = await room(other);
  seeded.theirRoom = await room(person, texts.streamDescription);
  seeded.line = (
    await as<{ sendChatMessage: { id: string } }>(person, SEND, {
      streamId: seeded.othersRoom,
      text: texts.line,
    })
  ).sendChatMessage.id;
  seeded.othersLine = (
    await as<{ sendChatMessage: { id: string } }>(other, SEND, {
      streamId: seeded.theirRoom,
      text: texts.othersLine,
    })
  ).sendChatMessage.id;
  await as(other, MUTE, { streamId: seeded.othersRoom, userId: person.id });

  seeded.freeGroup = await group(other, { name: `Free ${mark}` });
  seeded.paidGroup = await group(other, { name: `Paid ${mark}`, priceAmount: 4_900 });
  seeded.theirGroup = await group(person, { name: `Theirs ${mark}`, description: texts.groupDescription });
  seeded.freeMembership = await join(person, seeded.freeGroup);
  seeded.paidMembership = await join(person, seeded.paidGroup);
  await h.answerPayment(seeded.paidMembership);
  expect(await h.settledStatus(seeded.paidMembership)).toBe("ACTIVE");
  await join(other, seeded.theirGroup);
  await join(watcher, seeded.freeGroup);

  const at = new Date().toISOString();
  for (const [orderId, coachId, customerId] of [
    [seeded.orderAsCoach, person.id, other.id],
    [seeded.orderAsCustomer, other.id, person.id],
  ] as const) {
    await publish(orderCreatedV1, {
      orderId,
      customerId,
      serviceType: "CONSULTATION",
      priceAmount: 19_900,
      currency: "CNY",
      createdAt: at,
    });
    await publish(orderAssignedV1, { orderId, customerId, coachId, assignedAt: at });
  }
  const gift = (giftOrderId: string, senderId: string, recipientId: string) =>
    publish(giftSentV1, {
      giftOrderId,
      senderId,
      recipientId,
      giftId: "rose",
      amount: 30,
      currency: "POINTS",
      quantity: 1,
      sentAt: at,
    });
  await gift(seeded.giftReceived, other.id, person.id);
  await gift(seeded.giftSent, person.id, other.id);
  await publish(userFollowedV1, { followerId: person.id, followeeId: other.id, at });
  await publish(userFollowedV1, { followerId: other.id, followeeId: person.id, at });
  await publish(coursePurchasedV1, {
    purchaseId: seeded.sale,
    courseId: randomUUID(),
    authorId: person.id,
    buyerId: other.id,
    amount: 9_900,
    currency: "CNY",
    purchasedAt: at,
  });
  seeded.report = (
    await as<{ submitPerformanceReport: { id: string } }>(person, REPORT, {
      input: {
        from: "2026-05-01T00:00:00.000Z",
        to: "2026-06-01T00:00:00.000Z",
        summary: texts.report,
        metrics: [{ name: "sessions", value: 42 }],
      },
    })
  ).submitPerformanceReport.id;

  await eventually(
    async () => [
      await h.db.workbenchOrder.count({
        where: { orderId: { in: [seeded.orderAsCoach, seeded.orderAsCustomer] }, coachId: { not: null } },
      }),
      await h.db.workbenchGift.count(),
      await h.db.workbenchFollower.count(),
      await h.db.workbenchCourseSale.count(),
    ],
    (counts) => counts.join() === "2,2,2,1",
  );
}, 120_000);
afterAll(() => h?.close());

const ids = (items: readonly unknown[] | undefined, key = "id") =>
  (items ?? []).map((item) => (item as Record<string, string>)[key]).sort();

describe("biz's privacy", () => {
  it("names every table of its database, and only those", async () => {
    expect(await policyGaps(h.db, BIZ_TABLES)).toEqual({ unnamed: [], absent: [] });
  });

  it("exports everything biz holds about the person, and nothing of the others'", async () => {
    const { part, answer } = await exportThroughSubgraph(target, person.id);
    const s = part.sections;
    expect(ids(s.chatMessages)).toEqual([seeded.line]);
    expect(s.chatMessages![0]).toMatchObject({ text: texts.line, streamId: seeded.othersRoom });
    expect(ids(s.chatStanding, "streamId")).toEqual([seeded.othersRoom]);
    const memberships = await h.db.communityMembership.findMany({ where: { userId: person.id } });
    expect(ids(s.memberships)).toEqual(memberships.map((row) => row.id).sort());
    expect(ids(s.memberships)).toEqual(
      expect.arrayContaining([seeded.freeMembership, seeded.paidMembership]),
    );
    expect(ids(s.communitiesOwned)).toEqual([seeded.theirGroup]);
    expect(ids(s.liveStreamsHosted)).toEqual([seeded.theirRoom]);
    expect(ids(s.serviceOrders, "orderId")).toEqual([seeded.orderAsCoach, seeded.orderAsCustomer].sort());
    expect(s.gifts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ giftOrderId: seeded.giftSent, direction: "SENT" }),
        expect.objectContaining({ giftOrderId: seeded.giftReceived, direction: "RECEIVED" }),
      ]),
    );
    expect(s.gifts).toHaveLength(2);
    expect(s.follows).toHaveLength(2);
    expect(s.followChanges).toHaveLength(2);
    expect(ids(s.courseSales, "purchaseId")).toEqual([seeded.sale]);
    expect(ids(s.performanceReports)).toEqual([seeded.report]);
    const text = JSON.stringify(part);
    expect(text).not.toContain(texts.othersLine);
    expect(text).not.toContain(watcher.id);
    expect(answer.sections).toEqual(
      Object.fromEntries(Object.entries(s).map(([name, items]) => [name, items.length])),
    );
  });

  it("erases the person: lines and memberships gone, counts dropped, kept rows under the tombstone", async () => {
    const counts = {
      free: await memberCount(seeded.freeGroup),
      paid: await memberCount(seeded.paidGroup),
    };
    const { tombstoneId, tables } = await eraseThroughSubgraph(target, person.id);
    const erased = Object.fromEntries(tables.map((row) => [`${row.table} ${row.action}`, row.rows]));
    expect(erased).toMatchObject({
      "chat_messages DELETED": 1,
      "chat_members DELETED": 1,
      // Their free membership and their owner's membership of their own group go; the paid one stays.
      "community_members DELETED": 2,
      "community_members TOMBSTONED": 1,
      "community_groups TOMBSTONED": 1,
      "live_streams TOMBSTONED": 1,
      "workbench_orders DELETED": 1,
      "workbench_orders TOMBSTONED": 1,
      "workbench_gifts DELETED": 1,
      "workbench_gifts TOMBSTONED": 1,
      "workbench_followers DELETED": 2,
      "workbench_follow_changes DELETED": 2,
      "workbench_course_sales DELETED": 1,
      "performance_reports DELETED": 1,
    });
    expect(
      await findTraces(h.db, [
        person.id,
        texts.line,
        texts.streamDescription,
        texts.groupDescription,
        texts.report,
      ]),
    ).toEqual([]);

    // Chat history shows nothing of them; the other's line in the room they hosted is still there.
    const history = async (streamId: string) =>
      (await as<{ chatMessages: Array<{ id: string }> }>(watcher, HISTORY, { streamId })).chatMessages.map(
        (line) => line.id,
      );
    expect(await history(seeded.othersRoom)).toEqual([]);
    expect(await history(seeded.theirRoom)).toEqual([seeded.othersLine]);
    // Member counts dropped; the paid membership stays for finance, under the tombstone and not active.
    expect(await memberCount(seeded.freeGroup)).toBe(counts.free - 1);
    expect(await memberCount(seeded.paidGroup)).toBe(counts.paid - 1);
    expect(await h.db.communityMembership.findUnique({ where: { id: seeded.paidMembership } })).toMatchObject(
      {
        userId: tombstoneId,
        status: "LEFT",
        openKey: null,
      },
    );
    // Their group stays for its members under the tombstone; their stream is ended under it.
    expect(await as(other, COMMUNITY, { id: seeded.theirGroup })).toMatchObject({
      community: { memberCount: 1, owner: { id: tombstoneId } },
    });
    expect(await h.db.liveStream.findUnique({ where: { id: seeded.theirRoom } })).toMatchObject({
      hostId: tombstoneId,
      description: null,
      status: "ENDED",
    });
    expect(
      await h.db.workbenchOrder.findUnique({ where: { orderId: seeded.orderAsCustomer } }),
    ).toMatchObject({
      customerId: tombstoneId,
      coachId: other.id,
    });
    expect(await h.db.workbenchGift.findUnique({ where: { giftOrderId: seeded.giftSent } })).toMatchObject({
      senderId: tombstoneId,
      recipientId: other.id,
    });
    // The other people's rows are intact.
    expect(await h.db.chatMessage.count({ where: { id: seeded.othersLine, text: texts.othersLine } })).toBe(
      1,
    );
    expect(await h.db.communityMembership.count({ where: { userId: watcher.id, status: "ACTIVE" } })).toBe(1);

    // A second erasure acknowledges with zeros and changes nothing.
    const before = await findTraces(h.db, [tombstoneId]);
    const again = await eraseThroughSubgraph(target, person.id, { tombstoneId });
    expect(again.tables.filter((row) => row.rows > 0)).toEqual([]);
    expect(await findTraces(h.db, [tombstoneId])).toEqual(before);
  });

  it("makes nothing about the erased person from late events, and still makes the others'", async () => {
    const at = new Date().toISOString();
    const order = (customerId: string) => ({
      orderId: randomUUID(),
      customerId,
      serviceType: "CONSULTATION",
      priceAmount: 19_900,
      currency: "CNY",
      createdAt: at,
    });
    await deliverEvent(target, orderCreatedV1, order(person.id));
    await deliverEvent(target, userFollowedV1, { followerId: person.id, followeeId: other.id, at });
    const watchers = order(watcher.id);
    await deliverEvent(target, orderCreatedV1, watchers);
    expect(await findTraces(h.db, [person.id])).toEqual([]);
    expect(await h.db.workbenchOrder.findUnique({ where: { orderId: watchers.orderId } })).toMatchObject({
      customerId: watcher.id,
    });
  });
});
