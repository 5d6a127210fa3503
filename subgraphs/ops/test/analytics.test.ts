import { randomUUID } from "node:crypto";
import { adClickedV1, orderCreatedV1, paymentSuccessV1, productPurchasedV1 } from "@health/events/catalog";
import { checkedPeriod, daysOf } from "@health/platform/period";
import { describe, expect, it } from "vitest";
import { analyticsEffectOf } from "../src/domain/analytics/record.ts";
import { envelopeOf } from "./fixtures.ts";

const at = new Date("2026-12-07T23:59:59.999Z");

describe("analyticsEffectOf", () => {
  it("counts an order on the UTC day it occurred, and its actor active", () => {
    const actor = randomUUID();
    const orderId = randomUUID();
    const effect = analyticsEffectOf(
      orderCreatedV1,
      envelopeOf(
        orderCreatedV1,
        {
          orderId,
          customerId: actor,
          serviceType: "X",
          priceAmount: 1,
          currency: "CNY",
          createdAt: at.toISOString(),
        },
        { actorId: actor, occurredAt: at },
      ),
    );
    expect(effect).toEqual({
      day: "2026-12-07",
      users: [{ role: "ACTIVE", userId: actor }],
      counter: "orders_created",
      gmv: null,
    });
  });

  it("adds a captured payment to GMV in its currency; an event without an actor makes nobody active", () => {
    const effect = analyticsEffectOf(
      paymentSuccessV1,
      envelopeOf(paymentSuccessV1, {
        paymentId: randomUUID(),
        requestId: null,
        requester: null,
        payerId: randomUUID(),
        reference: "r",
        amount: 19_900,
        currency: "CNY",
        paidAt: at.toISOString(),
      }),
    );
    expect(effect).toMatchObject({ users: [], counter: null, gmv: { currency: "CNY", amount: 19_900 } });
  });

  it("keeps signed-in ad clickers and shop buyers, the conversion's two sides", () => {
    const viewer = randomUUID();
    const click = (viewerId: string | null) =>
      analyticsEffectOf(
        adClickedV1,
        envelopeOf(adClickedV1, { campaignId: randomUUID(), viewerId, clickedAt: at.toISOString() }),
      );
    expect(click(viewer).users).toEqual([{ role: "AD_CLICKER", userId: viewer }]);
    expect(click(null).users).toEqual([]);
    const bought = analyticsEffectOf(
      productPurchasedV1,
      envelopeOf(productPurchasedV1, {
        orderId: randomUUID(),
        buyerId: viewer,
        items: [{ productId: randomUUID(), quantity: 1 }],
        totalAmount: 10,
        currency: "CNY",
        purchasedAt: at.toISOString(),
      }),
    );
    expect(bought).toMatchObject({
      counter: "shop_orders_paid",
      users: [{ role: "SHOP_BUYER", userId: viewer }],
    });
  });
});

describe("a report's period", () => {
  it("is from < to, at most 366 days, else BAD_USER_INPUT naming the field", () => {
    const from = new Date("2026-01-01T00:00:00Z");
    expect(() => checkedPeriod({ from, to: from })).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ field: "to" }) }),
    );
    expect(() => checkedPeriod({ from, to: new Date("2027-01-03T00:00:00Z") })).toThrow(/366 days/);
    expect(() => checkedPeriod({ from: new Date("x"), to: from })).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ field: "from" }) }),
    );
    expect(checkedPeriod({ from, to: new Date("2027-01-02T00:00:00Z") })).toBeTruthy();
  });

  it("covers every UTC day it touches; a `to` at midnight opens no day", () => {
    expect(daysOf({ from: new Date("2026-12-30T10:00:00Z"), to: new Date("2027-01-02T00:00:00Z") })).toEqual([
      "2026-12-30",
      "2026-12-31",
      "2027-01-01",
    ]);
  });
});
