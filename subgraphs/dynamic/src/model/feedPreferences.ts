import { Field, Int, ObjectType } from "type-graphql";

@ObjectType({ description: "How the caller's feed is filtered and ranked." })
export class FeedPreferences {
  @Field(() => [String], { description: "Topics left out of the feed." })
  mutedTopics!: string[];

  @Field(() => [String], { description: "Topics ranked as if six hours newer." })
  boostedTopics!: string[];

  @Field(() => Int, { description: "Grows with every change; 0 until first set." })
  version!: number;

  @Field(() => Date, { nullable: true })
  updatedAt!: Date | null;
}
