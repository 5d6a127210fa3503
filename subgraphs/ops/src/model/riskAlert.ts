import { Connection, toConnection } from "@health/platform/graphql";
import type { Page } from "@health/platform/pagination";
import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { RiskRule } from "../domain/risk/rules.ts";
import type { RiskAlert as RiskAlertRow } from "../generated/prisma/client.ts";
import { RiskAlertStatus, RiskSeverity } from "../generated/prisma/enums.ts";

export { RiskAlertStatus, RiskSeverity };

registerEnumType(RiskSeverity, { name: "RiskSeverity", description: "How urgent a risk alert is." });
registerEnumType(RiskAlertStatus, {
  name: "RiskAlertStatus",
  description: "OPEN → ACKNOWLEDGED (an operator took it) → RESOLVED (with a note); RESOLVED is final.",
});
registerEnumType(RiskRule, { name: "RiskRule", description: "The risk rule that raised an alert (M18)." });

@ObjectType({
  description: "A risk rule's firing for one subject; later matches raise its count, not new alerts.",
})
export class RiskAlert {
  @Field(() => ID)
  id!: string;

  @Field(() => RiskRule)
  rule!: RiskRule;

  @Field(() => RiskSeverity)
  severity!: RiskSeverity;

  @Field(() => RiskAlertStatus)
  status!: RiskAlertStatus;

  @Field(() => String, {
    description: "Whom the rule counted: a user id, or identifier:<hash> for sign-ins.",
  })
  subjectKey!: string;

  @Field(() => ID, { nullable: true, description: "The account, when the subject is one." })
  userId!: string | null;

  @Field(() => String)
  summary!: string;

  @Field(() => Int, { description: "Matching events since the alert was raised, the first included." })
  count!: number;

  @Field(() => ID, {
    nullable: true,
    description: "The hold the alert placed on the account, if its rule holds.",
  })
  holdId!: string | null;

  @Field(() => Date)
  firstSeenAt!: Date;

  @Field(() => Date)
  lastSeenAt!: Date;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => ID, { nullable: true })
  acknowledgedBy!: string | null;

  @Field(() => Date, { nullable: true })
  acknowledgedAt!: Date | null;

  @Field(() => ID, { nullable: true })
  resolvedBy!: string | null;

  @Field(() => Date, { nullable: true })
  resolvedAt!: Date | null;

  @Field(() => String, { nullable: true, description: "The operator's note on what was found and done." })
  resolution!: string | null;
}

@ObjectType()
export class RiskAlertConnection extends Connection(RiskAlert) {}

export const toRiskAlert = (row: RiskAlertRow): RiskAlert => ({
  id: row.id,
  rule: row.rule as RiskRule,
  severity: row.severity,
  status: row.status,
  subjectKey: row.subjectKey,
  userId: row.userId,
  summary: row.summary,
  count: row.count,
  holdId: row.holdId,
  firstSeenAt: row.firstSeenAt,
  lastSeenAt: row.lastSeenAt,
  createdAt: row.createdAt,
  acknowledgedBy: row.acknowledgedBy,
  acknowledgedAt: row.acknowledgedAt,
  resolvedBy: row.resolvedBy,
  resolvedAt: row.resolvedAt,
  resolution: row.resolution,
});

export const toRiskAlertConnection = (page: Page<RiskAlertRow>): RiskAlertConnection =>
  toConnection(page, toRiskAlert);
