import { randomUUID } from "node:crypto";
import { orderCancelledV1, orderPaymentRequestedV1, serviceCompletedV1 } from "@health/events/catalog";
import type { EventDefinition, EventPayload } from "@health/events/define";
import { prepareEvent } from "@health/platform/events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { captureHeld, lockPaymentIfAny } from "../src/domain/payments/moves.ts";
import { reconcileDay } from "../src/domain/reconciliation/reconcile.ts";
import { type FinanceHarness, startFinanceSubgraph } from "./harness.ts";

// The daily reconciliation: trade's real events arrive on finance's streams; where a real failure would
// have left things wrong (a lost capture, a lost release, a second charge), the rows are tampered with
// directly. One planted discrepancy of each kind is found and repaired or flagged; a second run over the
// same day finds nothing and changes nothing.

let h: FinanceHarness;
beforeAll(async () => {
  h = await startFinanceSubgraph({ LOCAL_PAYMENTS_WEBHOOK_DELAY_MS: "50", FINANCE_PLATFORM_FEE_BPS: "2000" });
});
afterAll(() => h?.close());

async function send<E extends EventDefinition>(event: E, payload: EventPayload<E>, aggregateId: string) {
  const { envelope } = prepareEvent(event, payload, { aggregateId });
  await h.publish(event, envelope);
}

const paymentOf = (id: string) => h.db.payment.findUnique({ where: { id } });
const untilStatus = (id: string, status: string) =>
  h.eventually(
    () => paymentOf(id),
    (payment) => payment?.status === status,
  );
const untilOrder = (id: string, status: string) =>
  h.eventually(
    () => h.db.tradeOrder.findUnique({ where: { orderId: id } }),
    (order) => order?.status === status,
  );

/** An order whose payment finance holds: trade asked, the provider said yes. */
async function heldOrder(amount = 10_000) {
  const orderId = randomUUID();
  const customerId = randomUUID();
  const coachId = randomUUID();
  await send(
    orderPaymentRequestedV1,
    {
      requestId: orderId,
      orderId,
      customerId,
      amount,
      currency: "CNY",
      requestedAt: new Date().toISOString(),
    },
    orderId,
  );
  await untilStatus(orderId, "AUTHORIZED");
  return { orderId, customerId, coachId, amount };
}

async function complete(
  order: { orderId: string; customerId: string; coachId: string },
  priceAmount: number,
) {
  await send(
    serviceCompletedV1,
    {
      orderId: order.orderId,
      userId: order.customerId,
      healthWorkerId: order.coachId,
      completionTime: new Date().toISOString(),
      rating: null,
      priceAmount,
      currency: "CNY",
    },
    order.orderId,
  );
  await untilStatus(order.orderId, "CAPTURED");
  await h.eventually(
    () => h.db.settlement.findUnique({ where: { orderId: order.orderId } }),
    (row) => row !== null,
  );
}

/** An admin's capture, as capturePayment does it (the moves under the row lock). */
const captureNow = (paymentId: string) =>
  h.db.$transaction(async (tx) => {
    const payment = await lockPaymentIfAny(tx, paymentId);
    await captureHeld(tx, h.deps.payments, payment!, new Date());
  });

/** Finance's record of the order, as if its event had been handled but its money step lost. */
const markOrder = (orderId: string, status: string, coachId: string | null = null) =>
  h.db.$executeRawUnsafe(
    `UPDATE trade_orders SET status = $2::"TradeOrderStatus", coach_id = COALESCE($3::uuid, coach_id),
       completed_at = CASE WHEN $2 = 'COMPLETED' THEN now() END,
       cancelled_at = CASE WHEN $2 IN ('CANCELLED', 'EXPIRED') THEN now() END
     WHERE order_id = $1::uuid`,
    orderId,
    status,
    coachId,
  );

const payableOf = async (coachId: string) =>
  (await h.db.ledgerAccount.findFirst({ where: { owner: coachId, kind: "COACH_PAYABLE", unit: "CNY" } }))
    ?.balance ?? 0n;

const snapshot = async () => ({
  transfers: await h.db.ledgerTransfer.count(),
  settlements: await h.db.settlement.count(),
  discrepancies: await h.db.reconciliationDiscrepancy.count(),
  payments: (await h.db.payment.findMany({ orderBy: { id: "asc" } })).map((p) => [
    p.id,
    p.status,
    p.updatedAt,
  ]),
  accounts: (await h.db.ledgerAccount.findMany({ orderBy: { id: "asc" } })).map((a) => [a.id, a.balance]),
});

const today = () => new Date().toISOString().slice(0, 10);

