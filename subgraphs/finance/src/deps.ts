import type { ExportStore } from "@health/platform/privacy";
import type { Infrastructure } from "@health/platform/server";
import type { FinanceRates, ReconciliationSettings } from "./config.ts";
import type { FinanceDb } from "./db.ts";
import type { WebhookDispatcher } from "./domain/payments/local/webhookDispatcher.ts";
import type { PaymentProvider } from "./domain/payments/provider.ts";

/**
 * Redis and NATS are held for readiness (NATS also carries the outbox relay, started in `connect.ts`);
 * the domain uses `db`, and publishes its events by writing outbox rows through it. `payments` is the
 * payment provider (the local one by default); `localWebhooks` sends the local provider's webhooks;
 * `rates` are the gift and settlement split rates the config sets; `reconciliation`, when and how the
 * daily reconciliation runs; `exports`, where a person's data export is written (`finance-privacy`).
 */
export interface FinanceDeps extends Infrastructure<FinanceDb> {
  payments: PaymentProvider;
  localWebhooks: WebhookDispatcher;
  rates: FinanceRates;
  reconciliation: ReconciliationSettings;
  exports: ExportStore;
}
