import { serviceCompletedV1 } from "@health/events/catalog";
import { on } from "@health/platform/events";
import type { FinanceDeps } from "../deps.ts";
import { captureAndSettle } from "../domain/payments/sagaPayments.ts";
import { awardPoints } from "../domain/points/award.ts";
import { serviceCompletedAward } from "../domain/points/rules.ts";
import { recordOrderCompleted } from "../domain/reconciliation/tradeOrders.ts";
import { asFinanceTx } from "./pointsHandler.ts";

/**
 * service_completed → the order's held payment is captured and settled (the coach's payout and the
 * platform's fee), and its customer earns points; both once per event, in one transaction, which also
 * records the order COMPLETED in `trade_orders` for the daily reconciliation.
 */
export const serviceCompletedHandler = (deps: Pick<FinanceDeps, "payments" | "rates">) =>
  on(serviceCompletedV1, async (raw, envelope) => {
    const tx = asFinanceTx(raw);
    const now = new Date();
    const { orderId, healthWorkerId: coachId, userId, priceAmount, currency } = envelope.payload;
    const completedAt = new Date(envelope.payload.completionTime);
    await recordOrderCompleted(
      tx,
      { orderId, customerId: userId, coachId, amount: priceAmount, currency, completedAt },
      now,
    );
    await captureAndSettle(tx, deps.payments, { orderId, coachId, feeBps: deps.rates.platformFeeBps }, now);
    await awardPoints(tx, serviceCompletedAward(userId), envelope.id, now);
  });
