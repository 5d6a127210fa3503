import { Field, Float, InputType, Int } from "type-graphql";

@InputType()
export class RunAssessmentInput {
  @Field(() => Float, { description: "50–272 cm." })
  heightCm!: number;

  @Field(() => Int, { description: "Years, 18–120." })
  age!: number;

  @Field(() => Boolean)
  smoker!: boolean;

  @Field(() => Float, { nullable: true, description: "Defaults to the latest WEIGHT record." })
  weightKg?: number | null;
}
