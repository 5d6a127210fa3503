import { assertNever } from "@health/platform/errors";
import { ACTIVITY_KINDS, type ActivityType, isHealthDerived, type Visibility } from "./activityKinds.ts";

export interface VisibilityFacts {
  actorId: string;
  visibility: Visibility;
}

/**
 * Who may see an activity: its actor always; anyone for PUBLIC; the actor's followers for FOLLOWERS;
 * nobody else for PRIVATE. The feed and `User.activities` queries apply the same rule in SQL
 * (`visibleToSql`); this is the rule in one readable place.
 */
export function canSee(
  viewerId: string | null,
  activity: VisibilityFacts,
  viewerFollowsActor: boolean,
): boolean {
  if (viewerId !== null && viewerId === activity.actorId) return true;
  switch (activity.visibility) {
    case "PUBLIC":
      return true;
    case "FOLLOWERS":
      return viewerId !== null && viewerFollowsActor;
    case "PRIVATE":
      return false;
    default:
      return assertNever(activity.visibility);
  }
}

/**
 * The visibility a new activity gets: its kind's default; for a health-derived kind, FOLLOWERS when
 * its actor shares that kind with followers, else PRIVATE.
 */
export function visibilityOf(type: ActivityType, sharedHealthKinds: readonly ActivityType[]): Visibility {
  if (!isHealthDerived(type)) return ACTIVITY_KINDS[type].visibility;
  return sharedHealthKinds.includes(type) ? "FOLLOWERS" : "PRIVATE";
}

/** The visibilities a viewer sees of one actor's activities (the same rule, as a set). */
export function visibleLevels(
  viewerId: string | null,
  actorId: string,
  viewerFollowsActor: boolean,
): Visibility[] {
  if (viewerId !== null && viewerId === actorId) return ["PUBLIC", "FOLLOWERS", "PRIVATE"];
  return viewerId !== null && viewerFollowsActor ? ["PUBLIC", "FOLLOWERS"] : ["PUBLIC"];
}
