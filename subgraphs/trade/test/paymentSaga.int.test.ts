import { expireOverdueSagas, readSaga } from "@health/platform/saga";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CREATE_ORDER, orderInput, startTradeSubgraph, type TradeHarness } from "./harness.ts";

// The order-payment saga seen from trade: finance's answers arrive on trade's streams as finance's relay
// would publish them, and trade's own consumer takes them from there.

let h: TradeHarness;
beforeAll(async () => {
  h = await startTradeSubgraph({ ORDER_PAYMENT_TIMEOUT_SECONDS: "60" });
});
afterAll(() => h?.close());

const AVAILABLE = `{ availableOrders(first: 50) { nodes { id } } }`;
const ORDER = `query Order($id: ID!) { serviceOrder(id: $id) { id status cancelReason } }`;
const CANCEL = `mutation Cancel($orderId: ID!) { cancelOrder(orderId: $orderId) { id status } }`;

const subjectsOf = async (orderId: string) =>
  (await h.db.outboxEvent.findMany({ where: { aggregateId: orderId }, orderBy: { id: "asc" } })).map(
    (row) => row.subject,
  );

const availableTo = async (coach: { token: string }) => {
  const { data } = await h.request<{ availableOrders: { nodes: Array<{ id: string }> } }>(
    AVAILABLE,
    {},
    coach.token,
  );
  return data?.availableOrders.nodes.map((node) => node.id) ?? [];
};

const orderOf = async (customer: { token: string }, id: string) => {
  const { data } = await h.request<{ serviceOrder: { status: string; cancelReason: string | null } }>(
    ORDER,
    { id },
    customer.token,
  );
  return data?.serviceOrder;
};

