import { randomUUID } from "node:crypto";
import {
  accountCreatedV1,
  dataExportRequestedV1,
  grabAttemptedV1,
  userFollowedV1,
} from "@health/events/catalog";
import type { EventDefinition, EventPayload } from "@health/events/define";
import { prepareEvent } from "@health/platform/events";
import { findTraces, policyGaps } from "@health/platform/privacy";
import {
  deliverEvent,
  eraseThroughSubgraph,
  eventually,
  exportThroughSubgraph,
  type PrivacyTestTarget,
} from "@health/platform/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../src/domain/audit/verify.ts";
import { OPS_TABLES } from "../src/privacy/policy.ts";
import {
  COACH_RATING,
  type OpsHarness,
  RATE,
  SMALL_LEVEL_THRESHOLDS,
  SUBMIT_CERTIFICATE,
  startOpsSubgraph,
} from "./harness.ts";

// ops's part of issue 13 against a real database and bus: one person seeded through ops's API and the
// events it consumes, exported and erased through the `ops-privacy` consumer, with the audit chain
// verifying after the erasure.

type Person = Awaited<ReturnType<OpsHarness["person"]>>;

let h: OpsHarness;
let target: PrivacyTestTarget;
let admin: Person;
let person: Person;
let other: Person;
let third: Person;
const mark = randomUUID().slice(0, 8);
const texts = {
  given: `Good plan ${mark}`,
  received: `Kind coach person ${mark}`,
  othersComment: `Third's own words ${mark}`,
  certificate: `Dietitian ${mark}`,
  resolution: `Chased the grabs of ${mark}`,
};
const seeded = {
  orderAsCustomer: "",
  orderAsCoach: "",
  othersOrder: "",
  ratingGiven: "",
  ratingReceived: "",
  certificate: "",
  alert: "",
  hold: "",
  send: randomUUID(),
};

async function as<T>(who: Person, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const result = await h.request<T>(query, variables, who.token);
  if (result.errors || !result.data) throw new Error(JSON.stringify(result.errors));
  return result.data;
}

async function send<E extends EventDefinition>(
  event: E,
  payload: EventPayload<E>,
  ids: { aggregateId: string; actorId?: string | null },
) {
  const { envelope } = prepareEvent(event, payload, ids);
  await h.publish(event, envelope);
  return envelope;
}

/** An order of `customer` with `coach`, completed as trade tells it, rated by the customer. */
async function ratedOrder(customer: Person, coach: Person, comment: string) {
  const order = await h.completedOrder(customer.id, coach.id);
  const rated = await as<{ rateCoach: { id: string } }>(customer, RATE, {
    orderId: order.orderId,
    score: 4,
    comment,
  });
  return { orderId: order.orderId, ratingId: rated.rateCoach.id };
}

/** Waits until every consumer of ops handled every event published so far. */
async function settled() {
  await eventually(
    () =>
      h.db.$queryRawUnsafe<Array<{ pending: number }>>(
        `SELECT count(*)::int AS "pending" FROM "outbox_events" WHERE "sent_at" IS NULL`,
      ),
    (rows) => rows[0]?.pending === 0,
  );
}

