import { randomUUID } from "node:crypto";
import {
  accountCreatedV1,
  chatMessageSentV1,
  grabAttemptedV1,
  loginFailedV1,
  paymentSuccessV1,
  riskScoredV1,
} from "@health/events/catalog";
import type { EventDefinition, EventPayload } from "@health/events/define";
import { prepareEvent } from "@health/platform/events";
import { eventually } from "@health/platform/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type OpsHarness, startOpsSubgraph } from "./harness.ts";

// The risk rules over a real Postgres and NATS: events go onto this file's streams as their producers'
// relays put them, ops's `ops-risk` consumer runs the rules, and the alerts are read through GraphQL.

let harness: OpsHarness;
let admin: { id: string; token: string };
let user: { id: string; token: string };
beforeAll(async () => {
  harness = await startOpsSubgraph();
  admin = await harness.person(["user", "admin"]);
  user = await harness.person(["user"]);
});
afterAll(() => harness?.close());

async function send<E extends EventDefinition>(event: E, payload: EventPayload<E>, aggregateId: string) {
  const { envelope } = prepareEvent(event, payload, { aggregateId });
  await harness.publish(event, envelope);
  return envelope;
}

const grab = (coachId: string, at: Date) =>
  send(
    grabAttemptedV1,
    { orderId: randomUUID(), coachId, outcome: "LOST", attemptedAt: at.toISOString() },
    coachId,
  );

const ALERT_FIELDS = `id rule severity status subjectKey userId count holdId summary
  acknowledgedBy acknowledgedAt resolvedBy resolvedAt resolution`;

interface AlertView {
  id: string;
  summary: string;
  rule: string;
  severity: string;
  status: string;
  subjectKey: string;
  userId: string | null;
  count: number;
  holdId: string | null;
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
  resolvedBy: string | null;
  resolvedAt: string | null;
  resolution: string | null;
}

async function alertsOf(subjectKey: string): Promise<AlertView[]> {
  const { data, errors } = await harness.request<{ riskAlerts: { nodes: AlertView[] } }>(
    `{ riskAlerts(first: 100) { nodes { ${ALERT_FIELDS} } } }`,
    {},
    admin.token,
  );
  if (!data) throw new Error(JSON.stringify(errors));
  return data.riskAlerts.nodes.filter((alert) => alert.subjectKey === subjectKey);
}

const untilAlerts = (subjectKey: string, done: (alerts: AlertView[]) => boolean) =>
  eventually(() => alertsOf(subjectKey), done, 15_000);

const heldEventsFor = async (userId: string) =>
  (await harness.db.outboxEvent.findMany({ where: { subject: "ops.account_held.v1", aggregateId: userId } }))
    .length;

describe("velocity", () => {
  it("the 11th grab attempt within a minute raises one HIGH alert and holds the coach; later attempts count into it", async () => {
    const coachId = randomUUID();
    const start = new Date();
    for (let n = 0; n < 10; n++) await grab(coachId, new Date(start.getTime() + n * 1000));
    // Ten are allowed: wait until they are all counted, and see no alert.
    await eventually(
      () => harness.db.riskSignal.count({ where: { rule: "VELOCITY", subjectKey: coachId } }),
      (count) => count === 10,
    );
    expect(await alertsOf(coachId)).toEqual([]);

    await grab(coachId, new Date(start.getTime() + 10_000));
    const [alert] = await untilAlerts(coachId, (alerts) => alerts.length === 1);
    expect(alert).toMatchObject({
      rule: "VELOCITY",
      severity: "HIGH",
      status: "OPEN",
      userId: coachId,
      count: 1,
    });
    expect(alert?.holdId).toBeTruthy();
    expect(await heldEventsFor(coachId)).toBe(1);

    await grab(coachId, new Date(start.getTime() + 11_000));
    await grab(coachId, new Date(start.getTime() + 12_000));
    const after = await untilAlerts(coachId, (alerts) => alerts[0]?.count === 3);
    expect(after).toHaveLength(1);
    expect(after[0]?.count).toBe(3);
    expect(await heldEventsFor(coachId)).toBe(1);
  });

  it("attempts spread wider than the window raise nothing", async () => {
    const coachId = randomUUID();
    const start = Date.now();
    for (let n = 0; n < 12; n++) await grab(coachId, new Date(start + n * 7_000));
    await eventually(
      () => harness.db.riskSignal.count({ where: { rule: "VELOCITY", subjectKey: coachId } }),
      (count) => count === 12,
    );
    expect(await alertsOf(coachId)).toEqual([]);
  });

  it("a redelivered attempt is counted once: no second alert, no extra count", async () => {
    const coachId = randomUUID();
    const start = Date.now();
    const sent = [];
    for (let n = 0; n < 11; n++) sent.push(await grab(coachId, new Date(start + n * 100)));
    await untilAlerts(coachId, (alerts) => alerts.length === 1);
    // The same events again under new message ids (JetStream's dedupe does not catch them; the inbox must).
    for (const envelope of sent) await harness.publish(grabAttemptedV1, envelope, randomUUID());
    // One new attempt behind them, on the same coach (its events are handled in order).
    await grab(coachId, new Date(start + 2_000));
    const alerts = await untilAlerts(coachId, (all) => (all[0]?.count ?? 0) >= 2);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.count).toBe(2);
    expect(await heldEventsFor(coachId)).toBe(1);
  });
});

