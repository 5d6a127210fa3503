import { Field, Float, InputType } from "type-graphql";

@InputType({ description: "One figure of a report." })
export class PerformanceMetricInput {
  @Field(() => String, { description: "1–64 characters, each name once per report." })
  name!: string;

  @Field(() => Float, { description: "A finite number." })
  value!: number;

  @Field(() => String, { nullable: true, description: "At most 16 characters (sessions, %, kg...)." })
  unit?: string | null;
}

@InputType({ description: "A performance report for a period (the seed's POST /biz/performance)." })
export class SubmitPerformanceReportInput {
  @Field(() => Date)
  from!: Date;

  @Field(() => Date, { description: "Exclusive; at most 366 days after from." })
  to!: Date;

  @Field(() => String, { description: "1–2000 characters." })
  summary!: string;

  @Field(() => [PerformanceMetricInput], { defaultValue: [], description: "At most 20." })
  metrics!: PerformanceMetricInput[];
}
