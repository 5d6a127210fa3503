import { Connection, toConnection } from "@health/platform/graphql";
import type { Page } from "@health/platform/pagination";
import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { ActivityType, Visibility } from "../domain/activityKinds.ts";
import type { Activity as ActivityRow } from "../generated/prisma/client.ts";
import { User, userRef } from "./user.ts";

registerEnumType(ActivityType, {
  name: "ActivityType",
  description: "The event an activity was made from (the catalog's event name, upper-cased).",
});
registerEnumType(Visibility, {
  name: "ActivityVisibility",
  description: "Who sees an activity besides its actor.",
  valuesConfig: {
    PUBLIC: {
      description:
        "Everyone (feeds of followers, `trending`, the actor's profile). Never a health-derived activity.",
    },
    FOLLOWERS: {
      description: "The actor's followers; a health-derived activity only when its actor shares that type.",
    },
    PRIVATE: { description: "Only the actor: every health-derived activity unless its actor shares it." },
  },
});

@ObjectType({ description: "Something that happened to a user, as feeds show it." })
export class Activity {
  @Field(() => ID)
  id!: string;

  @Field(() => ActivityType)
  type!: ActivityType;

  @Field(() => User, { description: "The user the activity is about." })
  actor!: User;

  @Field(() => User, {
    nullable: true,
    description: "The other user involved (a coach, a recipient), if any.",
  })
  target!: User | null;

  @Field(() => String, {
    description: "What it is about: HEALTH_GOAL, SERVICE_ORDER, CONTENT, LIVE_STREAM, ...",
  })
  objectType!: string;

  @Field(() => ID)
  objectId!: string;

  @Field(() => String)
  summary!: string;

  @Field(() => String, { description: "One of `feedTopics`." })
  topic!: string;

  @Field(() => Visibility)
  visibility!: Visibility;

  @Field(() => Date)
  occurredAt!: Date;

  @Field(() => Int)
  likeCount!: number;

  @Field(() => Int)
  commentCount!: number;
}

export const toActivity = (row: ActivityRow): Activity => ({
  id: row.id,
  type: row.type,
  actor: userRef(row.actorId),
  target: row.targetUserId ? userRef(row.targetUserId) : null,
  objectType: row.objectType,
  objectId: row.objectId,
  summary: row.summary,
  topic: row.topic,
  visibility: row.visibility,
  occurredAt: row.occurredAt,
  likeCount: row.likeCount,
  commentCount: row.commentCount,
});

@ObjectType()
export class ActivityConnection extends Connection(Activity) {}

export const toActivityConnection = (page: Page<ActivityRow>): ActivityConnection =>
  toConnection(page, toActivity);
