import { Field, InputType, Int } from "type-graphql";

@InputType({
  description: "A coach's own matching rules. The level is not here: ops computes it (`coachRating`).",
})
export class SetCoachProfileInput {
  @Field(() => [String], { description: "1–20, case-insensitive." })
  specialties!: string[];

  @Field(() => [String], { description: "1–20, case-insensitive." })
  regions!: string[];

  @Field(() => Int, { description: "1–50." })
  capacity!: number;
}
