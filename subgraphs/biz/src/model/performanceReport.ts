import { Connection, toConnection } from "@health/platform/graphql";
import type { Page } from "@health/platform/pagination";
import { Field, Float, ID, ObjectType } from "type-graphql";
import { metricsOf } from "../domain/performanceReports.ts";
import type { PerformanceReport as ReportRow } from "../generated/prisma/client.ts";

@ObjectType({ description: "One figure of a performance report." })
export class PerformanceMetric {
  @Field(() => String)
  name!: string;

  @Field(() => Float)
  value!: number;

  @Field(() => String, {
    nullable: true,
    description: "What the value counts (sessions, %, kg...), if said.",
  })
  unit!: string | null;
}

@ObjectType({
  description: "A coach's performance report for a period (the seed's POST /biz/performance).",
})
export class PerformanceReport {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { description: "The coach (or business account) who submitted it." })
  coachId!: string;

  @Field(() => Date)
  from!: Date;

  @Field(() => Date, { description: "Exclusive." })
  to!: Date;

  @Field(() => String)
  summary!: string;

  @Field(() => [PerformanceMetric])
  metrics!: PerformanceMetric[];

  @Field(() => Date)
  submittedAt!: Date;
}

@ObjectType({ description: "Performance reports, newest first." })
export class PerformanceReportConnection extends Connection(PerformanceReport) {}

export const toPerformanceReport = (row: ReportRow): PerformanceReport => ({
  id: row.id,
  coachId: row.businessId,
  from: row.periodFrom,
  to: row.periodTo,
  summary: row.summary,
  metrics: metricsOf(row),
  submittedAt: row.createdAt,
});

export const toPerformanceReportConnection = (page: Page<ReportRow>) =>
  toConnection(page, toPerformanceReport);
