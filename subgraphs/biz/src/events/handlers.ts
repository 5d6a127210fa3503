import type { HandlerRegistration } from "@health/platform/events";
import { accountHoldHandlers } from "@health/platform/holds";
import { paymentReplyHandlers } from "@health/platform/saga";
import type { BizDeps } from "../deps.ts";
import { coursePurchasedHandler } from "./coursePurchased.handler.ts";
import { giftSentHandler } from "./giftSent.handler.ts";
import { orderAssignedHandler } from "./orderAssigned.handler.ts";
import { orderCancelledHandler } from "./orderCancelled.handler.ts";
import { orderCreatedHandler } from "./orderCreated.handler.ts";
import { serviceCompletedHandler } from "./serviceCompleted.handler.ts";
import { settlementRecordedHandler } from "./settlementRecorded.handler.ts";
import { userFollowedHandler } from "./userFollowed.handler.ts";
import { userUnfollowedHandler } from "./userUnfollowed.handler.ts";

/**
 * The consumer's handlers: the events the workbench (M03) is made from, each only mapped to its
 * projection; finance's answers to paid community memberships (M08); gift_sent also writes into a live
 * room's chat (M07).
 */
export const bizEventHandlers = (
  deps: Pick<BizDeps, "communityMembership" | "pubSub">,
): HandlerRegistration[] => [
  orderCreatedHandler,
  orderAssignedHandler,
  serviceCompletedHandler,
  orderCancelledHandler,
  giftSentHandler(deps),
  settlementRecordedHandler,
  userFollowedHandler,
  userUnfollowedHandler,
  coursePurchasedHandler,
  ...paymentReplyHandlers("biz", deps.communityMembership),
  // ops's holds: a held account sends no chat message (domain/chat/messages.ts).
  ...accountHoldHandlers(),
];

/** The durable consumer's name (inbox rows, JetStream consumer, dead letters). */
export const BIZ_CONSUMER = "biz";
