import { randomUUID } from "node:crypto";
import * as events from "@health/events/catalog";
import type { EventDefinition } from "@health/events/define";
import { describe, expect, it } from "vitest";
import { describeActivity } from "../src/domain/activityInput.ts";
import { ACTIVITY_KINDS, activityTypeOf } from "../src/domain/activityKinds.ts";
import { adClickedActivity } from "../src/events/adClicked.handler.ts";
import { bizActivityActivity } from "../src/events/bizActivity.handler.ts";
import { communityCreatedActivity } from "../src/events/communityCreated.handler.ts";
import { contentPublishedActivity } from "../src/events/contentPublished.handler.ts";
import { deviceDataSyncedActivity } from "../src/events/deviceDataSynced.handler.ts";
import { giftSentActivity } from "../src/events/giftSent.handler.ts";
import { goalAchievedActivity } from "../src/events/goalAchieved.handler.ts";
import { dynamicEventHandlers } from "../src/events/handlers.ts";
import { healthActionRecordedActivity } from "../src/events/healthActionRecorded.handler.ts";
import { inventoryUpdatedActivity } from "../src/events/inventoryUpdated.handler.ts";
import { liveStartedActivity } from "../src/events/liveStarted.handler.ts";
import { orderAssignedActivity } from "../src/events/orderAssigned.handler.ts";
import { orderCreatedActivity } from "../src/events/orderCreated.handler.ts";
import { paymentSuccessActivity } from "../src/events/paymentSuccess.handler.ts";
import { pointsAwardedActivity } from "../src/events/pointsAwarded.handler.ts";
import { postLikedActivity } from "../src/events/postLiked.handler.ts";
import { productPurchasedActivity } from "../src/events/productPurchased.handler.ts";
import { questionAnsweredActivity } from "../src/events/questionAnswered.handler.ts";
import { serviceCompletedActivity } from "../src/events/serviceCompleted.handler.ts";
import { envelopeOf } from "./fixtures.ts";

const [u1, u2, obj] = [randomUUID(), randomUUID(), randomUUID()];
const when = "2026-11-21T10:00:00.000Z";

// biome-ignore lint/suspicious/noExplicitAny: one table over every event's mapper and payload
type Row = [EventDefinition, (e: any) => unknown, Record<string, unknown>, Record<string, unknown> | null];

