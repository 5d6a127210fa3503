import { Directive, Field, Float, Int, ObjectType } from "type-graphql";

// user's `User.insightSource` as ai receives it through `@requires` (subgraphs/user/src/model/insightSource.ts):
// the same shape, every field external here; user decides, logs and resolves it.

@Directive("@inaccessible")
@ObjectType()
export class InsightReading {
  @Directive("@external")
  @Field(() => Date)
  at!: Date;

  @Directive("@external")
  @Field(() => Float)
  value!: number;
}

@Directive("@inaccessible")
@ObjectType()
export class InsightGoal {
  @Directive("@external")
  @Field(() => Float)
  target!: number;

  @Directive("@external")
  @Field(() => String)
  direction!: string;

  @Directive("@external")
  @Field(() => Date, { nullable: true })
  deadline!: Date | null;
}

@Directive("@inaccessible")
@ObjectType()
export class InsightMetricSource {
  @Directive("@external")
  @Field(() => String)
  metric!: string;

  @Directive("@external")
  @Field(() => String)
  unit!: string;

  @Directive("@external")
  @Field(() => Boolean)
  allowed!: boolean;

  @Directive("@external")
  @Field(() => String, { nullable: true })
  refusal!: string | null;

  @Directive("@external")
  @Field(() => [InsightReading])
  readings!: InsightReading[];

  @Directive("@external")
  @Field(() => InsightGoal, { nullable: true })
  goal!: InsightGoal | null;
}

@Directive("@inaccessible")
@ObjectType()
export class InsightSource {
  @Directive("@external")
  @Field(() => Date)
  generatedAt!: Date;

  @Directive("@external")
  @Field(() => Int)
  days!: number;

  @Directive("@external")
  @Field(() => [InsightMetricSource])
  metrics!: InsightMetricSource[];
}

/** The selection `User.healthInsights` requires (every field above). */
export const INSIGHT_SOURCE_SELECTION =
  "insightSource { generatedAt days metrics { metric unit allowed refusal readings { at value } goal { target direction deadline } } }";
