import type { HandlerRegistration } from "@health/platform/events";
import { goalAchievedHandler } from "./goalAchieved.handler.ts";
import { healthActionRecordedHandler } from "./healthActionRecorded.handler.ts";
import { serviceCompletedHandler } from "./serviceCompleted.handler.ts";

/** The consumer's handlers: one per event that earns points, each only mapping its event to an award. */
export const financeEventHandlers = (): HandlerRegistration[] => [
  healthActionRecordedHandler,
  goalAchievedHandler,
  serviceCompletedHandler,
];

/** The durable consumer's name (inbox rows, JetStream consumer, dead letters). */
export const FINANCE_CONSUMER = "finance";
