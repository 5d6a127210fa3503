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

export interface PaymentProvider {
  /** As stored on the payment (`local`, `wechat_pay`, `alipay`). */
  readonly name: string;
  /** Asks for a hold; its outcome comes later by webhook. Returns the provider's id for the payment. */
  authorize(request: AuthorizeRequest): Promise<{ providerRef: string }>;
  /** Takes the held amount. */
  capture(request: { providerRef: string; amount: number }): Promise<void>;
  /** Returns part or all of a captured amount; `refundId` makes a retried refund happen once. */
  refund(request: { providerRef: string; amount: number; refundId: string }): Promise<void>;
  /** Releases the hold. */
  void(request: { providerRef: string }): Promise<void>;
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
