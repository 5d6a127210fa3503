import { randomUUID } from "node:crypto";
import { eventually } from "@health/platform/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashOf } from "../../subgraphs/ops/src/domain/audit/canonical.ts";
import { adminOf, becomeCoach, signUpGrabbingCoach } from "./support/coaches.ts";
import { graphqlClient } from "./support/graphqlClient.ts";
import { openOrder } from "./support/orders.ts";
import { type Person, signUp } from "./support/people.ts";
import { type StartedPlatform, startPlatform } from "./support/startPlatform.ts";

// Issue 12's audit log and analytics through the router: events of real actions (an order's life, an
// operator's points adjustment in finance) reach ops's audit log and daily figures, and the chain's
// verification names a row changed or removed in ops's database by someone who bypassed its triggers.

let platform: StartedPlatform;
let request: ReturnType<typeof graphqlClient>;
let admin: Person;
let customer: Person;
let orderId: string;

beforeAll(async () => {
  platform = await startPlatform({ ops: true });
  request = graphqlClient(platform.url);
  admin = await adminOf(platform, request);
}, 60_000);
afterAll(() => platform?.close());

async function ok<T>(query: string, variables: Record<string, unknown>, token: string): Promise<T> {
  const { data, errors } = await request<T>(query, variables, token);
  if (!data || errors) throw new Error(JSON.stringify(errors));
  return data;
}

interface Row {
  id: string;
  sequence: number;
  kind: string;
  actorId: string | null;
  subjectType: string;
  subjectId: string;
  action: string;
}
const AUDIT_LOG = `query ($actorId: String, $subjectType: String, $subjectId: String) {
  auditLog(actorId: $actorId, subjectType: $subjectType, subjectId: $subjectId, first: 100) {
    nodes { id sequence kind actorId subjectType subjectId action }
  }
}`;
const auditLog = async (filter: Record<string, unknown>) =>
  (await ok<{ auditLog: { nodes: Row[] } }>(AUDIT_LOG, filter, admin.token)).auditLog.nodes;

const VERIFY = `query { verifyAuditChain { ok checkedRows headSequence problems { kind rowId sequence missingFrom missingTo message } } }`;
interface Verification {
  ok: boolean;
  checkedRows: number;
  problems: { kind: string; rowId: string | null; sequence: number | null; missingFrom: number | null }[];
}
const verify = async () =>
  (await ok<{ verifyAuditChain: Verification }>(VERIFY, {}, admin.token)).verifyAuditChain;

