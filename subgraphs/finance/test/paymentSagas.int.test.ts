import { randomUUID } from "node:crypto";
import {
  communityMembershipCancelledV1,
  communityPaymentRequestedV1,
  coursePaymentRequestedV1,
  orderCancelledV1,
  orderPaymentRequestedV1,
  serviceCompletedV1,
  shopOrderCancelledV1,
  shopOrderPaymentRequestedV1,
} from "@health/events/catalog";
import type { EventDefinition, EventPayload } from "@health/events/define";
import { prepareEvent } from "@health/platform/events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FinanceHarness, startFinanceSubgraph } from "./harness.ts";

// Finance's part in the payment sagas: requests and cancellations arrive on finance's streams as trade's
// and ec's relays would publish them; the local provider answers by its signed webhook to this
// subgraph's port; what finance tells the sagas is read from its outbox.

let h: FinanceHarness;
beforeAll(async () => {
  h = await startFinanceSubgraph({
    LOCAL_PAYMENTS_WEBHOOK_DELAY_MS: "300",
    FINANCE_PLATFORM_FEE_BPS: "2000",
  });
});
afterAll(() => h?.close());

async function send<E extends EventDefinition>(event: E, payload: EventPayload<E>, aggregateId: string) {
  const { envelope } = prepareEvent(event, payload, { aggregateId });
  await h.publish(event, envelope);
}

const paymentOf = (id: string) => h.db.payment.findUnique({ where: { id } });

const untilStatus = async (id: string, status: string) =>
  h.eventually(
    () => paymentOf(id),
    (payment) => payment?.status === status,
  );

const outboxOf = async (paymentId: string) =>
  (await h.db.outboxEvent.findMany({ where: { aggregateId: paymentId }, orderBy: { id: "asc" } })).map(
    (row) => ({
      subject: row.subject,
      payload: (row.envelope as { payload: Record<string, unknown> }).payload,
    }),
  );

