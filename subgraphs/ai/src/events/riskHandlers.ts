import {
  giftSentV1,
  grabAttemptedV1,
  paymentAuthorizedV1,
  paymentFailedV1,
  paymentSuccessV1,
} from "@health/events/catalog";
import { type HandlerRegistration, on } from "@health/platform/events";
import { observe } from "../domain/risk/observe.ts";

/** The durable consumer of the risk prediction (its own inbox rows, dead letters and pace). */
export const RISK_CONSUMER = "ai-risk";

/**
 * What the risk model observes: every grab attempt (trade), every payment's amount (finance: a saga's
 * payment_authorized, a direct payment's payment_success; a saga's later payment_success is the same
 * money and is skipped), declined payments, and gifts sent.
 */
export const riskEventHandlers = (): HandlerRegistration[] => [
  on(grabAttemptedV1, (tx, { id, payload }) =>
    observe(tx, {
      eventId: id,
      userId: payload.coachId,
      kind: `GRAB_${payload.outcome}`,
      amount: 0,
      occurredAt: new Date(payload.attemptedAt),
    }),
  ),
  on(paymentAuthorizedV1, (tx, { id, payload }) =>
    observe(tx, {
      eventId: id,
      userId: payload.payerId,
      kind: "PAYMENT",
      amount: payload.amount,
      occurredAt: new Date(payload.authorizedAt),
    }),
  ),
  on(paymentSuccessV1, async (tx, { id, payload }) => {
    if (payload.requestId !== null) return;
    await observe(tx, {
      eventId: id,
      userId: payload.payerId,
      kind: "PAYMENT",
      amount: payload.amount,
      occurredAt: new Date(payload.paidAt),
    });
  }),
  on(paymentFailedV1, (tx, { id, payload }) =>
    observe(tx, {
      eventId: id,
      userId: payload.payerId,
      kind: "PAYMENT_FAILED",
      amount: 0,
      occurredAt: new Date(payload.failedAt),
    }),
  ),
  on(giftSentV1, (tx, { id, payload }) =>
    observe(tx, {
      eventId: id,
      userId: payload.senderId,
      kind: "GIFT_SENT",
      amount: payload.amount,
      occurredAt: new Date(payload.sentAt),
    }),
  ),
];
