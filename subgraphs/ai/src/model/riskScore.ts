import { Field, Float, ID, Int, ObjectType } from "type-graphql";

@ObjectType({ description: "One feature of a risk score: its value and what it added to the score's logit." })
export class RiskFeature {
  @Field(() => String)
  name!: string;

  @Field(() => Float)
  value!: number;

  @Field(() => Float, { description: "weight × standardized value; negative lowers the score." })
  contribution!: number;
}

@ObjectType({
  description: "A user's latest risk score (0–100, higher is riskier) with the features that drove it.",
})
export class RiskScore {
  @Field(() => ID)
  userId!: string;

  @Field(() => Int)
  score!: number;

  @Field(() => String, { description: "LOW (< 40), MEDIUM (40–69), HIGH (≥ 70)." })
  band!: string;

  @Field(() => String, { description: "The model that scored it, e.g. risk-logistic@1." })
  model!: string;

  @Field(() => Date)
  scoredAt!: Date;

  @Field(() => [RiskFeature])
  features!: RiskFeature[];
}
