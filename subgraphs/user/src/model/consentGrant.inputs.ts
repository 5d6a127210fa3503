import { Field, ID, InputType } from "type-graphql";
import { HealthMetric } from "./healthMetric.ts";

@InputType()
export class GrantConsentInput {
  @Field(() => ID, { description: "The coach's user id." })
  coachId!: string;

  @Field(() => [HealthMetric], {
    description:
      "The metrics the coach may read; any grant also shows actions, goals, assessments and devices.",
  })
  metrics!: HealthMetric[];

  @Field(() => Date, { description: "In the future, at most one year ahead." })
  expiresAt!: Date;
}
