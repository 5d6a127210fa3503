import { Field, InputType } from "type-graphql";

@InputType({ description: "Topics from `feedTopics`; a list left out keeps its current value." })
export class SetFeedPreferencesInput {
  @Field(() => [String], { nullable: true })
  mutedTopics?: string[] | null;

  @Field(() => [String], { nullable: true })
  boostedTopics?: string[] | null;
}
