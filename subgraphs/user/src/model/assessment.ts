import { GraphQLJSONObject } from "graphql-scalars";
import { Field, Float, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { BmiCategory, RiskCategory } from "../domain/assessments/rules.ts";
import type { Assessment as AssessmentRow } from "../generated/prisma/client.ts";

registerEnumType(BmiCategory, { name: "BmiCategory" });
registerEnumType(RiskCategory, { name: "RiskCategory" });

@ObjectType({ description: "BMI and a 0–100 cardiovascular risk score, with the inputs that produced them." })
export class Assessment {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  userId!: string;

  @Field(() => Float)
  bmi!: number;

  @Field(() => BmiCategory)
  bmiCategory!: BmiCategory;

  @Field(() => Int)
  riskScore!: number;

  @Field(() => RiskCategory)
  riskCategory!: RiskCategory;

  @Field(() => GraphQLJSONObject, {
    description: "Height, weight, age, smoker, readings used, points per factor.",
  })
  inputs!: Record<string, unknown>;

  @Field(() => Date)
  createdAt!: Date;
}

export const toAssessment = (row: AssessmentRow): Assessment => ({
  ...row,
  bmi: Number(row.bmi),
  bmiCategory: row.bmiCategory as BmiCategory,
  riskCategory: row.riskCategory as RiskCategory,
  inputs: row.inputs as Record<string, unknown>,
});
