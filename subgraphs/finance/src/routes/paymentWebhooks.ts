import express, { Router } from "express";
import type { FinanceDeps } from "../deps.ts";
import { WebhookRejected } from "../domain/payments/provider.ts";
import { applyProviderWebhook } from "../domain/payments/webhook.ts";

/** Where the local payment provider sends its webhooks. */
export const LOCAL_WEBHOOK_PATH = "/payments/webhooks/local";

/**
 * The payment provider's webhooks: public (a provider cannot sign as the router), trusted only through
 * the provider's own signature, which is checked over the raw body. A bad signature or a stale timestamp
 * is 400 and changes nothing; a replay is 200 and changes nothing; a payment not yet committed is 409,
 * which the provider retries.
 */
export function paymentWebhookRoutes(deps: FinanceDeps): Router {
  const router = Router();
  router.post(LOCAL_WEBHOOK_PATH, express.raw({ type: "*/*", limit: "64kb" }), async (req, res, next) => {
    try {
      const body = Buffer.isBuffer(req.body) ? req.body.toString("utf8") : "";
      const headers = Object.fromEntries(
        Object.entries(req.headers).map(([name, value]) => [name, Array.isArray(value) ? value[0] : value]),
      );
      const event = deps.payments.parseWebhook({ headers, body }, new Date());
      const outcome = await applyProviderWebhook(deps.db, deps.payments, event);
      res.status(outcome === "unknown-payment" ? 409 : 200).json({ outcome });
    } catch (error) {
      if (error instanceof WebhookRejected) {
        res.status(400).json({ error: `webhook rejected: ${error.message}` });
        return;
      }
      next(error);
    }
  });
  return router;
}
