import { paymentSuccessV1 } from "@health/events/catalog";
import { formatMoney } from "../domain/money.ts";
import { type ActivityMapper, activityHandler } from "./activityHandler.ts";

/** payment_success → PAYMENT_SUCCESS about the payer. */
export const paymentSuccessActivity: ActivityMapper<typeof paymentSuccessV1> = (event) => ({
  type: "PAYMENT_SUCCESS",
  sourceEventId: event.id,
  actorId: event.payload.payerId,
  objectType: "PAYMENT",
  objectId: event.payload.paymentId,
  summary: `paid ${formatMoney(event.payload.amount, event.payload.currency)} (${event.payload.reference})`,
  occurredAt: new Date(event.payload.paidAt),
});

export const paymentSuccessHandler = activityHandler(paymentSuccessV1, paymentSuccessActivity);