describe("trade's orders as finance records them", () => {
  it("follows order_payment_requested, service_completed and order_cancelled; a late event never moves a COMPLETED order back", async () => {
    const order = await heldOrder(7_000);
    expect(await untilOrder(order.orderId, "REQUESTED")).toMatchObject({ amount: 7_000, currency: "CNY" });
    await complete(order, 7_000);
    expect(await untilOrder(order.orderId, "COMPLETED")).toMatchObject({ coachId: order.coachId });
    await send(
      orderCancelledV1,
      {
        orderId: order.orderId,
        customerId: order.customerId,
        status: "CANCELLED",
        reason: "a late, stray cancellation",
        cancelledAt: new Date().toISOString(),
      },
      order.orderId,
    );
    await h.eventually(
      () => h.db.tradeOrder.findUnique({ where: { orderId: order.orderId } }),
      (row) => row?.cancelledAt !== null,
    );
    expect(await h.db.tradeOrder.findUnique({ where: { orderId: order.orderId } })).toMatchObject({
      status: "COMPLETED",
    });
  });
});

describe("the daily reconciliation", () => {
  it("finds one planted discrepancy of each kind, repairs the safe ones, flags the rest; a second run finds none", async () => {
    // A captured payment whose order was cancelled, the refund lost.
    const capturedCancelled = await heldOrder();
    await captureNow(capturedCancelled.orderId);
    await markOrder(capturedCancelled.orderId, "CANCELLED");
    // A completed order whose capture never happened.
    const notCaptured = await heldOrder(20_000);
    await markOrder(notCaptured.orderId, "COMPLETED", notCaptured.coachId);
    // A completed order captured but never settled.
    const notSettled = await heldOrder(30_000);
    await captureNow(notSettled.orderId);
    await markOrder(notSettled.orderId, "COMPLETED", notSettled.coachId);
    // Trade's final price differs from the payment.
    const mismatch = await heldOrder(10_000);
    await complete(mismatch, 12_000);
    // A second payment captured for one order.
    const doubled = await heldOrder(5_000);
    await complete(doubled, 5_000);
    const duplicate = randomUUID();
    await h.db.$executeRawUnsafe(
      `INSERT INTO payments (id, payer_id, amount, currency, reference, status, captured_amount, provider)
       VALUES ($1::uuid, $2::uuid, 5000, 'CNY', $3, 'CAPTURED', 5000, 'local')`,
      duplicate,
      doubled.customerId,
      `service_order:${doubled.orderId}`,
    );
    // A hold on a cancelled order, the release lost; a stale hold on an order finance never recorded.
    const hangingCancelled = await heldOrder(4_000);
    await markOrder(hangingCancelled.orderId, "CANCELLED");
    const hangingUnknown = await heldOrder(3_000);
    await h.db.tradeOrder.delete({ where: { orderId: hangingUnknown.orderId } });
    await h.db.$executeRawUnsafe(
      `UPDATE payments SET created_at = now() - interval '5 days' WHERE id = $1::uuid`,
      hangingUnknown.orderId,
    );
    // And one order with nothing wrong.
    const fine = await heldOrder(8_000);
    await complete(fine, 8_000);

    const report = await reconcileDay(h.deps, today(), new Date());
    expect(report).not.toBeNull();
    const items = (report!.items as Array<{ kind: string; action: string; orderId: string }>).map((item) => ({
      kind: item.kind,
      action: item.action,
      orderId: item.orderId,
    }));
    expect(items).toEqual(
      expect.arrayContaining([
        { kind: "CAPTURED_WITHOUT_COMPLETED_ORDER", action: "FLAGGED", orderId: capturedCancelled.orderId },
        { kind: "COMPLETED_NOT_CAPTURED", action: "REPAIRED", orderId: notCaptured.orderId },
        { kind: "COMPLETED_NOT_SETTLED", action: "REPAIRED", orderId: notSettled.orderId },
        { kind: "AMOUNT_MISMATCH", action: "FLAGGED", orderId: mismatch.orderId },
        { kind: "DOUBLE_CAPTURE", action: "FLAGGED", orderId: doubled.orderId },
        { kind: "HANGING_AUTHORIZATION", action: "REPAIRED", orderId: hangingCancelled.orderId },
        { kind: "HANGING_AUTHORIZATION", action: "REPAIRED", orderId: hangingUnknown.orderId },
      ]),
    );
    expect(items).toHaveLength(7);
    expect(items.some((item) => item.orderId === fine.orderId)).toBe(false);
    expect(report).toMatchObject({ found: 7, repaired: 4, flagged: 3, alreadyFlagged: 0 });
    expect(report!.counts).toEqual(
      expect.arrayContaining([
        { kind: "HANGING_AUTHORIZATION", found: 2, repaired: 2, flagged: 0 },
        { kind: "DOUBLE_CAPTURE", found: 1, repaired: 0, flagged: 1 },
      ]),
    );

    // Repaired in the payments, at the provider and in the ledger.
    expect(await paymentOf(notCaptured.orderId)).toMatchObject({
      status: "CAPTURED",
      capturedAmount: 20_000,
    });
    expect(await h.db.settlement.findUnique({ where: { orderId: notCaptured.orderId } })).toMatchObject({
      amount: 20_000,
      coachPayout: 16_000,
      platformFee: 4_000,
    });
    expect(await payableOf(notCaptured.coachId)).toBe(16_000n);
    expect(await h.db.settlement.findUnique({ where: { orderId: notSettled.orderId } })).toMatchObject({
      amount: 30_000,
      coachPayout: 24_000,
    });
    expect(await payableOf(notSettled.coachId)).toBe(24_000n);
    for (const hanging of [hangingCancelled, hangingUnknown]) {
      expect(await paymentOf(hanging.orderId)).toMatchObject({ status: "VOIDED", capturedAmount: 0 });
      expect(
        await h.db.localProviderCharge.findUnique({ where: { paymentId: hanging.orderId } }),
      ).toMatchObject({ status: "VOIDED" });
    }
    // Flagged ones are left as they are, for an operator.
    expect(await paymentOf(capturedCancelled.orderId)).toMatchObject({ status: "CAPTURED" });
    const open = await h.db.reconciliationDiscrepancy.findMany({ where: { status: "OPEN" } });
    expect(open.map((row) => row.kind).sort()).toEqual([
      "AMOUNT_MISMATCH",
      "CAPTURED_WITHOUT_COMPLETED_ORDER",
      "DOUBLE_CAPTURE",
    ]);
    // The ledger still balances.
    const sums = await h.db.$queryRawUnsafe<Array<{ unbalanced: bigint }>>(
      `SELECT count(*) AS unbalanced FROM (SELECT transfer_id FROM ledger_entries GROUP BY transfer_id
        HAVING sum(amount) <> 0) t`,
    );
    expect(sums[0]?.unbalanced).toBe(0n);

    const before = await snapshot();
    const again = await reconcileDay(h.deps, today(), new Date());
    expect(again).toMatchObject({
      found: 0,
      repaired: 0,
      flagged: 0,
      alreadyFlagged: 3,
      items: [],
      counts: [],
    });
    expect(await snapshot()).toEqual(before);
  });

  it("runs once per day on the schedule, and concurrent runs take turns", async () => {
    const date = today();
    const runs = await Promise.all([
      reconcileDay(h.deps, date, new Date(), "SCHEDULE"),
      reconcileDay(h.deps, date, new Date(), "SCHEDULE"),
    ]);
    expect(runs.filter((run) => run !== null)).toHaveLength(1);
    expect(await h.db.reconciliationReport.count({ where: { trigger: "SCHEDULE" } })).toBe(1);
  });

  it("refuses a day that is not YYYY-MM-DD or has not begun", async () => {
    await expect(reconcileDay(h.deps, "2026-02-30", new Date())).rejects.toMatchObject({
      extensions: { code: "BAD_USER_INPUT", field: "date" },
    });
    await expect(reconcileDay(h.deps, "2999-01-01", new Date())).rejects.toMatchObject({
      extensions: { code: "BAD_USER_INPUT" },
    });
  });
});

