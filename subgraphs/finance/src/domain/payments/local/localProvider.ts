import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { FinanceDb, FinanceTx } from "../../../db.ts";
import {
  type AuthorizeRequest,
  type PaymentProvider,
  ProviderRefusal,
  type ProviderWebhookEvent,
  WebhookRejected,
} from "../provider.ts";
import type { WebhookDispatcher } from "./webhookDispatcher.ts";
import { SIGNATURE_HEADER, verifyWebhookSignature } from "./webhookSignature.ts";

// The LOCAL payment provider: no money moves anywhere. It behaves as a real provider does, so that
// finance's code paths are the real ones: it keeps its charges in tables of its own
// (`local_provider_charges`, `local_provider_webhooks`: its state survives a restart), answers an
// authorization with "pending" and confirms it later through a signed webhook to finance's route, and
// declines what it is configured to decline.

export const LOCAL_PROVIDER = "local";

export interface LocalProviderOptions {
  db: FinanceDb;
  secret: string;
  /** The delay before an authorization's webhook is sent. */
  webhookDelayMs: number;
  /** Amounts (minor units) ending in these digits are declined. */
  declineEnding: string;
  dispatcher: WebhookDispatcher;
}

/** Whether the local provider declines `amount` (its configured ending, e.g. 666 declines 1666). */
export const isDeclined = (amount: number, declineEnding: string): boolean =>
  String(amount).endsWith(declineEnding);

const webhookBody = z.object({
  id: z.string().min(1),
  type: z.enum(["authorization.succeeded", "authorization.failed"]),
  data: z.object({ paymentId: z.uuid(), providerRef: z.string().min(1), reason: z.string().nullable() }),
});

export function createLocalPaymentProvider(options: LocalProviderOptions): PaymentProvider {
  const refuseUnless = (count: number, what: string) => {
    if (count !== 1) throw new ProviderRefusal(`the local provider refused the ${what}`);
  };

  return {
    name: LOCAL_PROVIDER,

    async authorize(request: AuthorizeRequest, tx: FinanceTx) {
      const declined = isDeclined(request.amount, options.declineEnding);
      const providerRef = `lpc_${randomUUID()}`;
      const ref = await (async () => {
        const [inserted] = await tx.$queryRawUnsafe<Array<{ id: string }>>(
          `INSERT INTO local_provider_charges (id, payment_id, amount, currency, status)
           VALUES ($1, $2::uuid, $3, $4, $5) ON CONFLICT (payment_id) DO NOTHING RETURNING id`,
          providerRef,
          request.paymentId,
          request.amount,
          request.currency,
          declined ? "DECLINED" : "HELD",
        );
        if (!inserted) {
          // The same payment asked again: one hold per payment, as a real provider's idempotency gives.
          const existing = await tx.localProviderCharge.findUniqueOrThrow({
            where: { paymentId: request.paymentId },
          });
          return existing.id;
        }
        const body = JSON.stringify({
          id: randomUUID(),
          type: declined ? "authorization.failed" : "authorization.succeeded",
          data: { paymentId: request.paymentId, providerRef, reason: declined ? "card_declined" : null },
        });
        await options.dispatcher.enqueue(tx, body, options.webhookDelayMs);
        return providerRef;
      })();
      // Its webhook is due after the delay, once the caller's transaction committed (a wake that comes
      // too early is retried by the dispatcher's fallback sweep).
      options.dispatcher.wakeIn(options.webhookDelayMs);
      return { providerRef: ref };
    },

    // Capture and void are idempotent, as a real provider's are with an idempotency key: finance asks
    // inside its own transaction, and a retry after that transaction rolled back must get the same yes.
    async capture({ providerRef, amount }, tx: FinanceTx) {
      const count = await tx.$executeRawUnsafe(
        `UPDATE local_provider_charges SET status = 'CAPTURED', captured_amount = $2
          WHERE id = $1 AND ((status = 'HELD' AND $2 <= amount) OR (status = 'CAPTURED' AND captured_amount = $2))`,
        providerRef,
        amount,
      );
      refuseUnless(count, "capture");
    },

    async refund({ providerRef, amount }, tx: FinanceTx) {
      const count = await tx.$executeRawUnsafe(
        `UPDATE local_provider_charges SET refunded_amount = refunded_amount + $2
          WHERE id = $1 AND status = 'CAPTURED' AND refunded_amount + $2 <= captured_amount`,
        providerRef,
        amount,
      );
      refuseUnless(count, "refund");
    },

    async void({ providerRef }, tx: FinanceTx) {
      const count = await tx.$executeRawUnsafe(
        `UPDATE local_provider_charges SET status = 'VOIDED' WHERE id = $1 AND status IN ('HELD', 'VOIDED')`,
        providerRef,
      );
      refuseUnless(count, "void");
    },

    parseWebhook({ headers, body }, now): ProviderWebhookEvent {
      verifyWebhookSignature(options.secret, headers[SIGNATURE_HEADER], body, now);
      let parsed: z.infer<typeof webhookBody>;
      try {
        parsed = webhookBody.parse(JSON.parse(body));
      } catch {
        throw new WebhookRejected("a signed body that is not a local provider event");
      }
      return { eventId: parsed.id, type: parsed.type, ...parsed.data };
    },
  };
}
