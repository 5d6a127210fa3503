import { randomUUID } from "node:crypto";
import { accountHeldV1, accountReleasedV1, orderPaymentRequestedV1 } from "@health/events/catalog";
import { prepareEvent } from "@health/platform/events";
import { eventually } from "@health/platform/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CREATE_PAYMENT, type FinanceHarness, startFinanceSubgraph } from "./harness.ts";

// ops's holds in finance's own account_holds (fed by account_held / account_released on the bus): a
// held account starts no payment; released, it pays again.

let h: FinanceHarness;
beforeAll(async () => {
  h = await startFinanceSubgraph();
});
afterAll(() => h?.close());

async function hold(userId: string): Promise<string> {
  const holdId = randomUUID();
  const held = prepareEvent(
    accountHeldV1,
    { holdId, userId, alertId: null, reason: "AMOUNT_THRESHOLD", heldAt: new Date().toISOString() },
    { aggregateId: userId },
  );
  await h.publish(accountHeldV1, held.envelope);
  await eventually(
    () => heldCount(userId),
    (n) => n === 1,
  );
  return holdId;
}

const heldCount = (userId: string) => h.db.accountHold.count({ where: { userId, releasedAt: null } });
const pay = (token: string) =>
  h.request(
    CREATE_PAYMENT,
    { input: { idempotencyKey: randomUUID(), amount: 900, currency: "CNY", reference: "order-1" } },
    token,
  );

describe("a held account's payments", () => {
  it("are refused with ACCOUNT_HELD, nothing written, until the hold is released", async () => {
    const payer = await h.person();
    const holdId = randomUUID();
    const held = prepareEvent(
      accountHeldV1,
      {
        holdId,
        userId: payer.id,
        alertId: null,
        reason: "AMOUNT_THRESHOLD",
        heldAt: new Date().toISOString(),
      },
      { aggregateId: payer.id },
    );
    await h.publish(accountHeldV1, held.envelope);
    await eventually(
      () => heldCount(payer.id),
      (n) => n === 1,
    );

    const refused = await pay(payer.token);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN", reason: "ACCOUNT_HELD" });
    expect(refused.errors?.[0]?.message).toMatch(/contact support/i);
    expect(await h.db.payment.count({ where: { payerId: payer.id } })).toBe(0);

    const released = prepareEvent(
      accountReleasedV1,
      { holdId, userId: payer.id, releasedBy: randomUUID(), releasedAt: new Date().toISOString() },
      { aggregateId: payer.id },
    );
    await h.publish(accountReleasedV1, released.envelope);
    await eventually(
      () => heldCount(payer.id),
      (n) => n === 0,
    );
    expect((await pay(payer.token)).errors).toBeUndefined();
  });
});

describe("a held payer's saga payment", () => {
  it("is declined at once: FAILED with reason ACCOUNT_HELD, payment_failed answers the saga, the provider never asked", async () => {
    const customerId = randomUUID();
    await hold(customerId);
    const orderId = randomUUID();
    const request = prepareEvent(
      orderPaymentRequestedV1,
      {
        requestId: orderId,
        orderId,
        customerId,
        amount: 19_900,
        currency: "CNY",
        requestedAt: new Date().toISOString(),
      },
      { aggregateId: orderId },
    );
    await h.publish(orderPaymentRequestedV1, request.envelope);
    const payment = await eventually(
      () => h.db.payment.findUnique({ where: { id: orderId } }),
      (row) => row?.status === "FAILED",
    );
    expect(payment).toMatchObject({ status: "FAILED", failureReason: "ACCOUNT_HELD", providerRef: null });
    const answers = await h.db.outboxEvent.findMany({ where: { aggregateId: orderId } });
    expect(answers.map((row) => row.subject)).toEqual(["finance.payment_failed.v1"]);
    expect((answers[0]?.envelope as { payload?: { reason?: string } } | undefined)?.payload?.reason).toBe(
      "ACCOUNT_HELD",
    );
  });
});
