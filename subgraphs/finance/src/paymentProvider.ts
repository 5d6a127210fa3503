import type { Logger } from "@health/platform/logging";
import type { FinanceConfig } from "./config.ts";
import type { FinanceDb } from "./db.ts";
import { createLocalPaymentProvider } from "./domain/payments/local/localProvider.ts";
import {
  createWebhookDispatcher,
  type WebhookDispatcher,
} from "./domain/payments/local/webhookDispatcher.ts";
import type { PaymentProvider } from "./domain/payments/provider.ts";
import { LOCAL_WEBHOOK_PATH } from "./routes/paymentWebhooks.ts";

/**
 * The payment provider the config names (the local one) and its webhook sender, which the caller starts
 * (the subgraph) or never does (`npm run reconcile`, which only captures and voids).
 */
export function paymentProviderOf(
  db: FinanceDb,
  config: FinanceConfig,
  logger: Logger,
): { payments: PaymentProvider; localWebhooks: WebhookDispatcher } {
  const localWebhooks = createWebhookDispatcher({
    db,
    secret: config.LOCAL_PAYMENTS_WEBHOOK_SECRET,
    url: config.LOCAL_PAYMENTS_WEBHOOK_URL ?? `http://127.0.0.1:${config.PORT}${LOCAL_WEBHOOK_PATH}`,
    logger,
  });
  const payments = createLocalPaymentProvider({
    db,
    secret: config.LOCAL_PAYMENTS_WEBHOOK_SECRET,
    webhookDelayMs: config.LOCAL_PAYMENTS_WEBHOOK_DELAY_MS,
    declineEnding: config.LOCAL_PAYMENTS_DECLINE_ENDING,
    dispatcher: localWebhooks,
  });
  return { payments, localWebhooks };
}
