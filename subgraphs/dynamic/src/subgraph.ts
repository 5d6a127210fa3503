import "reflect-metadata";
import type { HandlerRegistration } from "@health/platform/events";
import { defineSubgraph, infrastructureChecks } from "@health/platform/server";
import type { DynamicDeps } from "./deps.ts";
import type { ActivityEffects } from "./domain/activities.ts";
import { adClickedHandler } from "./events/adClicked.handler.ts";
import { bizActivityHandler } from "./events/bizActivity.handler.ts";
import { communityCreatedHandler } from "./events/communityCreated.handler.ts";
import { contentPublishedHandler } from "./events/contentPublished.handler.ts";
import { deviceDataSyncedHandler } from "./events/deviceDataSynced.handler.ts";
import { giftSentHandler } from "./events/giftSent.handler.ts";
import { goalAchievedHandler } from "./events/goalAchieved.handler.ts";
import { healthActionRecordedHandler } from "./events/healthActionRecorded.handler.ts";
import { inventoryUpdatedHandler } from "./events/inventoryUpdated.handler.ts";
import { liveStartedHandler } from "./events/liveStarted.handler.ts";
import { orderAssignedHandler } from "./events/orderAssigned.handler.ts";
import { orderCreatedHandler } from "./events/orderCreated.handler.ts";
import { paymentSuccessHandler } from "./events/paymentSuccess.handler.ts";
import { pointsAwardedHandler } from "./events/pointsAwarded.handler.ts";
import { postLikedHandler } from "./events/postLiked.handler.ts";
import { productPurchasedHandler } from "./events/productPurchased.handler.ts";
import { questionAnsweredHandler } from "./events/questionAnswered.handler.ts";
import { serviceCompletedHandler } from "./events/serviceCompleted.handler.ts";
import { createDynamicLoaders, type DynamicLoaders } from "./loaders.ts";
import { User } from "./model/user.ts";
import { ActivityResolver } from "./resolvers/activity.resolver.ts";
import { FeedPreferencesResolver } from "./resolvers/feedPreferences.resolver.ts";
import { resolveUserReference } from "./resolvers/user.reference.ts";
import { UserResolver } from "./resolvers/user.resolver.ts";

/** M19: activities made from every catalog event, follows, personal and trending feeds, feed preferences. */
export const dynamicSubgraph = defineSubgraph<DynamicDeps, DynamicLoaders>({
  name: "dynamic",
  resolvers: [ActivityResolver, UserResolver, FeedPreferencesResolver],
  orphanedTypes: [User],
  references: { User: resolveUserReference },
  createLoaders: createDynamicLoaders,
  readiness: infrastructureChecks,
  pubSub: (deps) => deps.pubSub,
});

/** The consumer's handlers: one per catalog event, each only mapping its event to `recordActivity`. */
export const dynamicEventHandlers = (effects: ActivityEffects): HandlerRegistration[] => [
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
