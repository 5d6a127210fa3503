import { Field, InputType, Int } from "type-graphql";

@InputType()
export class SetCoachProfileInput {
  @Field(() => [String], { description: "1–20, case-insensitive." })
  specialties!: string[];

  @Field(() => [String], { description: "1–20, case-insensitive." })
  regions!: string[];

  @Field(() => Int, { description: "1–5." })
  level!: number;

  @Field(() => Int, { description: "1–50." })
  capacity!: number;
}