beforeAll(async () => {
  h = await startOpsSubgraph({ OPS_LEVEL_THRESHOLDS: SMALL_LEVEL_THRESHOLDS });
  target = { subgraph: "ops", db: h.db, nats: h.deps.nats, bus: h.bus, publish: h.publish };
  admin = await h.person(["user", "admin"]);
  person = await h.person(["user", "coach"]);
  other = await h.person(["user", "coach"]);
  third = await h.person(["user"]);

  const given = await ratedOrder(person, other, texts.given);
  seeded.orderAsCustomer = given.orderId;
  seeded.ratingGiven = given.ratingId;
  const received = await ratedOrder(other, person, texts.received);
  seeded.orderAsCoach = received.orderId;
  seeded.ratingReceived = received.ratingId;
  seeded.othersOrder = (await ratedOrder(third, other, texts.othersComment)).orderId;

  seeded.certificate = (
    await as<{ submitCertificate: { id: string } }>(person, SUBMIT_CERTIFICATE, {
      input: { name: texts.certificate, issuer: "CDA", number: `RD-${mark}` },
    })
  ).submitCertificate.id;
  await as(
    person,
    `mutation { setNotificationPreference(kind: ANNOUNCEMENT, channel: EMAIL, enabled: false) { kind } }`,
  );

  const at = new Date().toISOString();
  await send(
    userFollowedV1,
    { followerId: person.id, followeeId: other.id, at },
    { aggregateId: other.id, actorId: person.id },
  );
  await send(
    userFollowedV1,
    { followerId: other.id, followeeId: person.id, at },
    { aggregateId: person.id, actorId: other.id },
  );
  await send(accountCreatedV1, { accountId: person.id, createdAt: at }, { aggregateId: person.id });
  const start = Date.now();
  for (let n = 0; n < 11; n++) {
    await send(
      grabAttemptedV1,
      {
        orderId: randomUUID(),
        coachId: person.id,
        outcome: "LOST",
        attemptedAt: new Date(start + n * 100).toISOString(),
      },
      { aggregateId: person.id },
    );
  }
  const alert = await eventually(
    () => h.db.riskAlert.findFirst({ where: { userId: person.id } }),
    (row) => row?.holdId != null,
  );
  seeded.alert = alert!.id;
  seeded.hold = alert!.holdId!;
  await as(admin, `mutation($id: ID!) { acknowledgeRiskAlert(id: $id) { status } }`, { id: seeded.alert });
  await as(
    admin,
    `mutation($id: ID!, $r: String!) { resolveRiskAlert(id: $id, resolution: $r) { status } }`,
    {
      id: seeded.alert,
      r: texts.resolution,
    },
  );
  await as(admin, `mutation($input: SendNotificationInput!) { sendNotification(input: $input) { id } }`, {
    input: {
      sendId: seeded.send,
      segment: "USERS",
      userIds: [person.id, other.id],
      title: "Maintenance",
      body: "Tonight.",
    },
  });
  await eventually(
    () => h.db.notificationSend.findUnique({ where: { id: seeded.send } }),
    (row) => row?.status === "DONE",
  );
  await eventually(
    () => h.db.notification.findMany({ where: { recipientId: person.id } }),
    (rows) =>
      rows.some((row) => row.kind === "NEW_FOLLOWER") && rows.some((row) => row.kind === "ANNOUNCEMENT"),
  );
  await eventually(
    () =>
      h.db.notification.count({ where: { recipientId: other.id, kind: "NEW_FOLLOWER", actorId: person.id } }),
    (count) => count === 1,
  );
  await eventually(
    () => h.db.riskAccount.count({ where: { userId: person.id } }),
    (count) => count === 1,
  );
  await eventually(
    () => h.db.notificationFollow.count({ where: { followerId: person.id } }),
    (count) => count === 1,
  );
  await settled();
}, 120_000);
afterAll(() => h?.close());

const ids = (items: readonly unknown[], key = "id") =>
  items.map((item) => (item as Record<string, string>)[key]).sort();

/** Every consumer of ops handled the export request (its audit row, its analytics day). */
const exportRequestHandled = () =>
  eventually(
    () =>
      h.db.inboxEvent.count({
        where: {
          subject: { endsWith: dataExportRequestedV1.subject },
          consumer: { in: ["ops-audit", "ops-analytics"] },
        },
      }),
    (count) => count >= 2,
  );