describe("the order-payment saga", () => {
  it("keeps a new order CREATED and out of coaches' sight until finance authorizes its payment", async () => {
    const customer = await h.person();
    const coach = await h.coachWithProfile();
    const orderId = await h.createOrder(customer);
    expect(await orderOf(customer, orderId)).toMatchObject({ status: "CREATED" });
    expect(await subjectsOf(orderId)).toEqual(["trade.order_payment_requested.v1"]);
    expect(await availableTo(coach)).not.toContain(orderId);

    await h.answerPayment(orderId);
    expect(await h.settledStatus(orderId)).toBe("OPEN");
    expect(await subjectsOf(orderId)).toEqual(["trade.order_payment_requested.v1", "trade.order_created.v1"]);
    expect(await availableTo(coach)).toContain(orderId);
    expect(await readSaga(h.db, orderId)).toMatchObject({ status: "COMPLETED" });
  });

  it("cancels the order, saying why, when the payment is declined", async () => {
    const customer = await h.person();
    const orderId = await h.createOrder(customer);
    await h.answerPayment(orderId, { declined: "card_declined" });
    expect(await h.settledStatus(orderId)).toBe("CANCELLED");
    expect(await orderOf(customer, orderId)).toEqual({
      id: orderId,
      status: "CANCELLED",
      cancelReason: "the payment was declined (card_declined)",
    });
    expect(await subjectsOf(orderId)).toEqual([
      "trade.order_payment_requested.v1",
      "trade.order_cancelled.v1",
    ]);
    expect(await readSaga(h.db, orderId)).toMatchObject({ status: "COMPENSATED" });
  });

  it("cancels an order whose payment was not authorized in time, and a late authorization does not open it", async () => {
    const customer = await h.person();
    const orderId = await h.createOrder(customer);
    const created = await h.db.serviceOrder.findUniqueOrThrow({ where: { id: orderId } });
    await expireOverdueSagas(h.deps.orderPayment, h.db, new Date(created.createdAt.getTime() + 59_000));
    expect(await orderOf(customer, orderId)).toMatchObject({ status: "CREATED" });
    await expireOverdueSagas(h.deps.orderPayment, h.db, new Date(created.createdAt.getTime() + 61_000));
    expect(await orderOf(customer, orderId)).toMatchObject({
      status: "CANCELLED",
      cancelReason: "authorize_payment timed out",
    });

    await h.answerPayment(orderId);
    // The late answer is consumed (its inbox row appears) and changes nothing: finance voids the hold
    // itself on the order_cancelled it received.
    await h.eventually(
      () => h.db.inboxEvent.count({ where: { consumer: "trade" } }),
      (count) => count > 0,
    );
    await h.eventually(
      () => h.db.sagaInstance.findUniqueOrThrow({ where: { id: orderId } }),
      (saga) => saga.updatedAt.getTime() > created.createdAt.getTime() + 61_000,
    );
    expect(await orderOf(customer, orderId)).toMatchObject({ status: "CANCELLED" });
    expect(await subjectsOf(orderId)).toEqual([
      "trade.order_payment_requested.v1",
      "trade.order_cancelled.v1",
    ]);
  });

  it("lets the customer cancel while the payment is being authorized, which ends the saga", async () => {
    const customer = await h.person();
    const orderId = await h.createOrder(customer);
    const cancelled = await h.request(CANCEL, { orderId }, customer.token);
    expect(cancelled.data).toEqual({ cancelOrder: { id: orderId, status: "CANCELLED" } });
    expect(await readSaga(h.db, orderId)).toMatchObject({
      status: "COMPENSATED",
      failure: "the order was cancelled",
    });
    await h.answerPayment(orderId);
    await h.eventually(
      () => h.db.inboxEvent.count({ where: { subject: { contains: "payment_authorized" } } }),
      (count) => count >= 2,
    );
    expect(await orderOf(customer, orderId)).toMatchObject({ status: "CANCELLED" });
    expect(await subjectsOf(orderId)).toEqual([
      "trade.order_payment_requested.v1",
      "trade.order_cancelled.v1",
    ]);
  });

  it("opens a free order at once: there is nothing to authorize", async () => {
    const customer = await h.person();
    const orderId = await h.createOrder(customer, { priceAmount: 0 });
    expect(await orderOf(customer, orderId)).toMatchObject({ status: "OPEN" });
    expect(await subjectsOf(orderId)).toEqual(["trade.order_created.v1"]);
  });

  it("tells finance to release the hold when an open order is cancelled or expires unassigned", async () => {
    const customer = await h.person();
    const orderId = await h.openOrder(customer);
    await h.request(CANCEL, { orderId }, customer.token);
    const rows = await h.db.outboxEvent.findMany({ where: { aggregateId: orderId }, orderBy: { id: "asc" } });
    expect(rows.map((row) => row.subject).at(-1)).toBe("trade.order_cancelled.v1");
    expect((rows.at(-1)!.envelope as { payload: unknown }).payload).toMatchObject({
      orderId,
      customerId: customer.id,
      status: "CANCELLED",
      reason: "cancelled by its customer",
    });
  });

  it("creates one order and asks for one payment for retries under one idempotency key", async () => {
    const customer = await h.person();
    const input = { ...orderInput(), idempotencyKey: "order-attempt-1" };
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        h.request<{ createServiceOrder: { id: string } }>(CREATE_ORDER, { input }, customer.token),
      ),
    );
    expect(answers.flatMap((answer) => answer.errors ?? [])).toEqual([]);
    const ids = new Set(answers.map((answer) => answer.data?.createServiceOrder.id));
    expect(ids.size).toBe(1);
    expect(await h.db.serviceOrder.count({ where: { customerId: customer.id } })).toBe(1);
    expect(await subjectsOf([...ids][0]!)).toEqual(["trade.order_payment_requested.v1"]);
    const other = await h.request(CREATE_ORDER, { input: { ...input, priceAmount: 29_900 } }, customer.token);
    expect(other.errors?.[0]?.extensions).toMatchObject({
      code: "CONFLICT",
      idempotencyKey: "order-attempt-1",
    });
  });
});
