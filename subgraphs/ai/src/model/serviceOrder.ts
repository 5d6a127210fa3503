import { Directive, Field, Float, ID, Int, ObjectType } from "type-graphql";
import { User } from "./user.ts";

// trade's ServiceOrder: ai adds `recommendedCoaches`, computed from the order fields it `@requires`.

@ObjectType({ description: "One part of a recommendation's score: value 0–1 × weight = contribution." })
export class ScorePart {
  @Field(() => String, { description: "specialty, region, rating, level, load or outcomes." })
  name!: string;

  @Field(() => Float)
  value!: number;

  @Field(() => Float)
  weight!: number;

  @Field(() => Float)
  contribution!: number;

  @Field(() => String, { description: "The numbers behind the value." })
  detail!: string;
}

@ObjectType({
  description: "A coach ranked for an order: score = the sum of the parts' contributions (0–1).",
})
export class CoachRecommendation {
  @Field(() => Int, { description: "1 for the best." })
  rank!: number;

  @Field(() => User)
  coach!: User;

  @Field(() => Float)
  score!: number;

  @Field(() => [ScorePart])
  parts!: ScorePart[];
}

@Directive('@key(fields: "id")')
@ObjectType()
export class ServiceOrder {
  @Field(() => ID)
  id!: string;

  @Directive("@external")
  @Field(() => String)
  specialty?: string | null;

  @Directive("@external")
  @Field(() => String)
  region?: string | null;

  @Directive("@external")
  @Field(() => Int)
  minCoachLevel?: number | null;

  @Directive("@external")
  @Field(() => User)
  customer?: User | null;
}
