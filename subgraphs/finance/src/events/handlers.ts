import type { HandlerRegistration } from "@health/platform/events";
import { accountHoldHandlers } from "@health/platform/holds";
import type { FinanceDeps } from "../deps.ts";
import { bountySagaHandlers } from "./bountySagas.handler.ts";
import { goalAchievedHandler } from "./goalAchieved.handler.ts";
import { healthActionRecordedHandler } from "./healthActionRecorded.handler.ts";
import { paymentSagaHandlers } from "./paymentSagas.handler.ts";
import { serviceCompletedHandler } from "./serviceCompleted.handler.ts";

/**
 * The consumer's handlers: events that earn points, the payment sagas' requests and cancellations,
 * completed orders (captured, settled, and points), and content's question bounties.
 */
export const financeEventHandlers = (
  deps: Pick<FinanceDeps, "payments" | "rates">,
): HandlerRegistration[] => [
  healthActionRecordedHandler,
  goalAchievedHandler,
  serviceCompletedHandler(deps),
  ...paymentSagaHandlers(deps),
  ...bountySagaHandlers,
  // ops's holds: a held account starts no payment and sends no gift.
  ...accountHoldHandlers(),
];

/** The durable consumer's name (inbox rows, JetStream consumer, dead letters). */
export const FINANCE_CONSUMER = "finance";
