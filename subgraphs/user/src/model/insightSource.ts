import { Directive, Field, Float, Int, ObjectType } from "type-graphql";

// What ai's health insights need of one user (issue 12), read only by ai through `@requires` on
// `User.healthInsights`: `@inaccessible`, so no client selects it. Metric and direction are strings
// here (not this subgraph's enums) so ai's copy of these types names no enum of user's.

@Directive("@inaccessible")
@ObjectType({ description: "One reading for ai's insights." })
export class InsightReading {
  @Field(() => Date)
  at!: Date;

  @Field(() => Float)
  value!: number;
}

@Directive("@inaccessible")
@ObjectType()
export class InsightGoal {
  @Field(() => Float)
  target!: number;

  @Field(() => String, { description: "AT_LEAST or AT_MOST." })
  direction!: string;

  @Field(() => Date, { nullable: true })
  deadline!: Date | null;
}

@Directive("@inaccessible")
@ObjectType({ description: "One metric: its readings and goal when the read was allowed, else why not." })
export class InsightMetricSource {
  @Field(() => String)
  metric!: string;

  @Field(() => String)
  unit!: string;

  @Field(() => Boolean)
  allowed!: boolean;

  @Field(() => String, { nullable: true, description: "Why the read was refused (logged as DENIED)." })
  refusal!: string | null;

  @Field(() => [InsightReading], { description: "Oldest first; empty when refused." })
  readings!: InsightReading[];

  @Field(() => InsightGoal, { nullable: true })
  goal!: InsightGoal | null;
}

@Directive("@inaccessible")
@ObjectType({
  description: "Every metric's readings of the last `days` days, as the caller may read them through ai.",
})
export class InsightSource {
  @Field(() => Date)
  generatedAt!: Date;

  @Field(() => Int)
  days!: number;

  @Field(() => [InsightMetricSource])
  metrics!: InsightMetricSource[];
}
