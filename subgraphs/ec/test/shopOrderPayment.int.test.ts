import { expireOverdueSagas, readSaga } from "@health/platform/saga";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expireOverdueReservations } from "../src/domain/shopOrders/shopOrders.ts";
import { type EcHarness, startEcSubgraph } from "./harness.ts";

// The shop-order payment saga seen from ec: finance's answers arrive on ec's streams as finance's relay
// would publish them, and ec's own consumer takes them from there.

let h: EcHarness;
beforeAll(async () => {
  h = await startEcSubgraph();
});
afterAll(() => h?.close());

const PLACE = `mutation Place($input: PlaceShopOrderInput!) { placeShopOrder(input: $input) { id status } }`;
const CANCEL = `mutation Cancel($id: ID!) { cancelShopOrder(id: $id) { id status cancelReason } }`;
const ORDER = `query Order($id: ID!) { shopOrder(id: $id) { id status cancelReason } }`;

async function placed(buyer: { token: string }, skuId: string, quantity = 2): Promise<string> {
  const result = await h.request<{ placeShopOrder: { id: string; status: string } }>(
    PLACE,
    { input: { items: [{ skuId, quantity }] } },
    buyer.token,
  );
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  expect(result.data.placeShopOrder.status).toBe("RESERVED");
  return result.data.placeShopOrder.id;
}

const stockOf = async (skuId: string) =>
  (await h.db.sku.findUniqueOrThrow({ where: { id: skuId }, select: { stock: true } })).stock;

const subjectsOf = async (orderId: string) =>
  (await h.db.outboxEvent.findMany({ where: { aggregateId: orderId }, orderBy: { id: "asc" } })).map(
    (row) => row.subject,
  );

const orderOf = async (buyer: { token: string }, id: string) =>
  (
    await h.request<{ shopOrder: { status: string; cancelReason: string | null } }>(
      ORDER,
      { id },
      buyer.token,
    )
  ).data?.shopOrder;