const requestOrderPayment = (orderId: string, customerId: string, amount: number) =>
  send(
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

const cancelOrder = (orderId: string, customerId: string) =>
  send(
    orderCancelledV1,
    {
      orderId,
      customerId,
      status: "CANCELLED",
      reason: "cancelled by its customer",
      cancelledAt: new Date().toISOString(),
    },
    orderId,
  );

describe("finance in the payment sagas", () => {
  it("holds an order's payment and answers payment_authorized; completion captures and settles it", async () => {
    const orderId = randomUUID();
    const customerId = randomUUID();
    const coachId = randomUUID();
    await requestOrderPayment(orderId, customerId, 19_900);
    const held = await untilStatus(orderId, "AUTHORIZED");
    expect(held).toMatchObject({
      requester: "trade",
      payerId: customerId,
      reference: `service_order:${orderId}`,
    });
    expect(await outboxOf(orderId)).toEqual([
      {
        subject: "finance.payment_authorized.v1",
        payload: expect.objectContaining({ requestId: orderId, requester: "trade", amount: 19_900 }),
      },
    ]);

    await send(
      serviceCompletedV1,
      {
        orderId,
        userId: customerId,
        healthWorkerId: coachId,
        completionTime: new Date().toISOString(),
        rating: null,
        priceAmount: 19_900,
        currency: "CNY",
      },
      orderId,
    );
    await untilStatus(orderId, "CAPTURED");
    const settlement = await h.eventually(
      () => h.db.settlement.findUnique({ where: { orderId } }),
      (row) => row !== null,
    );
    expect(settlement).toMatchObject({ coachId, amount: 19_900, coachPayout: 15_920, platformFee: 3_980 });
    expect(settlement!.coachPayout + settlement!.platformFee).toBe(19_900);
    const payable = await h.db.ledgerAccount.findFirst({
      where: { owner: coachId, kind: "COACH_PAYABLE", unit: "CNY" },
    });
    expect(payable?.balance).toBe(15_920n);
    expect((await outboxOf(orderId)).map((row) => row.subject)).toEqual([
      "finance.payment_authorized.v1",
      "finance.payment_success.v1",
      "finance.settlement_recorded.v1",
    ]);
  });

  it("answers payment_failed for a declined payment, and moves no money", async () => {
    const orderId = randomUUID();
    await requestOrderPayment(orderId, randomUUID(), 1_666);
    await untilStatus(orderId, "FAILED");
    expect(await outboxOf(orderId)).toEqual([
      {
        subject: "finance.payment_failed.v1",
        payload: expect.objectContaining({ requestId: orderId, requester: "trade", reason: "card_declined" }),
      },
    ]);
    expect(await h.db.ledgerTransfer.count({ where: { sourceRef: { contains: orderId } } })).toBe(0);
  });

  it("voids the hold of a cancelled order, even when the cancellation comes before the provider's answer", async () => {
    const early = randomUUID();
    const late = randomUUID();
    const customerId = randomUUID();
    await requestOrderPayment(early, customerId, 5_000);
    await cancelOrder(early, customerId); // right behind the request: the webhook is still on its way
    await requestOrderPayment(late, customerId, 5_000);
    await untilStatus(late, "AUTHORIZED");
    await cancelOrder(late, customerId);

    expect(await untilStatus(early, "VOIDED")).toMatchObject({ releaseRequested: true });
    await untilStatus(late, "VOIDED");
    expect(await outboxOf(early)).toEqual([]); // the saga had given up: nothing to answer
    expect(await h.db.localProviderCharge.findMany({ where: { paymentId: { in: [early, late] } } })).toEqual([
      expect.objectContaining({ status: "VOIDED" }),
      expect.objectContaining({ status: "VOIDED" }),
    ]);
  });

  it("takes a shop order's payment at once (payment_success answers ec), and refunds it when the order is cancelled", async () => {
    const shopOrderId = randomUUID();
    const buyerId = randomUUID();
    const payload = {
      requestId: shopOrderId,
      shopOrderId,
      buyerId,
      amount: 3_800,
      currency: "CNY",
      requestedAt: new Date().toISOString(),
    };
    await send(shopOrderPaymentRequestedV1, payload, shopOrderId);
    await send(shopOrderPaymentRequestedV1, payload, shopOrderId); // a redelivered request: one payment
    await untilStatus(shopOrderId, "CAPTURED");
    expect(await outboxOf(shopOrderId)).toEqual([
      {
        subject: "finance.payment_success.v1",
        payload: expect.objectContaining({ requestId: shopOrderId, requester: "ec", amount: 3_800 }),
      },
    ]);
    expect(await h.db.localProviderCharge.count({ where: { paymentId: shopOrderId } })).toBe(1);

    await send(
      shopOrderCancelledV1,
      {
        shopOrderId,
        buyerId,
        status: "CANCELLED",
        reason: "cancelled by its buyer",
        cancelledAt: new Date().toISOString(),
      },
      shopOrderId,
    );
    expect(await untilStatus(shopOrderId, "REFUNDED")).toMatchObject({ refundedAmount: 3_800 });
  });
  it("takes a course purchase's payment at once (payment_success answers content)", async () => {
    const purchaseId = randomUUID();
    const payload = {
      requestId: purchaseId,
      courseId: randomUUID(),
      buyerId: randomUUID(),
      amount: 9_900,
      currency: "CNY",
      requestedAt: new Date().toISOString(),
    };
    await send(coursePaymentRequestedV1, payload, purchaseId);
    await send(coursePaymentRequestedV1, payload, purchaseId); // a redelivered request: one payment
    expect(await untilStatus(purchaseId, "CAPTURED")).toMatchObject({
      requester: "content",
      reference: `course_purchase:${purchaseId}`,
    });
    expect(await outboxOf(purchaseId)).toEqual([
      {
        subject: "finance.payment_success.v1",
        payload: expect.objectContaining({ requestId: purchaseId, requester: "content", amount: 9_900 }),
      },
    ]);
    expect(await h.db.localProviderCharge.count({ where: { paymentId: purchaseId } })).toBe(1);
  });
  it("takes a paid community membership's payment at once, and refunds it when biz cancels", async () => {
    const membershipId = randomUUID();
    const communityId = randomUUID();
    const memberId = randomUUID();
    const payload = {
      requestId: membershipId,
      communityId,
      memberId,
      amount: 4_900,
      currency: "CNY",
      requestedAt: new Date().toISOString(),
    };
    await send(communityPaymentRequestedV1, payload, membershipId);
    await send(communityPaymentRequestedV1, payload, membershipId); // a redelivered request: one payment
    expect(await untilStatus(membershipId, "CAPTURED")).toMatchObject({
      requester: "biz",
      reference: `community_membership:${membershipId}`,
    });
    expect(await outboxOf(membershipId)).toEqual([
      {
        subject: "finance.payment_success.v1",
        payload: expect.objectContaining({ requestId: membershipId, requester: "biz", amount: 4_900 }),
      },
    ]);
    const cancelled = {
      membershipId,
      communityId,
      memberId,
      reason: "take_payment timed out",
      cancelledAt: new Date().toISOString(),
    };
    await send(communityMembershipCancelledV1, cancelled, membershipId);
    expect(await untilStatus(membershipId, "REFUNDED")).toMatchObject({ refundedAmount: 4_900 });
  });
});
