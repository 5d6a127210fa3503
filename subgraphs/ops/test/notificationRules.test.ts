import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  audienceIn,
  formatMoney,
  type NotifiableEvent,
  type NotificationPlan,
  notificationsFor,
} from "../src/domain/notifications/rules.ts";

const [customer, coach, follower, payer] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
const [orderId, streamId, paymentId, giftOrderId, requestId] = [
  randomUUID(),
  randomUUID(),
  randomUUID(),
  randomUUID(),
  randomUUID(),
];
const at = "2026-12-07T18:00:00.000Z";

/** Who gets what kind, and the ids and actor it carries: the rule table, one row per event. */
const table: { event: NotifiableEvent; expected: Partial<NotificationPlan>[] }[] = [
  {
    event: {
      name: "order_assigned",
      payload: { orderId, customerId: customer, coachId: coach, assignedAt: at },
    },
    expected: [
      {
        to: "users",
        userIds: [customer],
        content: expect.objectContaining({ kind: "ORDER_ASSIGNED", data: { orderId }, actorId: coach }),
      },
    ],
  },
  {
    event: {
      name: "service_completed",
      payload: {
        orderId,
        userId: customer,
        healthWorkerId: coach,
        completionTime: at,
        rating: 5,
        priceAmount: 9900,
        currency: "CNY",
      },
    },
    expected: [
      {
        to: "users",
        userIds: [customer],
        content: expect.objectContaining({ kind: "SERVICE_COMPLETED", data: { orderId }, actorId: coach }),
      },
      {
        to: "users",
        userIds: [coach],
        content: expect.objectContaining({ kind: "SERVICE_COMPLETED", data: { orderId }, actorId: customer }),
      },
    ],
  },
  {
    event: { name: "user_followed", payload: { followerId: follower, followeeId: coach, at } },
    expected: [
      {
        to: "users",
        userIds: [coach],
        content: expect.objectContaining({ kind: "NEW_FOLLOWER", actorId: follower }),
      },
    ],
  },
  {
    event: {
      name: "live_started",
      payload: { streamId, hostId: coach, title: "Evening stretch", startedAt: at },
    },
    expected: [
      {
        to: "followersOf",
        coachId: coach,
        content: expect.objectContaining({
          kind: "LIVE_STARTED",
          body: "Evening stretch",
          data: { streamId },
          actorId: coach,
        }),
      },
    ],
  },
  {
    event: {
      name: "gift_sent",
      payload: {
        giftOrderId,
        senderId: follower,
        recipientId: coach,
        giftId: "rose",
        amount: 30,
        currency: "POINTS",
        sentAt: at,
        quantity: 3,
        liveRoomId: streamId,
      },
    },
    expected: [
      {
        to: "users",
        userIds: [coach],
        content: expect.objectContaining({
          kind: "GIFT_RECEIVED",
          body: "You received 3 × rose.",
          data: { giftOrderId, streamId },
          actorId: follower,
        }),
      },
    ],
  },
  {
    event: {
      name: "payment_success",
      payload: {
        paymentId,
        requestId: null,
        requester: null,
        payerId: payer,
        reference: "order",
        amount: 9900,
        currency: "CNY",
        paidAt: at,
      },
    },
    expected: [
      {
        to: "users",
        userIds: [payer],
        content: expect.objectContaining({
          kind: "PAYMENT_SUCCEEDED",
          body: "Your payment of 99.00 CNY went through.",
          data: { paymentId },
        }),
      },
    ],
  },
  {
    event: {
      name: "payment_failed",
      payload: {
        paymentId,
        requestId,
        requester: "trade",
        payerId: payer,
        reason: "card declined",
        failedAt: at,
      },
    },
    expected: [
      {
        to: "users",
        userIds: [payer],
        content: expect.objectContaining({ kind: "PAYMENT_FAILED", data: { paymentId } }),
      },
    ],
  },
  {
    event: {
      name: "points_awarded",
      payload: { userId: customer, points: 50, reason: "goal_achieved", awardedAt: at },
    },
    expected: [
      {
        to: "users",
        userIds: [customer],
        content: expect.objectContaining({
          kind: "POINTS_AWARDED",
          body: "You received 50 points.",
          data: { points: 50 },
        }),
      },
    ],
  },
];

describe("notification rules", () => {
  it.each(table)("$event.name notifies the right people", ({ event, expected }) => {
    expect(notificationsFor(event)).toEqual(expected);
  });

  it("never says why points were awarded: the reason may name a health event", () => {
    for (const reason of ["goal_achieved", "health_action_recorded"]) {
      const [plan] = notificationsFor({
        name: "points_awarded",
        payload: { userId: customer, points: 10, reason, awardedAt: at },
      });
      expect(JSON.stringify(plan)).not.toMatch(/goal|health/i);
    }
  });

  it("does not notify someone of following themselves", () => {
    expect(
      notificationsFor({ name: "user_followed", payload: { followerId: coach, followeeId: coach, at } }),
    ).toEqual([]);
  });

  it("clips another's long text (a stream title) to 200 characters", () => {
    const [plan] = notificationsFor({
      name: "live_started",
      payload: { streamId, hostId: coach, title: "x".repeat(500), startedAt: at },
    });
    expect(plan?.content.body).toHaveLength(200);
  });

  it("formats money from minor units with the currency's digits", () => {
    expect(formatMoney(9905, "CNY")).toBe("99.05 CNY");
    expect(formatMoney(5, "USD")).toBe("0.05 USD");
    expect(formatMoney(1200, "JPY")).toBe("1200 JPY");
  });

  it("records who an event shows, and which are coaches", () => {
    expect(
      audienceIn({
        name: "order_assigned",
        payload: { orderId, customerId: customer, coachId: coach, assignedAt: at },
      }),
    ).toEqual({ users: [customer], coaches: [coach] });
    expect(
      audienceIn({ name: "live_started", payload: { streamId, hostId: coach, title: "t", startedAt: at } }),
    ).toEqual({ users: [], coaches: [coach] });
  });
});