const REPORTS = `query Reports($first: Int) { reconciliationReports(first: $first) {
  nodes { id date trigger found repaired flagged alreadyFlagged counts { kind found repaired flagged }
          items { kind action orderId paymentId detail } }
  pageInfo { endCursor hasNextPage } } }`;
const DISCREPANCIES = `query Open($status: DiscrepancyStatus) { reconciliationDiscrepancies(status: $status) {
  nodes { id kind status orderId paymentId detail reportDate resolvedBy resolvedAt resolutionNote } } }`;
const RESOLVE = `mutation Resolve($id: ID!, $note: String!) { resolveReconciliationDiscrepancy(id: $id, note: $note) {
  id status resolvedBy resolutionNote } }`;

describe("reconciliation through GraphQL", () => {
  it("shows reports and discrepancies to admins only, and an admin resolves one once", async () => {
    const admin = await h.person(["admin"]);
    const user = await h.person(["user"]);
    const coach = await h.person(["coach"]);
    for (const caller of [user, coach]) {
      for (const query of [REPORTS, DISCREPANCIES]) {
        const denied = await h.request(query, {}, caller.token);
        expect(denied.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
      }
    }
    const anonymous = await h.request(REPORTS, {});
    expect(anonymous.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");

    type Reports = { reconciliationReports: { nodes: Array<{ found: number; items: unknown[] }> } };
    const reports = await h.request<Reports>(REPORTS, { first: 10 }, admin.token);
    expect(reports.errors).toBeUndefined();
    expect(reports.data?.reconciliationReports.nodes.length).toBeGreaterThanOrEqual(2);

    type Open = { reconciliationDiscrepancies: { nodes: Array<{ id: string; kind: string }> } };
    const open = await h.request<Open>(DISCREPANCIES, { status: "OPEN" }, admin.token);
    const target = open.data!.reconciliationDiscrepancies.nodes[0]!;
    const forbidden = await h.request(RESOLVE, { id: target.id, note: "refunded by hand" }, user.token);
    expect(forbidden.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const resolved = await h.request(RESOLVE, { id: target.id, note: "refunded by hand" }, admin.token);
    expect(resolved.data).toEqual({
      resolveReconciliationDiscrepancy: {
        id: target.id,
        status: "RESOLVED",
        resolvedBy: admin.id,
        resolutionNote: "refunded by hand",
      },
    });
    const twice = await h.request(RESOLVE, { id: target.id, note: "again" }, admin.token);
    expect(twice.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    const unknown = await h.request(RESOLVE, { id: randomUUID(), note: "x" }, admin.token);
    expect(unknown.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  });
});
