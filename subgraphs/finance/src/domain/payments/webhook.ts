import type { FinanceDb } from "../../db.ts";
import type { PaymentProvider, ProviderWebhookEvent } from "./provider.ts";
import { answerSaga } from "./sagaPayments.ts";
import { applyMove, paymentStates, targetOf } from "./stateMachine.ts";

/** What a verified webhook did: moved a payment, was a replay, or had nothing left to move. */
export type WebhookOutcome = "applied" | "duplicate" | "ignored" | "unknown-payment";

/**
 * A provider's webhook, already verified (`provider.parseWebhook`), applied once: its event id is
 * recorded in `payment_webhook_events` in the same transaction as the payment's move, so a replay finds
 * it there and changes nothing. A payment not (yet) committed is "unknown-payment" and records nothing:
 * the provider retries. A move the state machine refuses (a late webhook after a void) changes nothing.
 * A saga's payment answers its saga in the same transaction (sagaPayments.ts).
 */
export async function applyProviderWebhook(
  db: FinanceDb,
  provider: PaymentProvider,
  event: ProviderWebhookEvent,
): Promise<WebhookOutcome> {
  return db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`SELECT 1 FROM payments WHERE id = $1::uuid FOR UPDATE`, event.paymentId);
    const payment = await tx.payment.findUnique({ where: { id: event.paymentId } });
    if (!payment || payment.provider !== provider.name || payment.providerRef !== event.providerRef) {
      return "unknown-payment";
    }
    const recorded = await tx.$queryRawUnsafe<unknown[]>(
      `INSERT INTO payment_webhook_events (provider, event_id, type) VALUES ($1, $2, $3)
       ON CONFLICT (provider, event_id) DO NOTHING RETURNING 1`,
      provider.name,
      event.eventId,
      event.type,
    );
    if (recorded.length === 0) return "duplicate";
    const move =
      event.type === "authorization.succeeded"
        ? ({ kind: "authorize" } as const)
        : ({ kind: "fail", reason: event.reason ?? "declined" } as const);
    if (!paymentStates.canTransition(payment.status, targetOf(move.kind))) return "ignored";
    const next = applyMove(payment, move);
    const now = new Date();
    const moved = await tx.payment.update({
      where: { id: payment.id },
      data: { status: next.status, failureReason: next.failureReason, updatedAt: now },
    });
    await answerSaga(tx, provider, moved, now);
    return "applied";
  });
}
