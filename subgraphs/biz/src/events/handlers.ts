import type { HandlerRegistration } from "@health/platform/events";
import { giftSentHandler } from "./giftSent.handler.ts";
import { orderAssignedHandler } from "./orderAssigned.handler.ts";
import { orderCancelledHandler } from "./orderCancelled.handler.ts";
import { orderCreatedHandler } from "./orderCreated.handler.ts";
import { serviceCompletedHandler } from "./serviceCompleted.handler.ts";
import { settlementRecordedHandler } from "./settlementRecorded.handler.ts";
import { userFollowedHandler } from "./userFollowed.handler.ts";
import { userUnfollowedHandler } from "./userUnfollowed.handler.ts";

/** The consumer's handlers: the events the workbench (M03) is made from, each only mapped to its projection. */
export const bizEventHandlers = (): HandlerRegistration[] => [
  orderCreatedHandler,
  orderAssignedHandler,
  serviceCompletedHandler,
  orderCancelledHandler,
  giftSentHandler,
  settlementRecordedHandler,
  userFollowedHandler,
  userUnfollowedHandler,
];

/** The durable consumer's name (inbox rows, JetStream consumer, dead letters). */
export const BIZ_CONSUMER = "biz";
