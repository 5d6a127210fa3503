import { createHmac, timingSafeEqual } from "node:crypto";
import { WebhookRejected } from "../provider.ts";

// The local provider's webhook signature, Stripe's scheme: header `local-payments-signature:
// t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` under LOCAL_PAYMENTS_WEBHOOK_SECRET. The
// timestamp is inside the signature, so an old webhook cannot be re-sent with a fresh one.

export const SIGNATURE_HEADER = "local-payments-signature";

/** How far a webhook's timestamp may be from now: beyond it, a captured webhook replayed later is refused. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

const hmac = (secret: string, timestamp: number, body: string) =>
  createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");

export const signWebhook = (secret: string, body: string, now: Date): string => {
  const timestamp = Math.floor(now.getTime() / 1000);
  return `t=${timestamp},v1=${hmac(secret, timestamp, body)}`;
};

/** Throws `WebhookRejected` unless `header` signs `body` with `secret` within the tolerance of `now`. */
export function verifyWebhookSignature(
  secret: string,
  header: string | undefined,
  body: string,
  now: Date,
): void {
  const parts = new Map((header ?? "").split(",").map((part) => part.split("=", 2) as [string, string]));
  const timestamp = Number(parts.get("t"));
  const signature = parts.get("v1") ?? "";
  if (!Number.isInteger(timestamp) || !/^[0-9a-f]{64}$/.test(signature)) {
    throw new WebhookRejected(`missing or malformed ${SIGNATURE_HEADER} header`);
  }
  const expected = Buffer.from(hmac(secret, timestamp, body), "hex");
  if (!timingSafeEqual(expected, Buffer.from(signature, "hex"))) throw new WebhookRejected("bad signature");
  if (Math.abs(now.getTime() / 1000 - timestamp) > SIGNATURE_TOLERANCE_SECONDS) {
    throw new WebhookRejected("timestamp outside the tolerance window");
  }
}
