import { Field, InputType } from "type-graphql";
import { ActivityType } from "../domain/activityKinds.ts";

@InputType({
  description:
    "Topics from `feedTopics` and health-derived activity types; a list left out keeps its current value.",
})
export class SetFeedPreferencesInput {
  @Field(() => [String], { nullable: true })
  mutedTopics?: string[] | null;

  @Field(() => [String], { nullable: true })
  boostedTopics?: string[] | null;

  @Field(() => [ActivityType], {
    nullable: true,
    description:
      "Health-derived types to share with followers (anyone may follow you); a type taken out makes its past activities yours only again. A type added applies from now on.",
  })
  sharedHealthActivities?: ActivityType[] | null;
}