/** event, mapper, payload, expected activity (null: the event makes none). */
const TABLE: Row[] = [
  [
    events.healthActionRecordedV1,
    healthActionRecordedActivity,
    { actionId: obj, userId: u1, type: "MEDICATION", durationMinutes: 5, occurredAt: when },
    {
      type: "HEALTH_ACTION_RECORDED",
      actorId: u1,
      targetUserId: null,
      objectType: "HEALTH_ACTION",
      objectId: obj,
      topic: "health",
      visibility: "PRIVATE",
      summary: "recorded a health action",
    },
  ],
  [
    events.goalAchievedV1,
    goalAchievedActivity,
    { goalId: obj, userId: u1, metric: "HEART_RATE", target: 60, achievedAt: when },
    {
      type: "GOAL_ACHIEVED",
      actorId: u1,
      objectType: "HEALTH_GOAL",
      objectId: obj,
      topic: "health",
      visibility: "PRIVATE",
      summary: "achieved a health goal",
    },
  ],
  [
    events.deviceDataSyncedV1,
    deviceDataSyncedActivity,
    { userId: u1, deviceBindingId: obj, recordCount: 1, syncedAt: when },
    {
      type: "DEVICE_DATA_SYNCED",
      actorId: u1,
      objectType: "DEVICE_BINDING",
      topic: "health",
      visibility: "PRIVATE",
      summary: "synced a health device",
    },
  ],
  [
    events.orderCreatedV1,
    orderCreatedActivity,
    {
      orderId: obj,
      customerId: u1,
      serviceType: "nutrition",
      priceAmount: 9900,
      currency: "CNY",
      createdAt: when,
    },
    {
      type: "ORDER_CREATED",
      actorId: u1,
      objectType: "SERVICE_ORDER",
      topic: "orders",
      visibility: "PRIVATE",
      summary: "ordered a nutrition service (CN¥99.00)",
    },
  ],
  [
    events.orderAssignedV1,
    orderAssignedActivity,
    { orderId: obj, customerId: u1, coachId: u2, assignedAt: when },
    { type: "ORDER_ASSIGNED", actorId: u1, targetUserId: u2, topic: "orders", visibility: "PRIVATE" },
  ],
  [
    events.serviceCompletedV1,
    serviceCompletedActivity,
    {
      orderId: obj,
      userId: u1,
      healthWorkerId: u2,
      completionTime: when,
      rating: 5,
      priceAmount: 100,
      currency: "CNY",
    },
    {
      type: "SERVICE_COMPLETED",
      actorId: u1,
      targetUserId: u2,
      topic: "orders",
      visibility: "PRIVATE",
      summary: "completed a coaching service and rated it 5/5",
    },
  ],
  [
    events.contentPublishedV1,
    contentPublishedActivity,
    { contentId: obj, authorId: u1, kind: "COURSE", title: "Sleep better", publishedAt: when },
    {
      type: "CONTENT_PUBLISHED",
      actorId: u1,
      objectType: "COURSE",
      topic: "content",
      visibility: "PUBLIC",
      summary: "published a course: Sleep better",
    },
  ],
  [
    events.questionAnsweredV1,
    questionAnsweredActivity,
    { questionId: randomUUID(), answerId: obj, askerId: u2, answererId: u1, answeredAt: when },
    {
      type: "QUESTION_ANSWERED",
      actorId: u1,
      targetUserId: u2,
      objectType: "ANSWER",
      objectId: obj,
      topic: "content",
      visibility: "PUBLIC",
    },
  ],
  [
    events.postLikedV1,
    postLikedActivity,
    { postId: obj, authorId: u2, likerId: u1, likedAt: when },
    {
      type: "POST_LIKED",
      actorId: u1,
      targetUserId: u2,
      objectType: "POST",
      topic: "community",
      visibility: "FOLLOWERS",
    },
  ],
  [
    events.liveStartedV1,
    liveStartedActivity,
    { streamId: obj, hostId: u1, title: "Morning yoga", startedAt: when },
    {
      type: "LIVE_STARTED",
      actorId: u1,
      objectType: "LIVE_STREAM",
      topic: "live",
      visibility: "PUBLIC",
      summary: "went live: Morning yoga",
    },
  ],
  [
    events.communityCreatedV1,
    communityCreatedActivity,
    { groupId: obj, ownerId: u1, name: "Runners", createdAt: when },
    {
      type: "COMMUNITY_CREATED",
      actorId: u1,
      objectType: "COMMUNITY_GROUP",
      topic: "community",
      visibility: "PUBLIC",
    },
  ],
  [
    events.bizActivityV1,
    bizActivityActivity,
    { businessId: u1, kind: "milestone", summary: "reached 100 clients", occurredAt: when },
    {
      type: "BIZ_ACTIVITY",
      actorId: u1,
      objectType: "BUSINESS_MILESTONE",
      topic: "business",
      visibility: "PUBLIC",
      summary: "reached 100 clients",
    },
  ],
  [
    events.productPurchasedV1,
    productPurchasedActivity,
    {
      orderId: obj,
      buyerId: u1,
      items: [{ productId: randomUUID(), quantity: 2 }],
      totalAmount: 500,
      currency: "USD",
      purchasedAt: when,
    },
    {
      type: "PRODUCT_PURCHASED",
      actorId: u1,
      objectType: "SHOP_ORDER",
      topic: "shop",
      visibility: "PRIVATE",
      summary: "bought 2 items ($5.00)",
    },
  ],
  [
    events.adClickedV1,
    adClickedActivity,
    { campaignId: obj, viewerId: u1, clickedAt: when },
    { type: "AD_CLICKED", actorId: u1, objectType: "AD_CAMPAIGN", topic: "shop", visibility: "PRIVATE" },
  ],
  [
    events.inventoryUpdatedV1,
    inventoryUpdatedActivity,
    { productId: obj, available: 0, updatedAt: when },
    null,
  ],
  [
    events.paymentSuccessV1,
    paymentSuccessActivity,
    { paymentId: obj, payerId: u1, reference: "order-1", amount: 1000, currency: "JPY", paidAt: when },
    {
      type: "PAYMENT_SUCCESS",
      actorId: u1,
      objectType: "PAYMENT",
      topic: "finance",
      visibility: "PRIVATE",
      summary: "paid ¥1,000 (order-1)",
    },
  ],
  [
    events.pointsAwardedV1,
    pointsAwardedActivity,
    { userId: u1, points: 50, reason: "7-day streak", awardedAt: when },
    {
      type: "POINTS_AWARDED",
      actorId: u1,
      topic: "finance",
      visibility: "PRIVATE",
      summary: "earned 50 points: 7-day streak",
    },
  ],
  [
    events.giftSentV1,
    giftSentActivity,
    {
      giftOrderId: obj,
      senderId: u1,
      recipientId: u2,
      giftId: "rose",
      amount: 100,
      currency: "CNY",
      sentAt: when,
    },
    {
      type: "GIFT_SENT",
      actorId: u1,
      targetUserId: u2,
      objectType: "GIFT_ORDER",
      topic: "finance",
      visibility: "FOLLOWERS",
      summary: "sent a gift",
    },
  ],
];

