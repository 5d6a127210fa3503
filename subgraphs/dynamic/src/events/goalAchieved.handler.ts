import { goalAchievedV1 } from "@health/events/catalog";
import { type ActivityMapper, activityHandler } from "./activityHandler.ts";

/** goal_achieved → GOAL_ACHIEVED about the goal's owner. */
export const goalAchievedActivity: ActivityMapper<typeof goalAchievedV1> = (event) => ({
  type: "GOAL_ACHIEVED",
  sourceEventId: event.id,
  actorId: event.payload.userId,
  objectType: "HEALTH_GOAL",
  objectId: event.payload.goalId,
  // Health data: the summary names neither the metric nor the target (the owner's `HealthGoal` does).
  summary: "achieved a health goal",
  occurredAt: new Date(event.payload.achievedAt),
});

export const goalAchievedHandler = activityHandler(goalAchievedV1, goalAchievedActivity);
