import { randomUUID } from "node:crypto";
import {
  catalog,
  financeAdminActionRecordedV1,
  goalAchievedV1,
  orderCreatedV1,
  paymentSuccessV1,
} from "@health/events/catalog";
import { describe, expect, it } from "vitest";
import { auditEntryOfEvent } from "../src/domain/audit/eventEntry.ts";
import { analyticsEventHandlers } from "../src/events/analytics.handlers.ts";
import { auditEventHandlers } from "../src/events/audit.handlers.ts";
import { envelopeOf } from "./fixtures.ts";

describe("the ops-audit and ops-analytics consumers", () => {
  it("have a handler for every catalogued event, built from the catalog", () => {
    const subjects = catalog.map((event) => event.subject).sort();
    expect(
      auditEventHandlers()
        .map((handler) => handler.event.subject)
        .sort(),
    ).toEqual(subjects);
    expect(
      analyticsEventHandlers()
        .map((handler) => handler.event.subject)
        .sort(),
    ).toEqual(subjects);
  });
});

describe("an event's audit row", () => {
  it("has the event's aggregate as subject, its actor, its name and its id", () => {
    const orderId = randomUUID();
    const customerId = randomUUID();
    const envelope = envelopeOf(
      orderCreatedV1,
      {
        orderId,
        customerId,
        serviceType: "CONSULTATION",
        priceAmount: 100,
        currency: "CNY",
        createdAt: new Date().toISOString(),
      },
      { aggregateId: orderId, actorId: customerId },
    );
    expect(auditEntryOfEvent(orderCreatedV1, envelope)).toMatchObject({
      kind: "EVENT",
      actorId: customerId,
      subjectType: "Order",
      subjectId: orderId,
      action: "order_created",
      eventId: envelope.id,
      details: { producer: "trade", event: "trade.order_created.v1", payload: envelope.payload },
    });
  });

  it("names a user aggregate User, and falls back to the event's name", () => {
    const payerId = randomUUID();
    const payment = envelopeOf(
      paymentSuccessV1,
      {
        paymentId: randomUUID(),
        requestId: null,
        requester: null,
        payerId,
        reference: "r",
        amount: 5,
        currency: "CNY",
        paidAt: new Date().toISOString(),
      },
      { aggregateId: payerId },
    );
    expect(auditEntryOfEvent(paymentSuccessV1, payment).subjectType).toBe("User");
    const other = { ...payment, aggregateId: "not-in-the-payload" };
    expect(auditEntryOfEvent(paymentSuccessV1, other).subjectType).toBe("finance.payment_success");
  });

  it("keeps user's health data out of the details", () => {
    const userId = randomUUID();
    const goal = envelopeOf(
      goalAchievedV1,
      { goalId: randomUUID(), userId, metric: "STEPS", target: 10_000, achievedAt: new Date().toISOString() },
      { aggregateId: userId, actorId: userId },
    );
    expect(auditEntryOfEvent(goalAchievedV1, goal).details).toEqual({
      producer: "user",
      event: "user.goal_achieved.v1",
      payload: null,
    });
  });

  it("records another subgraph's admin action as an ADMIN_ACTION on the subject it names", () => {
    const admin = randomUUID();
    const userId = randomUUID();
    const envelope = envelopeOf(
      financeAdminActionRecordedV1,
      { action: "adjust_points", subjectType: "User", subjectId: userId, details: { amount: 50 } },
      { aggregateId: userId, actorId: admin },
    );
    expect(auditEntryOfEvent(financeAdminActionRecordedV1, envelope)).toMatchObject({
      kind: "ADMIN_ACTION",
      actorId: admin,
      subjectType: "User",
      subjectId: userId,
      action: "finance.adjust_points",
      details: { amount: 50, producer: "finance" },
    });
  });
});