describe("the shop-order payment saga", () => {
  it("asks finance to take the payment, and marks the order PAID with product_purchased when it has", async () => {
    const skuId = await h.sku(5);
    const buyer = await h.person();
    const id = await placed(buyer, skuId);
    expect(await subjectsOf(id)).toEqual(["ec.shop_order_payment_requested.v1"]);

    await h.answerPayment(id);
    expect(await h.settledStatus(id)).toBe("PAID");
    expect(await subjectsOf(id)).toEqual(["ec.shop_order_payment_requested.v1", "ec.product_purchased.v1"]);
    expect(await stockOf(skuId)).toBe(3);
    expect(await readSaga(h.db, id)).toMatchObject({ status: "COMPLETED" });
  });

  it("gives the stock back when the payment is declined, saying why", async () => {
    const skuId = await h.sku(5);
    const buyer = await h.person();
    const id = await placed(buyer, skuId);
    await h.answerPayment(id, { declined: "card_declined" });
    expect(await h.settledStatus(id)).toBe("CANCELLED");
    expect(await orderOf(buyer, id)).toEqual({
      id,
      status: "CANCELLED",
      cancelReason: "the payment was declined (card_declined)",
    });
    expect(await stockOf(skuId)).toBe(5);
    expect(await subjectsOf(id)).toEqual([
      "ec.shop_order_payment_requested.v1",
      "ec.shop_order_cancelled.v1",
    ]);
  });

  it("keeps an expired reservation expired when the payment comes late (finance refunds it)", async () => {
    const skuId = await h.sku(5);
    const buyer = await h.person();
    const id = await placed(buyer, skuId);
    const { reservedUntil } = await h.db.shopOrder.findUniqueOrThrow({ where: { id } });
    expect(await expireOverdueReservations(h.deps, reservedUntil)).toContain(id);
    await expireOverdueSagas(h.deps.shopOrderPayment, h.db, reservedUntil);
    expect(await readSaga(h.db, id)).toMatchObject({
      status: "COMPENSATED",
      failure: "take_payment timed out",
    });

    await h.answerPayment(id);
    await h.eventually(
      () => h.db.inboxEvent.count({ where: { consumer: "ec", subject: { contains: "payment_success" } } }),
      (count) => count >= 1,
    );
    await h.eventually(
      () => readSaga(h.db, id),
      (saga) => saga?.status === "COMPENSATED",
    );
    expect(await orderOf(buyer, id)).toMatchObject({ status: "EXPIRED" });
    expect(await stockOf(skuId)).toBe(5);
    // One shop_order_cancelled, from the expiry: it is what tells finance to refund the late payment.
    expect(await subjectsOf(id)).toEqual([
      "ec.shop_order_payment_requested.v1",
      "ec.shop_order_cancelled.v1",
    ]);
  });

  it("lets the buyer cancel a paid order before fulfilment: stock back, and finance told to refund", async () => {
    const skuId = await h.sku(5);
    const buyer = await h.person();
    const id = await placed(buyer, skuId);
    await h.answerPayment(id);
    expect(await h.settledStatus(id)).toBe("PAID");
    const cancelled = await h.request(CANCEL, { id }, buyer.token);
    expect(cancelled.data).toEqual({
      cancelShopOrder: { id, status: "CANCELLED", cancelReason: "cancelled by its buyer" },
    });
    expect(await stockOf(skuId)).toBe(5);
    const rows = await h.db.outboxEvent.findMany({ where: { aggregateId: id }, orderBy: { id: "asc" } });
    expect((rows.at(-1)!.envelope as { payload: unknown }).payload).toMatchObject({
      shopOrderId: id,
      status: "CANCELLED",
      reason: "cancelled by its buyer",
    });
  });

  it("ends the saga when the buyer cancels while the payment is being taken", async () => {
    const skuId = await h.sku(5);
    const buyer = await h.person();
    const id = await placed(buyer, skuId);
    await h.request(CANCEL, { id }, buyer.token);
    expect(await readSaga(h.db, id)).toMatchObject({
      status: "COMPENSATED",
      failure: "the order was cancelled",
    });
    expect(await stockOf(skuId)).toBe(5);
  });

  it("is shipped and delivered by an operator once paid, and can no longer be cancelled then", async () => {
    const skuId = await h.sku(5);
    const buyer = await h.person();
    const id = await placed(buyer, skuId);
    const FULFIL = `mutation($id: ID!) { fulfillShopOrder(id: $id) { status } }`;
    const DELIVER = `mutation($id: ID!) { markShopOrderDelivered(id: $id) { status } }`;
    const early = await h.request(FULFIL, { id }, (await h.person(["user", "admin"])).token);
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", currentState: "RESERVED" });

    await h.answerPayment(id);
    expect(await h.settledStatus(id)).toBe("PAID");
    expect((await h.request(FULFIL, { id }, buyer.token)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(await h.asAdmin(FULFIL, { id })).toEqual({ fulfillShopOrder: { status: "FULFILLED" } });
    const late = await h.request(CANCEL, { id }, buyer.token);
    expect(late.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", currentState: "FULFILLED" });
    expect(await h.asAdmin(DELIVER, { id })).toEqual({ markShopOrderDelivered: { status: "DELIVERED" } });
    expect(await stockOf(skuId)).toBe(3);
    // ops's audit log hears of each operator move (and of the refused early one nothing).
    const moves = await h.db.outboxEvent.findMany({
      where: { subject: "ec.admin_action_recorded.v1", aggregateId: id },
      orderBy: { createdAt: "asc" },
    });
    expect(moves.map((row) => (row.envelope as { payload: { details: unknown } }).payload.details)).toEqual([
      { from: "PAID", to: "FULFILLED" },
      { from: "FULFILLED", to: "DELIVERED" },
    ]);
  });

  it("places one order for retries under one idempotency key, and refuses the key for other lines", async () => {
    const skuId = await h.sku(5);
    const buyer = await h.person();
    const input = { items: [{ skuId, quantity: 2 }], idempotencyKey: "checkout-7" };
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        h.request<{ placeShopOrder: { id: string; status: string } }>(PLACE, { input }, buyer.token),
      ),
    );
    expect(answers.flatMap((answer) => answer.errors ?? [])).toEqual([]);
    expect(new Set(answers.map((answer) => answer.data?.placeShopOrder.id)).size).toBe(1);
    expect(await h.db.shopOrder.count({ where: { buyerId: buyer.id } })).toBe(1);
    expect(await stockOf(skuId)).toBe(3);
    const other = await h.request(
      PLACE,
      { input: { ...input, items: [{ skuId, quantity: 1 }] } },
      buyer.token,
    );
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", idempotencyKey: "checkout-7" });
    // Another buyer's key of the same name is theirs alone.
    const stranger = await h.person();
    const theirs = await h.request<{ placeShopOrder: { id: string } }>(PLACE, { input }, stranger.token);
    expect(theirs.data?.placeShopOrder.id).not.toBe(answers[0]?.data?.placeShopOrder.id);
    expect(await stockOf(skuId)).toBe(1);
  });
});
