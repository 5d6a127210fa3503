import type { FeedTopic } from "./topics.ts";

/** One value per catalog event that makes activities: the event's name, upper-cased. */
export const ActivityType = {
  HEALTH_ACTION_RECORDED: "HEALTH_ACTION_RECORDED",
  GOAL_ACHIEVED: "GOAL_ACHIEVED",
  DEVICE_DATA_SYNCED: "DEVICE_DATA_SYNCED",
  ORDER_CREATED: "ORDER_CREATED",
  ORDER_ASSIGNED: "ORDER_ASSIGNED",
  SERVICE_COMPLETED: "SERVICE_COMPLETED",
  CONTENT_PUBLISHED: "CONTENT_PUBLISHED",
  QUESTION_ANSWERED: "QUESTION_ANSWERED",
  POST_LIKED: "POST_LIKED",
  LIVE_STARTED: "LIVE_STARTED",
  COMMUNITY_CREATED: "COMMUNITY_CREATED",
  BIZ_ACTIVITY: "BIZ_ACTIVITY",
  PRODUCT_PURCHASED: "PRODUCT_PURCHASED",
  AD_CLICKED: "AD_CLICKED",
  PAYMENT_SUCCESS: "PAYMENT_SUCCESS",
  POINTS_AWARDED: "POINTS_AWARDED",
  GIFT_SENT: "GIFT_SENT",
} as const;
export type ActivityType = (typeof ActivityType)[keyof typeof ActivityType];

export const Visibility = { PUBLIC: "PUBLIC", FOLLOWERS: "FOLLOWERS", PRIVATE: "PRIVATE" } as const;
export type Visibility = (typeof Visibility)[keyof typeof Visibility];

export interface ActivityKind {
  topic: FeedTopic;
  /** Who sees it by default (README, "Visibility"): the actor always does. */
  visibility: Visibility;
  /**
   * Made from health data, so health data itself: its actor's only, unless they share the kind with
   * their followers (`FeedPreferences.sharedHealthActivities`); never PUBLIC (a database check).
   */
  healthDerived?: true;
}

/**
 * The one table of topic and default visibility per activity type. Health and money details are
 * private or for followers; things made to be seen (content, live, groups) are public.
 */
export const ACTIVITY_KINDS: Record<ActivityType, ActivityKind> = {
  HEALTH_ACTION_RECORDED: { topic: "health", visibility: "PRIVATE", healthDerived: true },
  GOAL_ACHIEVED: { topic: "health", visibility: "PRIVATE", healthDerived: true },
  DEVICE_DATA_SYNCED: { topic: "health", visibility: "PRIVATE", healthDerived: true },
  ORDER_CREATED: { topic: "orders", visibility: "PRIVATE" },
  ORDER_ASSIGNED: { topic: "orders", visibility: "PRIVATE" },
  SERVICE_COMPLETED: { topic: "orders", visibility: "PRIVATE" },
  CONTENT_PUBLISHED: { topic: "content", visibility: "PUBLIC" },
  QUESTION_ANSWERED: { topic: "content", visibility: "PUBLIC" },
  POST_LIKED: { topic: "community", visibility: "FOLLOWERS" },
  LIVE_STARTED: { topic: "live", visibility: "PUBLIC" },
  COMMUNITY_CREATED: { topic: "community", visibility: "PUBLIC" },
  BIZ_ACTIVITY: { topic: "business", visibility: "PUBLIC" },
  PRODUCT_PURCHASED: { topic: "shop", visibility: "PRIVATE" },
  AD_CLICKED: { topic: "shop", visibility: "PRIVATE" },
  PAYMENT_SUCCESS: { topic: "finance", visibility: "PRIVATE" },
  POINTS_AWARDED: { topic: "finance", visibility: "PRIVATE" },
  GIFT_SENT: { topic: "finance", visibility: "FOLLOWERS" },
};

export const HEALTH_DERIVED_TYPES = (Object.keys(ACTIVITY_KINDS) as ActivityType[]).filter(
  (type) => ACTIVITY_KINDS[type].healthDerived,
);

export const isHealthDerived = (type: ActivityType): boolean => ACTIVITY_KINDS[type].healthDerived === true;

/** `goal_achieved` → `GOAL_ACHIEVED`; undefined for an event that makes no activity. */
export function activityTypeOf(eventName: string): ActivityType | undefined {
  const type = eventName.toUpperCase();
  return type in ACTIVITY_KINDS ? (type as ActivityType) : undefined;
}
