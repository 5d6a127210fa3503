import { randomUUID } from "node:crypto";
import {
  adClickedV1,
  orderCreatedV1,
  paymentSuccessV1,
  productPurchasedV1,
  serviceCompletedV1,
} from "@health/events/catalog";
import { eventually } from "@health/platform/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { envelopeOf } from "./fixtures.ts";
import { type OpsHarness, startOpsSubgraph } from "./harness.ts";

let h: OpsHarness;
beforeAll(async () => {
  h = await startOpsSubgraph();
});
afterAll(() => h?.close());

const REPORT = `query ($from: DateTimeISO!, $to: DateTimeISO!) {
  analyticsReport(from: $from, to: $to) {
    days { day activeUsers ordersCreated ordersCompleted shopOrdersPaid gmv { currency amount payments } adClickers adClickersWhoBought conversionRate }
    totals { activeUsers ordersCreated ordersCompleted shopOrdersPaid gmv { currency amount payments } adClickers adClickersWhoBought conversionRate }
  }
}`;

type Figures = {
  activeUsers: number;
  ordersCreated: number;
  ordersCompleted: number;
  shopOrdersPaid: number;
  gmv: { currency: string; amount: number; payments: number }[];
  adClickers: number;
  adClickersWhoBought: number;
  conversionRate: number | null;
};
type Report = { analyticsReport: { days: (Figures & { day: string })[]; totals: Figures } };

const day1 = new Date("2026-11-02T10:00:00.000Z");
const day2 = new Date("2026-11-03T23:30:00.000Z");

describe("analyticsReport", () => {
  it("counts each UTC day's users, orders, GMV and conversion from events, once per event", async () => {
    const [alice, bob, carol] = [randomUUID(), randomUUID(), randomUUID()];
    const order = (customerId: string, at: Date) => {
      const orderId = randomUUID();
      return envelopeOf(
        orderCreatedV1,
        {
          orderId,
          customerId,
          serviceType: "X",
          priceAmount: 19_900,
          currency: "CNY",
          createdAt: at.toISOString(),
        },
        { aggregateId: orderId, actorId: customerId, occurredAt: at },
      );
    };
    const paid = (payerId: string, amount: number, currency: string, at: Date) =>
      envelopeOf(
        paymentSuccessV1,
        {
          paymentId: randomUUID(),
          requestId: null,
          requester: null,
          payerId,
          reference: "r",
          amount,
          currency,
          paidAt: at.toISOString(),
        },
        { aggregateId: payerId, actorId: payerId, occurredAt: at },
      );
    const click = (viewerId: string, at: Date) =>
      envelopeOf(
        adClickedV1,
        { campaignId: randomUUID(), viewerId, clickedAt: at.toISOString() },
        { actorId: viewerId, occurredAt: at },
      );
    const bought = (buyerId: string, at: Date) =>
      envelopeOf(
        productPurchasedV1,
        {
          orderId: randomUUID(),
          buyerId,
          items: [{ productId: randomUUID(), quantity: 1 }],
          totalAmount: 500,
          currency: "CNY",
          purchasedAt: at.toISOString(),
        },
        { actorId: buyerId, occurredAt: at },
      );
    const first = order(alice, day1);
    await h.publish(orderCreatedV1, first);
    await h.publish(orderCreatedV1, first, randomUUID()); // a redelivery past JetStream's dedupe
    await h.publish(orderCreatedV1, order(bob, day1));
    await h.publish(
      serviceCompletedV1,
      envelopeOf(
        serviceCompletedV1,
        {
          orderId: first.payload.orderId,
          userId: alice,
          healthWorkerId: carol,
          completionTime: day2.toISOString(),
          rating: null,
          priceAmount: 19_900,
          currency: "CNY",
        },
        { actorId: carol, occurredAt: day2 },
      ),
    );
    await h.publish(paymentSuccessV1, paid(alice, 19_900, "CNY", day1));
    await h.publish(paymentSuccessV1, paid(bob, 19_900, "CNY", day1));
    await h.publish(paymentSuccessV1, paid(bob, 1_000, "USD", day2));
    await h.publish(adClickedV1, click(alice, day2));
    await h.publish(adClickedV1, click(bob, day2));
    await h.publish(productPurchasedV1, bought(alice, day2));

    const admin = await h.person(["admin"]);
    const variables = { from: "2026-11-02T00:00:00.000Z", to: "2026-11-04T00:00:00.000Z" };
    const read = async () => (await h.request<Report>(REPORT, variables, admin.token)).data?.analyticsReport;
    const report = await eventually(
      read,
      (r) => r?.totals.shopOrdersPaid === 1 && r.totals.ordersCompleted === 1,
    );
    expect(report?.days).toEqual([
      {
        day: "2026-11-02",
        activeUsers: 2,
        ordersCreated: 2,
        ordersCompleted: 0,
        shopOrdersPaid: 0,
        gmv: [{ currency: "CNY", amount: 39_800, payments: 2 }],
        adClickers: 0,
        adClickersWhoBought: 0,
        conversionRate: null,
      },
      {
        day: "2026-11-03",
        activeUsers: 3,
        ordersCreated: 0,
        ordersCompleted: 1,
        shopOrdersPaid: 1,
        gmv: [{ currency: "USD", amount: 1_000, payments: 1 }],
        adClickers: 2,
        adClickersWhoBought: 1,
        conversionRate: 0.5,
      },
    ]);
    expect(report?.totals).toEqual({
      activeUsers: 3,
      ordersCreated: 2,
      ordersCompleted: 1,
      shopOrdersPaid: 1,
      gmv: [
        { currency: "CNY", amount: 39_800, payments: 2 },
        { currency: "USD", amount: 1_000, payments: 1 },
      ],
      adClickers: 2,
      adClickersWhoBought: 1,
      conversionRate: 0.5,
    });
  });

  it("is for admins only, over a checked period", async () => {
    const user = await h.person(["user", "coach", "business"]);
    const variables = { from: "2026-11-02T00:00:00.000Z", to: "2026-11-04T00:00:00.000Z" };
    expect((await h.request(REPORT, variables, user.token)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const admin = await h.person(["admin"]);
    const backwards = await h.request(REPORT, { from: variables.to, to: variables.from }, admin.token);
    expect(backwards.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "to" });
    const tooLong = await h.request(
      REPORT,
      { from: "2025-01-01T00:00:00Z", to: "2026-11-04T00:00:00Z" },
      admin.token,
    );
    expect(tooLong.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "to" });
  });
});