/**
 * The sagas' messages between subgraphs, a coach's payout, a course bought, a stream's end (for the media
 * server): nothing a feed would show.
 */
const SAGA_MESSAGES: readonly EventDefinition[] = [
  events.orderPaymentRequestedV1,
  events.orderCancelledV1,
  events.shopOrderPaymentRequestedV1,
  events.shopOrderCancelledV1,
  events.coursePaymentRequestedV1,
  events.paymentAuthorizedV1,
  events.paymentFailedV1,
  events.coursePurchaseCancelledV1,
  events.coursePurchasedV1,
  events.liveEndedV1,
  events.settlementRecordedV1,
  events.communityPaymentRequestedV1,
  events.communityMembershipCancelledV1,
  events.bountyHoldRequestedV1,
  events.bountyHeldV1,
  events.bountyHoldRefusedV1,
  events.bountyPayoutRequestedV1,
  events.bountyReturnRequestedV1,
];

/** dynamic's own events (follows): the follow already changed the follower's feed where it happened. */
const OWN_EVENTS: readonly EventDefinition[] = [events.userFollowedV1, events.userUnfollowedV1];

/** Signals between subgraphs that are nobody's news: grab attempts, ratings and levels, holds, risk scores. */
const NOT_NEWS: readonly EventDefinition[] = [
  events.grabAttemptedV1,
  events.coachRatedV1,
  events.coachLevelChangedV1,
  events.accountHeldV1,
  events.accountReleasedV1,
  events.riskScoredV1,
  events.healthDataAccessedV1,
  events.coachProfileUpdatedV1,
  events.financeAdminActionRecordedV1,
  events.contentAdminActionRecordedV1,
  events.bizAdminActionRecordedV1,
  events.tradeAdminActionRecordedV1,
  events.ecAdminActionRecordedV1,
  events.accountCreatedV1,
  events.loginFailedV1,
  events.chatMessageSentV1,
  events.authAdminActionRecordedV1,
  // Data-subject rights: requests and answers between auth and each subgraph, never news.
  events.dataExportRequestedV1,
  events.accountErasureStartedV1,
  ...Object.values(events.privacyAnswersOf).flatMap((answers) => [answers.partReady, answers.acknowledged]),
];

describe("event → activity", () => {
  it("has one handler per catalog event but the sagas' messages and its own, in the consumer's list", () => {
    const effects = { afterCommit: () => undefined } as never;
    const handled = dynamicEventHandlers(effects).map((registration) => registration.event.subject);
    const feedEvents = events.catalog.filter(
      (event) => !SAGA_MESSAGES.includes(event) && !OWN_EVENTS.includes(event) && !NOT_NEWS.includes(event),
    );
    expect([...handled].sort()).toEqual(feedEvents.map((event) => event.subject).sort());
    expect(TABLE.map(([event]) => event.subject).sort()).toEqual(handled.sort());
  });

  it.each(TABLE.map((row) => [row[0].name, ...row] as const))(
    "%s",
    (_name, event, toActivity, payload, expected) => {
      expect(event.payload.safeParse(payload).success).toBe(true);
      const envelope = envelopeOf(event, payload as never);
      const input = toActivity(envelope) as Parameters<typeof describeActivity>[0] | null;
      if (expected === null) {
        expect(input).toBeNull();
        expect(activityTypeOf(event.name)).toBeUndefined();
        return;
      }
      expect(input).not.toBeNull();
      const activity = describeActivity(input as Parameters<typeof describeActivity>[0]);
      expect(activity).toMatchObject({ ...expected, sourceEventId: envelope.id, occurredAt: new Date(when) });
      expect(activityTypeOf(event.name)).toBe(activity.type);
    },
  );

  it("an anonymous ad click makes no activity", () => {
    const envelope = envelopeOf(events.adClickedV1, { campaignId: obj, viewerId: null, clickedAt: when });
    expect(adClickedActivity(envelope)).toBeNull();
  });

  it("every activity type has a topic and a default visibility", () => {
    for (const kind of Object.values(ACTIVITY_KINDS)) {
      expect(["PUBLIC", "FOLLOWERS", "PRIVATE"]).toContain(kind.visibility);
    }
  });
});