describe("the audit log through the router", () => {
  it("records an order's events and an operator's action in another subgraph", async () => {
    customer = await signUp(request, "Audited");
    const coach = await signUpGrabbingCoach(platform, request, "AuditedCoach", { region: "hangzhou-audit" });
    orderId = await openOrder(request, customer, "hangzhou-audit");
    await ok("mutation($id: ID!) { grabOrder(orderId: $id) { id } }", { id: orderId }, coach.token);
    for (const status of ["IN_SERVICE", "AWAITING_CONFIRMATION"]) {
      await ok(
        "mutation($id: ID!, $status: OrderStatus!) { updateOrderStatus(orderId: $id, status: $status) { status } }",
        { id: orderId, status },
        coach.token,
      );
    }
    await ok(
      "mutation($id: ID!) { confirmOrderCompletion(orderId: $id) { status } }",
      { id: orderId },
      customer.token,
    );

    const ofOrder = await eventually(
      () => auditLog({ subjectType: "Order", subjectId: orderId }),
      (rows) => rows.some((row) => row.action === "service_completed"),
      30_000,
    );
    expect(ofOrder.map((row) => row.action)).toEqual(
      expect.arrayContaining(["order_created", "order_assigned", "service_completed"]),
    );
    expect(ofOrder.every((row) => row.kind === "EVENT" && row.subjectId === orderId)).toBe(true);
    // Newest first.
    const sequences = ofOrder.map((row) => row.sequence);
    expect(sequences).toEqual([...sequences].sort((a, b) => b - a));

    await ok(
      'mutation($userId: ID!) { adjustPoints(userId: $userId, amount: 25, reason: "goodwill for a late coach") { id } }',
      { userId: customer.id },
      admin.token,
    );
    const byAdmin = await eventually(
      () => auditLog({ actorId: admin.id }),
      // Not any ADMIN_ACTION: auth's approval of the coach (signUpGrabbingCoach) is one too.
      (rows) => rows.some((row) => row.action === "finance.adjust_points"),
      30_000,
    );
    expect(byAdmin).toContainEqual(
      expect.objectContaining({
        kind: "ADMIN_ACTION",
        action: "finance.adjust_points",
        subjectType: "User",
        subjectId: customer.id,
      }),
    );
  }, 90_000);

  it("records a coach's read of a customer's health records (as user's access log does) and an admin's approval in auth", async () => {
    const owner = await signUp(request, "ReadOwner");
    // The coach becomes one through the router: an admin approves the application in auth.
    const coach = await becomeCoach(platform, request, await signUp(request, "ReadingCoach"));
    const application = await ok<{ myCoachApplication: { id: string } }>(
      "{ myCoachApplication { id } }",
      {},
      coach.token,
    );
    await ok(
      "mutation($input: RecordHealthDataInput!) { recordHealthData(input: $input) { record { id } } }",
      { input: { metric: "STEPS", value: 6400 } },
      owner.token,
    );
    await ok(
      "mutation($input: GrantConsentInput!) { grantConsent(input: $input) { id } }",
      {
        input: {
          coachId: coach.id,
          metrics: ["STEPS"],
          expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
        },
      },
      owner.token,
    );
    const read = await ok<{ healthRecords: { nodes: { metric: string }[] } }>(
      "query($id: ID!) { healthRecords(userId: $id) { nodes { metric } } }",
      { id: owner.id },
      coach.token,
    );
    expect(read.healthRecords.nodes).toEqual([{ metric: "STEPS" }]);

    // user's access log, which the owner reads, has the read...
    const { healthDataAccessLog } = await ok<{
      healthDataAccessLog: { actorId: string; resource: string; outcome: string }[];
    }>(
      "query($id: ID!) { healthDataAccessLog(userId: $id, first: 50) { actorId resource outcome } }",
      { id: owner.id },
      owner.token,
    );
    expect(healthDataAccessLog).toContainEqual({
      actorId: coach.id,
      resource: "HEALTH_RECORDS",
      outcome: "ALLOWED",
    });
    // ...and ops's audit log has it as well, about the owner, by the coach (health_data_accessed).
    const aboutOwner = await eventually(
      () => auditLog({ subjectType: "User", subjectId: owner.id }),
      (rows) => rows.some((row) => row.action === "health_data_accessed"),
      30_000,
    );
    expect(aboutOwner).toContainEqual(
      expect.objectContaining({ kind: "EVENT", action: "health_data_accessed", actorId: coach.id }),
    );

    // The admin's approval in auth reached the audit log as auth's admin_action_recorded.
    const byAdmin = await eventually(
      () => auditLog({ actorId: admin.id }),
      (rows) => rows.some((row) => row.subjectId === application.myCoachApplication.id),
      30_000,
    );
    expect(byAdmin).toContainEqual(
      expect.objectContaining({
        kind: "ADMIN_ACTION",
        action: "auth.approve_coach_application",
        subjectType: "CoachApplication",
        subjectId: application.myCoachApplication.id,
      }),
    );
  }, 90_000);

  it("reports the order created and completed, its customer active, and its payment in GMV", async () => {
    const period = {
      from: new Date(Date.now() - 86_400_000).toISOString(),
      to: new Date(Date.now() + 86_400_000).toISOString(),
    };
    interface Totals {
      activeUsers: number;
      ordersCreated: number;
      ordersCompleted: number;
      gmv: { currency: string; amount: number; payments: number }[];
    }
    const read = async () =>
      (
        await ok<{ analyticsReport: { days: { day: string }[]; totals: Totals } }>(
          `query($from: DateTimeISO!, $to: DateTimeISO!) { analyticsReport(from: $from, to: $to) {
            days { day } totals { activeUsers ordersCreated ordersCompleted gmv { currency amount payments } } } }`,
          period,
          admin.token,
        )
      ).analyticsReport;
    const report = await eventually(
      read,
      (r) => r.totals.gmv.length > 0 && r.totals.ordersCompleted > 0,
      30_000,
    );
    expect(report.days.length).toBeGreaterThanOrEqual(2);
    expect(report.totals).toMatchObject({
      ordersCreated: 1,
      ordersCompleted: 1,
      gmv: [{ currency: "CNY", amount: 19_900, payments: 1 }],
    });
    expect(report.totals.activeUsers).toBeGreaterThanOrEqual(2); // the customer and the coach at least
  }, 60_000);

  it("verifies the chain, then names the rows changed, removed and inserted in ops's database", async () => {
    const before = await verify();
    expect(before).toMatchObject({ ok: true, problems: [] });
    expect(before.checkedRows).toBeGreaterThan(3);

    const [created, assigned] = await Promise.all(
      ["order_created", "order_assigned"].map(async (action) => {
        const rows = await auditLog({ subjectType: "Order", subjectId: orderId });
        return rows.find((row) => row.action === action)!;
      }),
    );
    const db = platform.opsDeps!.db;
    // As a superuser who bypasses the append-only triggers would.
    await db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL session_replication_role = replica");
      await tx.$executeRawUnsafe(
        `UPDATE "audit_log" SET "actor_id" = NULL WHERE "id" = $1::uuid`,
        created!.id,
      );
      await tx.$executeRawUnsafe(`DELETE FROM "audit_log" WHERE "id" = $1::uuid`, assigned!.id);
    });
    const [after] = await db.$queryRawUnsafe<{ id: string }[]>(
      `SELECT "id"::text AS "id" FROM "audit_log" WHERE "sequence" > $1::bigint ORDER BY "audit_log"."sequence" LIMIT 1`,
      assigned!.sequence,
    );
    // A forged row with a correct hash, linked to the newest row's predecessor, reusing its sequence
    // number (the unique index dropped first, as the table's owner could).
    const [newest, beforeNewest] = await db.$queryRawUnsafe<{ sequence: string; hash: string }[]>(
      `SELECT "sequence"::text AS "sequence", "hash" FROM "audit_log" ORDER BY "audit_log"."sequence" DESC LIMIT 2`,
    );
    const forged = {
      id: randomUUID(),
      sequence: Number(newest!.sequence),
      occurredAt: new Date(),
      recordedAt: new Date(),
      kind: "ADMIN_ACTION",
      actorId: admin.id,
      subjectType: "User",
      subjectId: customer.id,
      action: "finance.adjust_points",
      details: { amount: 1_000_000 },
      eventId: null,
      prevHash: beforeNewest!.hash,
    };
    await db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL session_replication_role = replica");
      await tx.$executeRawUnsafe(`DROP INDEX "audit_log_sequence_key"`);
      await tx.$executeRawUnsafe(
        `INSERT INTO "audit_log" ("id", "sequence", "occurred_at", "recorded_at", "kind", "actor_id", "subject_type",
           "subject_id", "action", "details", "event_id", "prev_hash", "hash")
         VALUES ($1::uuid, $2, $3::timestamptz, $4::timestamptz, $5, $6, $7, $8, $9, $10::jsonb, NULL, $11, $12)`,
        forged.id,
        forged.sequence,
        forged.occurredAt.toISOString(),
        forged.recordedAt.toISOString(),
        forged.kind,
        forged.actorId,
        forged.subjectType,
        forged.subjectId,
        forged.action,
        JSON.stringify(forged.details),
        forged.prevHash,
        hashOf(forged),
      );
    });
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.problems).toContainEqual(
      expect.objectContaining({ kind: "INSERTED", rowId: forged.id, sequence: forged.sequence }),
    );
    expect(report.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: "CHANGED", rowId: created!.id, sequence: created!.sequence }),
        expect.objectContaining({
          kind: "REMOVED",
          rowId: after?.id ?? null,
          missingFrom: assigned!.sequence,
        }),
      ]),
    );
  });
});
