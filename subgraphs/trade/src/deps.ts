import type { EventBusOptions } from "@health/platform/events";
import type { NatsPubSub } from "@health/platform/nats";
import type { ExportStore } from "@health/platform/privacy";
import type { SagaDefinition } from "@health/platform/saga";
import type { Infrastructure } from "@health/platform/server";
import type { TradeDb } from "./db.ts";
import type { GrabBatches } from "./domain/grab/batches.ts";
import type { OrderPaymentData } from "./domain/orders/paymentSaga.ts";

export interface TradeDeps extends Infrastructure<TradeDb> {
  /** Carries `orderAvailable` and `orderUpdated` between instances (NATS core), published after commit. */
  pubSub: NatsPubSub;
  /** Where this process's events live on JetStream (the missed-notification replay reads them). */
  bus: EventBusOptions;
  /** How far back `orderAvailable(after:)` replays, in ms. */
  grabNotificationRetentionMs: number;
  /** How long a customer has to confirm or dispute a service the coach marked done, in ms. */
  orderConfirmationWindowMs: number;
  /** The grab statements concurrent requests share. */
  grabs: GrabBatches;
  /** The saga that has finance authorize a new order's payment before it opens. */
  orderPayment: SagaDefinition<OrderPaymentData>;
  /** Where a person's data export is written (`trade-privacy`). */
  exports: ExportStore;
}
