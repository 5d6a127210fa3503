import type { ExportStore } from "@health/platform/privacy";
import type { SagaDefinition } from "@health/platform/saga";
import type { Infrastructure } from "@health/platform/server";
import type { EcDb } from "./db.ts";
import type { ShopOrderPaymentData } from "./domain/shopOrders/paymentSaga.ts";

/**
 * Redis and NATS are held for readiness (NATS also carries the outbox relay, started in `connect.ts`);
 * the domain uses only `db`, and publishes its events by writing outbox rows through it.
 */
export interface EcDeps extends Infrastructure<EcDb> {
  /** How long a placed shop order holds its stock waiting for payment, in ms. */
  reservationWindowMs: number;
  /** A viewer's impressions of one ad count once per window of this length, in ms. */
  adImpressionWindowMs: number;
  /** Where the person's export parts go (`ec-privacy` writes its part there). */
  exports: ExportStore;
  /** The saga that has finance take a reserved shop order's payment. */
  shopOrderPayment: SagaDefinition<ShopOrderPaymentData>;
}
