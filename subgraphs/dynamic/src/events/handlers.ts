import type { HandlerRegistration } from "@health/platform/events";
import type { FeedAnnouncer } from "../domain/feedUpdates.ts";
import { adClickedHandler } from "./adClicked.handler.ts";
import { bizActivityHandler } from "./bizActivity.handler.ts";
import { communityCreatedHandler } from "./communityCreated.handler.ts";
import { contentPublishedHandler } from "./contentPublished.handler.ts";
import { deviceDataSyncedHandler } from "./deviceDataSynced.handler.ts";
import { giftSentHandler } from "./giftSent.handler.ts";
import { goalAchievedHandler } from "./goalAchieved.handler.ts";
import { healthActionRecordedHandler } from "./healthActionRecorded.handler.ts";
import { inventoryUpdatedHandler } from "./inventoryUpdated.handler.ts";
import { liveStartedHandler } from "./liveStarted.handler.ts";
import { orderAssignedHandler } from "./orderAssigned.handler.ts";
import { orderCreatedHandler } from "./orderCreated.handler.ts";
import { paymentSuccessHandler } from "./paymentSuccess.handler.ts";
import { pointsAwardedHandler } from "./pointsAwarded.handler.ts";
import { postLikedHandler } from "./postLiked.handler.ts";
import { productPurchasedHandler } from "./productPurchased.handler.ts";
import { questionAnsweredHandler } from "./questionAnswered.handler.ts";
import { serviceCompletedHandler } from "./serviceCompleted.handler.ts";

/** The consumer's handlers: one per catalog event, each only mapping its event to `recordActivity`. */
export const dynamicEventHandlers = (effects: FeedAnnouncer): HandlerRegistration[] => [
  healthActionRecordedHandler(effects),
  goalAchievedHandler(effects),
  deviceDataSyncedHandler(effects),
  orderCreatedHandler(effects),
  orderAssignedHandler(effects),
  serviceCompletedHandler(effects),
  contentPublishedHandler(effects),
  questionAnsweredHandler(effects),
  postLikedHandler(effects),
  liveStartedHandler(effects),
  communityCreatedHandler(effects),
  bizActivityHandler(effects),
  productPurchasedHandler(effects),
  adClickedHandler(effects),
  inventoryUpdatedHandler(effects),
  paymentSuccessHandler(effects),
  pointsAwardedHandler(effects),
  giftSentHandler(effects),
];

/** The durable consumer's name (inbox rows, JetStream consumer, dead letters). */
export const DYNAMIC_CONSUMER = "dynamic";
