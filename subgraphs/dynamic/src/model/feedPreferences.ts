import { Field, Int, ObjectType } from "type-graphql";
import { ActivityType } from "../domain/activityKinds.ts";

@ObjectType({ description: "How the caller's feed is filtered and ranked." })
export class FeedPreferences {
  @Field(() => [String], { description: "Topics left out of the feed." })
  mutedTopics!: string[];

  @Field(() => [String], { description: "Topics ranked as if six hours newer." })
  boostedTopics!: string[];

  @Field(() => [ActivityType], {
    description:
      "Health-derived activity types (GOAL_ACHIEVED, HEALTH_ACTION_RECORDED, DEVICE_DATA_SYNCED) the caller shares with their followers; empty, so shown to nobody but the caller, until they choose. Never public, never in `trending`.",
  })
  sharedHealthActivities!: ActivityType[];

  @Field(() => Int, { description: "Grows with every change; 0 until first set." })
  version!: number;

  @Field(() => Date, { nullable: true })
  updatedAt!: Date | null;
}
