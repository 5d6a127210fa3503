import { randomUUID } from "node:crypto";
import {
  giftSentV1,
  orderAssignedV1,
  orderCancelledV1,
  orderCreatedV1,
  serviceCompletedV1,
  settlementRecordedV1,
} from "@health/events/catalog";
import type { SqlExecutor } from "@health/platform/events";
import { eventually } from "@health/platform/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bizEventHandlers } from "../src/events/handlers.ts";
import { envelopeOf, giftTo, serviceOrder } from "./fixtures.ts";
import { type BizHarness, startBizSubgraph } from "./harness.ts";

let h: BizHarness;
beforeAll(async () => {
  h = await startBizSubgraph();
});
afterAll(async () => {
  await h?.close();
});

const WORKBENCH = `query Workbench($from: DateTimeISO!, $to: DateTimeISO!, $coachId: ID) {
  workbench(from: $from, to: $to, coachId: $coachId) {
    coachId ordersInProgress
    orders { assigned completed cancelled }
    revenue { currency amount count }
    payouts { currency amount count }
    giftsReceived { currency amount count }
    days { date orders { assigned completed cancelled } revenue { currency amount count } }
  }
}`;

interface WorkbenchData {
  workbench: {
    coachId: string;
    ordersInProgress: number;
    orders: { assigned: number; completed: number; cancelled: number };
    revenue: Array<{ currency: string; amount: number; count: number }>;
    payouts: Array<{ currency: string; amount: number; count: number }>;
    giftsReceived: Array<{ currency: string; amount: number; count: number }>;
    days: Array<{ date: string; orders: Record<string, number> }>;
  };
}

/** Today and yesterday (UTC), so events stamped now are inside. */
const period = () => {
  const to = new Date(Date.now() + 60_000);
  return { from: new Date(to.getTime() - 2 * 24 * 3600_000).toISOString(), to: to.toISOString() };
};
const workbenchOf = (token: string, coachId?: string) =>
  h.request<WorkbenchData>(WORKBENCH, { ...period(), coachId }, token);

/** The coach's workbench once `ready` holds of it (the consumer works within seconds). */
const workbenchWhen = (token: string, ready: (w: WorkbenchData["workbench"]) => boolean) =>
  eventually(
    async () => (await workbenchOf(token)).data?.workbench,
    (w) => w !== undefined && ready(w),
    5_000,
  );

