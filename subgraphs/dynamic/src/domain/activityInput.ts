import { ACTIVITY_KINDS, type ActivityType, type Visibility } from "./activityKinds.ts";
import type { FeedTopic } from "./topics.ts";
import { visibilityOf } from "./visibility.ts";

/** What an event handler extracts from its event: who, what, when. */
export interface ActivityInput {
  type: ActivityType;
  /** The event's id: one event makes at most one activity. */
  sourceEventId: string;
  /** The user the activity is about. */
  actorId: string;
  /** The other user involved (a coach, a recipient, an asker), if any. */
  targetUserId?: string | null;
  objectType: string;
  objectId: string;
  summary: string;
  occurredAt: Date;
}

/** A row ready to insert: the input plus its kind's topic and its visibility (`visibilityOf`). */
export interface NewActivity extends ActivityInput {
  targetUserId: string | null;
  topic: FeedTopic;
  visibility: Visibility;
}

export const MAX_SUMMARY_LENGTH = 280;

export function describeActivity(
  input: ActivityInput,
  sharedHealthKinds: readonly ActivityType[] = [],
): NewActivity {
  const { topic } = ACTIVITY_KINDS[input.type];
  const visibility = visibilityOf(input.type, sharedHealthKinds);
  const summary =
    input.summary.length > MAX_SUMMARY_LENGTH
      ? `${input.summary.slice(0, MAX_SUMMARY_LENGTH - 1)}…`
      : input.summary;
  return { ...input, summary, targetUserId: input.targetUserId ?? null, topic, visibility };
}
