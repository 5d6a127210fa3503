import type { FinanceTx } from "../../db.ts";

// The payment-provider interface (issue 19): what finance asks of whoever holds the money. The local
// provider (local/localProvider.ts) is the default; the WeChat Pay and Alipay adapters take the same
// shape (README, "Payment providers"). Authorizations are confirmed asynchronously by a signed webhook;
// capture, refund and void answer at once (or refuse with `ProviderRefusal`).

export interface AuthorizeRequest {
  /** Finance's payment id: the provider's idempotency key for the authorization (one hold per payment). */
  paymentId: string;
  amount: number;
  currency: string;
}

/** A webhook the provider sent, once its signature and timestamp are verified. */
export interface ProviderWebhookEvent {
  /** The provider's own event id: a second delivery of it changes nothing. */
  eventId: string;
  type: "authorization.succeeded" | "authorization.failed";
  paymentId: string;
  providerRef: string;
  /** Why it failed, for `authorization.failed`. */
  reason: string | null;
}

/**
 * Every call is made inside finance's transaction on the payment (`tx`), with finance's payment id as the
 * provider's idempotency key, so a call repeated after that transaction rolled back gets the same answer.
 * A remote provider ignores `tx`; the local one keeps its state in finance's database and writes through
 * it, so it never needs a second connection while the caller holds one (a pool of N connections would
 * otherwise deadlock at N payments in flight).
 */
export interface PaymentProvider {
  /** As stored on the payment (`local`, `wechat_pay`, `alipay`). */
  readonly name: string;
  /** Asks for a hold; its outcome comes later by webhook. Returns the provider's id for the payment. */
  authorize(request: AuthorizeRequest, tx: FinanceTx): Promise<{ providerRef: string }>;
  /** Takes the held amount. */
  capture(request: { providerRef: string; amount: number }, tx: FinanceTx): Promise<void>;
  /** Returns part or all of a captured amount; `refundId` makes a retried refund happen once. */
  refund(request: { providerRef: string; amount: number; refundId: string }, tx: FinanceTx): Promise<void>;
  /** Releases the hold. */
  void(request: { providerRef: string }, tx: FinanceTx): Promise<void>;
  /** Verifies and reads a webhook (raw body, as received); throws `WebhookRejected` otherwise. */
  parseWebhook(
    request: { headers: Record<string, string | undefined>; body: string },
    now: Date,
  ): ProviderWebhookEvent;
}

/** A webhook that is not the provider's (bad signature), or too old to trust: nothing is done with it. */
export class WebhookRejected extends Error {
  override name = "WebhookRejected";
}

/** The provider said no to a capture, refund or void (the hold expired, it is already settled...). */
export class ProviderRefusal extends Error {
  override name = "ProviderRefusal";
}