describe("the workbench, fed by events", () => {
  it("shows an order through its states and its revenue within seconds", async () => {
    const coach = await h.person(["user", "coach"]);
    const order = serviceOrder(coach.id, 19_900);
    await h.publish(orderCreatedV1, envelopeOf(orderCreatedV1, order.created));
    await h.publish(orderAssignedV1, envelopeOf(orderAssignedV1, order.assigned));
    const assigned = await workbenchWhen(coach.token, (w) => w.orders.assigned === 1);
    expect(assigned?.ordersInProgress).toBe(1);
    expect(assigned?.revenue).toEqual([]);

    await h.publish(serviceCompletedV1, envelopeOf(serviceCompletedV1, order.completed));
    const completed = await workbenchWhen(coach.token, (w) => w.orders.completed === 1);
    expect(completed).toMatchObject({
      coachId: coach.id,
      ordersInProgress: 0,
      orders: { assigned: 1, completed: 1, cancelled: 0 },
      revenue: [{ currency: "CNY", amount: 19_900, count: 1 }],
    });
    expect(completed?.days).toHaveLength(3);
    const today = new Date().toISOString().slice(0, 10);
    expect(completed?.days.find((day) => day.date === today)?.orders).toEqual({
      assigned: 1,
      completed: 1,
      cancelled: 0,
    });
  });

  it("shows the coach's payout once finance settles the order, whichever event comes first", async () => {
    const coach = await h.person(["user", "coach"]);
    const order = serviceOrder(coach.id, 19_900);
    const settlement = {
      orderId: order.completed.orderId,
      paymentId: order.completed.orderId,
      coachId: coach.id,
      amount: 19_900,
      coachPayout: 15_920,
      platformFee: 3_980,
      currency: "CNY",
      settledAt: new Date().toISOString(),
    };
    // finance's settlement can overtake trade's events: the row it makes is completed by them.
    await h.publish(settlementRecordedV1, envelopeOf(settlementRecordedV1, settlement));
    const paid = await workbenchWhen(coach.token, (w) => w.payouts.length === 1);
    expect(paid?.payouts).toEqual([{ currency: "CNY", amount: 15_920, count: 1 }]);
    await h.publish(orderCreatedV1, envelopeOf(orderCreatedV1, order.created));
    await h.publish(orderAssignedV1, envelopeOf(orderAssignedV1, order.assigned));
    await h.publish(serviceCompletedV1, envelopeOf(serviceCompletedV1, order.completed));
    const completed = await workbenchWhen(coach.token, (w) => w.orders.completed === 1);
    expect(completed).toMatchObject({
      orders: { assigned: 1, completed: 1, cancelled: 0 },
      revenue: [{ currency: "CNY", amount: 19_900, count: 1 }],
      payouts: [{ currency: "CNY", amount: 15_920, count: 1 }],
    });
    const row = await h.db.workbenchOrder.findUniqueOrThrow({ where: { orderId: settlement.orderId } });
    expect(row.customerId).toBe(order.completed.userId);
  });

  it("counts a redelivered event once", async () => {
    const coach = await h.person(["user", "coach"]);
    const order = serviceOrder(coach.id, 5_000);
    const completed = envelopeOf(serviceCompletedV1, order.completed);
    await h.publish(serviceCompletedV1, completed);
    // A second copy under another Nats-Msg-Id: JetStream's dedupe cannot catch it, the inbox must.
    await h.publish(serviceCompletedV1, completed, randomUUID());
    await eventually(
      () => h.db.inboxEvent.count({ where: { eventId: completed.id } }),
      (count) => count === 1,
    );
    // And a handler run twice outside the inbox changes nothing either (the projection is idempotent).
    const handler = bizEventHandlers(h.deps).find(
      (registration) => registration.event === serviceCompletedV1,
    );
    await h.db.$transaction(
      (tx: SqlExecutor) =>
        handler?.handle(tx, completed, { afterCommit: () => undefined }) ?? Promise.resolve(),
    );
    await new Promise((resolve) => setTimeout(resolve, 300)); // let the second copy be handled
    const workbench = (await workbenchOf(coach.token)).data?.workbench;
    expect(workbench?.orders.completed).toBe(1);
    expect(workbench?.revenue).toEqual([{ currency: "CNY", amount: 5_000, count: 1 }]);
  });

  it("counts a cancelled order for the coach it was assigned to, whichever event comes first", async () => {
    const coach = await h.person(["user", "coach"]);
    const order = serviceOrder(coach.id);
    await h.publish(orderCancelledV1, envelopeOf(orderCancelledV1, order.cancelled));
    await h.publish(orderAssignedV1, envelopeOf(orderAssignedV1, order.assigned));
    const workbench = await workbenchWhen(coach.token, (w) => w.orders.cancelled === 1);
    expect(workbench).toMatchObject({
      ordersInProgress: 0,
      orders: { assigned: 1, completed: 0, cancelled: 1 },
    });
  });

  it("sums the gifts the coach received", async () => {
    const coach = await h.person(["user", "coach"]);
    await h.publish(giftSentV1, envelopeOf(giftSentV1, giftTo(coach.id, 30, 3)));
    await h.publish(giftSentV1, envelopeOf(giftSentV1, giftTo(coach.id, 50)));
    await h.publish(giftSentV1, envelopeOf(giftSentV1, giftTo(randomUUID(), 70)));
    const workbench = await workbenchWhen(coach.token, (w) => w.giftsReceived[0]?.count === 4);
    expect(workbench?.giftsReceived).toEqual([{ currency: "POINTS", amount: 80, count: 4 }]);
  });
});

describe("who reads a workbench", () => {
  it("refuses another coach's workbench, and shows it to an admin", async () => {
    const coach = await h.person(["user", "coach"]);
    const other = await h.person(["user", "coach"]);
    const admin = await h.person(["user", "admin"]);
    const refused = await workbenchOf(other.token, coach.id);
    expect(refused.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(refused.data?.workbench ?? null).toBeNull();
    const seen = await workbenchOf(admin.token, coach.id);
    expect(seen.errors).toBeUndefined();
    expect(seen.data?.workbench.coachId).toBe(coach.id);
  });

  it("refuses a plain user and an anonymous caller", async () => {
    const user = await h.person(["user"]);
    expect((await workbenchOf(user.token)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await h.request(WORKBENCH, period())).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("refuses a period over 366 days, naming to", async () => {
    const coach = await h.person(["user", "coach"]);
    const result = await h.request(
      WORKBENCH,
      { from: "2025-01-01T00:00:00Z", to: "2026-01-03T00:00:00Z" },
      coach.token,
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "to" });
  });
});