describe("an operator's moves on an alert", () => {
  it("acknowledges then resolves with who and when; an illegal move is CONFLICT with the current state; a new firing after resolution is a new alert", async () => {
    const coachId = randomUUID();
    const start = Date.now();
    for (let n = 0; n < 11; n++) await grab(coachId, new Date(start + n * 100));
    const [alert] = await untilAlerts(coachId, (alerts) => alerts.length === 1);
    const id = alert?.id;

    const early = await harness.request(
      `mutation($id: ID!) { resolveRiskAlert(id: $id, resolution: "looked") { status } }`,
      { id },
      admin.token,
    );
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", currentState: "OPEN" });
    // The refused move left no audit row.
    expect(await harness.auditedActions(id!)).toEqual([]);

    const acked = await harness.request<{ acknowledgeRiskAlert: AlertView }>(
      `mutation($id: ID!) { acknowledgeRiskAlert(id: $id) { ${ALERT_FIELDS} } }`,
      { id },
      admin.token,
    );
    expect(acked.data?.acknowledgeRiskAlert).toMatchObject({
      status: "ACKNOWLEDGED",
      acknowledgedBy: admin.id,
    });
    expect(acked.data?.acknowledgeRiskAlert.acknowledgedAt).toBeTruthy();

    const blank = await harness.request(
      `mutation($id: ID!) { resolveRiskAlert(id: $id, resolution: "  ") { status } }`,
      { id },
      admin.token,
    );
    expect(blank.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "resolution" });

    const resolved = await harness.request<{ resolveRiskAlert: AlertView }>(
      `mutation($id: ID!) { resolveRiskAlert(id: $id, resolution: "A script; the coach was warned.") { ${ALERT_FIELDS} } }`,
      { id },
      admin.token,
    );
    expect(resolved.data?.resolveRiskAlert).toMatchObject({
      status: "RESOLVED",
      resolvedBy: admin.id,
      resolution: "A script; the coach was warned.",
    });
    expect(resolved.data?.resolveRiskAlert.resolvedAt).toBeTruthy();

    const again = await harness.request(
      `mutation($id: ID!) { acknowledgeRiskAlert(id: $id) { status } }`,
      { id },
      admin.token,
    );
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", currentState: "RESOLVED" });

    await grab(coachId, new Date(start + 1_500));
    const alerts = await untilAlerts(coachId, (all) => all.length === 2);
    expect(alerts.map((a) => a.status).sort()).toEqual(["OPEN", "RESOLVED"]);

    // Both moves are in the audit log as the operator's, in order; the refused ones are not.
    const triage = { rule: "VELOCITY", userId: coachId };
    expect(await harness.auditedActions(id!)).toEqual([
      {
        kind: "OPERATOR_ACTION",
        actorId: admin.id,
        subjectType: "RiskAlert",
        action: "acknowledge_risk_alert",
        details: { ...triage, from: "OPEN", to: "ACKNOWLEDGED" },
      },
      {
        kind: "OPERATOR_ACTION",
        actorId: admin.id,
        subjectType: "RiskAlert",
        action: "resolve_risk_alert",
        details: {
          ...triage,
          from: "ACKNOWLEDGED",
          to: "RESOLVED",
          resolution: "A script; the coach was warned.",
        },
      },
    ]);
  });

  it("only admins read alerts and move them (FORBIDDEN otherwise)", async () => {
    const list = await harness.request(`{ riskAlerts { nodes { id } } }`, {}, user.token);
    expect(list.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const ack = await harness.request(
      `mutation($id: ID!) { acknowledgeRiskAlert(id: $id) { id } }`,
      { id: randomUUID() },
      user.token,
    );
    expect(ack.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});

describe("the other rules", () => {
  it("five failed sign-ins for one account raise FAILED_LOGINS and hold it", async () => {
    const accountId = randomUUID();
    const hash = "c".repeat(64);
    for (let n = 0; n < 5; n++) {
      await send(
        loginFailedV1,
        { accountId, identifierHash: hash, reason: "WRONG_PASSWORD", failedAt: new Date().toISOString() },
        accountId,
      );
    }
    const [alert] = await untilAlerts(accountId, (alerts) => alerts.length === 1);
    expect(alert).toMatchObject({ rule: "FAILED_LOGINS", severity: "HIGH", userId: accountId });
    expect(alert?.holdId).toBeTruthy();
  });

  it("a new account's large payment raises NEW_ACCOUNT_LARGE_PAYMENT; a payment over the currency's threshold raises AMOUNT_THRESHOLD", async () => {
    const payerId = randomUUID();
    await send(accountCreatedV1, { accountId: payerId, createdAt: new Date().toISOString() }, payerId);
    await eventually(
      () => harness.db.riskAccount.count({ where: { userId: payerId } }),
      (count) => count === 1,
    );
    const paymentId = randomUUID();
    await send(
      paymentSuccessV1,
      {
        paymentId,
        requestId: null,
        requester: null,
        payerId,
        reference: "test",
        amount: 600_000,
        currency: "CNY",
        paidAt: new Date().toISOString(),
      },
      paymentId,
    );
    const alerts = await untilAlerts(payerId, (all) => all.length === 2);
    expect(alerts.map((a) => a.rule).sort()).toEqual(["AMOUNT_THRESHOLD", "NEW_ACCOUNT_LARGE_PAYMENT"]);
  });

  it("the same chat message five times within the window raises CHAT_SPAM (LOW, no hold)", async () => {
    const senderId = randomUUID();
    const roomId = randomUUID();
    const start = Date.now();
    for (let n = 0; n < 5; n++) {
      await send(
        chatMessageSentV1,
        {
          roomId,
          senderId,
          length: 8,
          contentHash: "d".repeat(64),
          sentAt: new Date(start + n * 500).toISOString(),
        },
        senderId,
      );
    }
    const [alert] = await untilAlerts(senderId, (all) => all.length === 1);
    expect(alert).toMatchObject({ rule: "CHAT_SPAM", severity: "LOW", holdId: null });
    expect(alert?.summary).toMatch(/same message 5 times/);
  });

  it("ai's risk_scored at or above the threshold raises RISK_SCORE; below it nothing", async () => {
    const low = randomUUID();
    const high = randomUUID();
    const scored = (userId: string, score: number) =>
      send(
        riskScoredV1,
        {
          userId,
          score,
          features: [{ name: "grabs", value: 30, contribution: 0.6 }],
          model: "risk-v1",
          scoredAt: new Date().toISOString(),
        },
        userId,
      );
    await scored(low, 40);
    await scored(high, 91);
    const [alert] = await untilAlerts(high, (all) => all.length === 1);
    expect(alert).toMatchObject({ rule: "RISK_SCORE", severity: "HIGH", holdId: null });
    expect(await alertsOf(low)).toEqual([]);
  });
});

describe("holds by an admin", () => {
  it("holdAccount publishes account_held with who; a second hold is CONFLICT; releaseAccountHold publishes account_released", async () => {
    const userId = randomUUID();
    const held = await harness.request<{
      holdAccount: { id: string; heldBy: string; releasedAt: string | null };
    }>(
      `mutation($u: ID!) { holdAccount(userId: $u, reason: "chargeback investigation") { id heldBy releasedAt } }`,
      { u: userId },
      admin.token,
    );
    expect(held.data?.holdAccount).toMatchObject({ heldBy: admin.id, releasedAt: null });
    const twice = await harness.request(
      `mutation($u: ID!) { holdAccount(userId: $u, reason: "again") { id } }`,
      { u: userId },
      admin.token,
    );
    expect(twice.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    const released = await harness.request<{ releaseAccountHold: Array<{ id: string; releasedBy: string }> }>(
      `mutation($u: ID!) { releaseAccountHold(userId: $u) { id releasedBy releasedAt } }`,
      { u: userId },
      admin.token,
    );
    expect(released.data?.releaseAccountHold).toEqual([
      expect.objectContaining({ id: held.data?.holdAccount.id, releasedBy: admin.id }),
    ]);
    const subjects = (await harness.db.outboxEvent.findMany({ where: { aggregateId: userId } })).map(
      (e) => e.subject,
    );
    expect(subjects.sort()).toEqual(["ops.account_held.v1", "ops.account_released.v1"]);
    // The hold and the release are in the audit log as the admin's; the refused second hold is not.
    const holdId = held.data?.holdAccount.id;
    expect(await harness.auditedActions(userId)).toEqual([
      {
        kind: "ADMIN_ACTION",
        actorId: admin.id,
        subjectType: "User",
        action: "hold_account",
        details: { holdId, reason: "chargeback investigation" },
      },
      {
        kind: "ADMIN_ACTION",
        actorId: admin.id,
        subjectType: "User",
        action: "release_account_hold",
        details: { holdIds: [holdId], by: "userId" },
      },
    ]);
    const none = await harness.request(
      `mutation($u: ID!) { releaseAccountHold(userId: $u) { id } }`,
      { u: userId },
      admin.token,
    );
    expect(none.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  });

  it("a non-admin can neither hold nor release", async () => {
    const hold = await harness.request(
      `mutation($u: ID!) { holdAccount(userId: $u, reason: "x") { id } }`,
      { u: user.id },
      user.token,
    );
    expect(hold.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const release = await harness.request(
      `mutation($u: ID!) { releaseAccountHold(userId: $u) { id } }`,
      { u: user.id },
      user.token,
    );
    expect(release.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});