describe("ops's privacy", () => {
  it("names every table of its database, and only those", async () => {
    expect(await policyGaps(h.db, OPS_TABLES)).toEqual({ unnamed: [], absent: [] });
  });

  it("exports everything ops holds about the person, and nothing of the others'", async () => {
    const { part, answer } = await exportThroughSubgraph(target, person.id);
    const s = part.sections;
    expect(ids(s.ratingsGiven!)).toEqual([seeded.ratingGiven]);
    expect(s.ratingsGiven![0]).toMatchObject({ coachId: other.id, score: 4, comment: texts.given });
    expect(ids(s.ratingsReceived!)).toEqual([seeded.ratingReceived]);
    expect(ids(s.serviceOrders!, "orderId")).toEqual([seeded.orderAsCustomer, seeded.orderAsCoach].sort());
    expect(ids(s.certificates!)).toEqual([seeded.certificate]);
    expect(s.level).toHaveLength(1);
    const inbox = await h.db.notification.findMany({ where: { recipientId: person.id } });
    expect(ids(s.notifications!)).toEqual(inbox.map((row) => row.id).sort());
    expect(s.notificationPreferences).toEqual([
      expect.objectContaining({ kind: "ANNOUNCEMENT", channel: "EMAIL", enabled: false }),
    ]);
    expect(s.follows).toHaveLength(2);
    expect(s.audience).toHaveLength(1);
    expect(ids(s.riskAlerts!)).toEqual([seeded.alert]);
    expect(s.riskAlerts![0]).toMatchObject({ resolution: texts.resolution });
    expect(ids(s.holds!)).toEqual([seeded.hold]);
    expect(s.riskSignals).toHaveLength(11);
    expect(s.accountCreated).toHaveLength(1);
    expect(s.activeDays!.length).toBeGreaterThan(0);
    // The audit rows about them (account_created, their follow, their hold) name them, not their pseudonym.
    expect(s.auditEntries).toContainEqual(
      expect.objectContaining({ action: "account_created", subjectType: "User", subjectId: person.id }),
    );
    expect(s.auditEntries).toContainEqual(
      expect.objectContaining({ action: "user_followed", role: "ACTOR" }),
    );
    const text = JSON.stringify(part);
    expect(text).not.toContain(texts.othersComment);
    expect(text).not.toContain(third.id);
    expect(answer.sections).toEqual(
      Object.fromEntries(Object.entries(s).map(([name, items]) => [name, items.length])),
    );
  });

  it("erases the person: their rows deleted, the kept ones under the tombstone, the audit chain intact", async () => {
    await exportRequestHandled();
    await settled();
    const aggregates = async (coachId: string) => {
      const { coachRating } = await as<{ coachRating: Record<string, unknown> }>(other, COACH_RATING, {
        coachId,
      });
      const { ratings: _list, ...figures } = coachRating;
      return figures;
    };
    const othersRating = await aggregates(other.id);
    const othersAudit = await h.db.auditLogEntry.count();
    const causedByThem = await h.db.notification.count({
      where: { actorId: person.id, recipientId: { not: person.id } },
    });
    expect(causedByThem).toBeGreaterThan(0);
    const { tombstoneId, tables } = await eraseThroughSubgraph(target, person.id);
    const counts = Object.fromEntries(tables.map((row) => [`${row.table} ${row.action}`, row.rows]));
    expect(counts).toMatchObject({
      "coach_ratings DELETED": 1,
      "coach_ratings TOMBSTONED": 1,
      "coach_orders DELETED": 1,
      "coach_orders TOMBSTONED": 1,
      "coach_certificates DELETED": 1,
      "coach_levels DELETED": 1,
      "notifications TOMBSTONED": causedByThem,
      "notification_preferences DELETED": 1,
      "notification_follows DELETED": 2,
      "notification_audience DELETED": 1,
      "notification_sends ANONYMISED": 1,
      "risk_alerts TOMBSTONED": 1,
      "risk_holds TOMBSTONED": 1,
      "risk_signals DELETED": 11,
      "risk_accounts DELETED": 1,
      "audit_subjects DELETED": 1,
    });
    expect(counts["notifications DELETED"]).toBeGreaterThanOrEqual(2);
    expect(counts["analytics_day_users TOMBSTONED"]).toBeGreaterThan(0);

    // Nothing of them is left anywhere in ops's database, the audit log included, and the chain verifies.
    await settled();
    expect(await findTraces(h.db, [person.id, texts.given, texts.received, texts.certificate])).toEqual([]);
    // The admin's resolution note is cleared from the alert; the audit row of the admin's action keeps it
    // (the admin's words, under the person's now unlinkable pseudonym: the chain forbids rewriting it).
    expect(await findTraces(h.db, [texts.resolution])).toEqual([
      { table: "audit_log", column: "details", rows: 1 },
    ]);
    expect(await verifyAuditChain(h.db)).toMatchObject({ ok: true, problems: [] });
    expect(await h.db.auditLogEntry.count()).toBeGreaterThanOrEqual(othersAudit);

    // Kept rows carry the tombstone: the rating they gave (the coach's average stands), the fraud records.
    expect(await h.db.coachRating.findUnique({ where: { id: seeded.ratingGiven } })).toMatchObject({
      customerId: tombstoneId,
      score: 4,
      comment: "",
    });
    expect(await aggregates(other.id)).toEqual(othersRating);
    expect(await h.db.riskAlert.findUnique({ where: { id: seeded.alert } })).toMatchObject({
      userId: tombstoneId,
      subjectKey: tombstoneId,
      resolution: null,
    });
    expect(await h.db.riskHold.findUnique({ where: { id: seeded.hold } })).toMatchObject({
      userId: tombstoneId,
    });
    expect((await h.db.notificationSend.findUnique({ where: { id: seeded.send } }))?.userIds.sort()).toEqual(
      [other.id, tombstoneId].sort(),
    );

    // The other people's rows are intact: the third's rating, the other's inbox and audit rows.
    expect(
      await h.db.coachRating.count({ where: { customerId: third.id, comment: texts.othersComment } }),
    ).toBe(1);
    expect(await h.db.notification.count({ where: { recipientId: other.id, kind: "ANNOUNCEMENT" } })).toBe(1);
    const othersRows = await as<{ auditLog: { nodes: Array<{ actorId: string }> } }>(
      admin,
      `query($a: String) { auditLog(actorId: $a) { nodes { actorId action } } }`,
      { a: other.id },
    );
    expect(othersRows.auditLog.nodes.length).toBeGreaterThan(0);
    expect(othersRows.auditLog.nodes.every((node) => node.actorId === other.id)).toBe(true);

    // Their id resolves to nothing: no rating, no level as a coach; the audit log shows only a tombstone.
    expect(await as(admin, COACH_RATING, { coachId: person.id })).toMatchObject({
      // A coach ops never heard of: the starting level, never changed.
      coachRating: { count: 0, level: { level: 1, sequence: 0, changedAt: null }, ratings: { nodes: [] } },
    });
    const theirs = await as<{ auditLog: { nodes: unknown[] } }>(
      admin,
      `query($s: String) { auditLog(subjectType: "User", subjectId: $s) { nodes { id } } }`,
      { s: person.id },
    );
    expect(theirs.auditLog.nodes).toEqual([]);

    // A second erasure of the same person acknowledges with zeros and changes nothing (but the audit
    // log, which records the second request as it records every event).
    const outsideAudit = async () =>
      (await findTraces(h.db, [tombstoneId])).filter((trace) => trace.table !== "audit_log");
    const before = await outsideAudit();
    const again = await eraseThroughSubgraph(target, person.id, { tombstoneId });
    expect(again.tables.filter((row) => row.rows > 0)).toEqual([]);
    expect(await outsideAudit()).toEqual(before);
    expect(await findTraces(h.db, [person.id])).toEqual([]);
  });

  it("audits a late event about the erased person under their tombstone, never a new pseudonym", async () => {
    const erased = await h.db.auditErasedSubject.findMany();
    expect(erased).toHaveLength(1);
    const late = await send(
      accountCreatedV1,
      { accountId: person.id, createdAt: new Date().toISOString() },
      { aggregateId: person.id },
    );
    await eventually(
      () =>
        h.db.auditLogEntry.count({ where: { action: "account_created", subjectId: erased[0]!.tombstoneId } }),
      (count) => count === 1,
    );
    // Handled by ops-audit, ops-analytics and ops-risk, the last two making nothing (erased_users).
    await eventually(
      () => h.db.inboxEvent.count({ where: { eventId: late.id } }),
      (count) => count === 3,
    );
    expect(await h.db.riskAccount.count({ where: { userId: person.id } })).toBe(0);
    expect(await h.db.auditSubject.count({ where: { userId: person.id } })).toBe(0);
    expect((await findTraces(h.db, [person.id])).filter((trace) => trace.table.startsWith("audit"))).toEqual(
      [],
    );
    expect((await verifyAuditChain(h.db)).ok).toBe(true);
  });

  it("makes nothing about the erased person from late events in its other consumers, and still makes others'", async () => {
    const at = new Date().toISOString();
    // Each is handled by ops-audit and ops-analytics (every event) and one more: notifications, risk.
    await deliverEvent(target, userFollowedV1, { followerId: person.id, followeeId: third.id, at }, 3);
    await deliverEvent(
      target,
      grabAttemptedV1,
      { orderId: randomUUID(), coachId: person.id, outcome: "LOST", attemptedAt: at },
      3,
    );
    await deliverEvent(target, userFollowedV1, { followerId: other.id, followeeId: third.id, at }, 3);
    expect(await findTraces(h.db, [person.id])).toEqual([]);
    const follows = await h.db.$queryRawUnsafe<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM "notification_follows" WHERE "follower_id" = $1::uuid AND "followee_id" = $2::uuid`,
      other.id,
      third.id,
    );
    expect(follows[0]?.n).toBe(1);
    expect((await verifyAuditChain(h.db)).ok).toBe(true);
  });
});
