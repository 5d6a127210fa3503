import { Connection, toConnection } from "@health/platform/graphql";
import type { Page } from "@health/platform/pagination";
import { GraphQLSafeInt } from "graphql-scalars";
import { Field, ID, Int, ObjectType } from "type-graphql";
import type { SettlementTotals } from "../domain/settlements/report.ts";
import type { Settlement as SettlementRow } from "../generated/prisma/client.ts";

@ObjectType({
  description:
    "An order's captured payment split between the coach and the platform: coachPayout + platformFee = amount (minor units).",
})
export class Settlement {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  orderId!: string;

  @Field(() => ID)
  paymentId!: string;

  @Field(() => ID)
  coachId!: string;

  @Field(() => Int, { description: "The captured amount, minor units." })
  amount!: number;

  @Field(() => Int)
  coachPayout!: number;

  @Field(() => Int)
  platformFee!: number;

  @Field(() => Int, { description: "The fee rate applied, basis points (2000 = 20 %)." })
  feeBps!: number;

  @Field(() => String, { description: "ISO 4217." })
  currency!: string;

  @Field(() => Date)
  settledAt!: Date;
}

const toSettlement = (row: SettlementRow): Settlement => row;

// Totals may pass a 32-bit Int over many orders: SafeInt carries any integer up to 2^53 − 1, exactly.
@ObjectType({
  description: "One currency's settlements over the period; the ledger's entries add up to the same.",
})
export class SettlementTotal {
  @Field(() => String, { description: "ISO 4217." })
  currency!: string;

  @Field(() => Int)
  ordersSettled!: number;

  @Field(() => GraphQLSafeInt, { description: "What was captured, minor units." })
  grossAmount!: number;

  @Field(() => GraphQLSafeInt, { description: "What the coach(es) earned: credited to their payable." })
  coachPayout!: number;

  @Field(() => GraphQLSafeInt, { description: "What the platform kept." })
  platformFee!: number;
}

@ObjectType({
  description:
    "Settlements over a period (the seed's GET /settlements/reports): totals per currency, and the settlements behind them as a page (nodes, newest first).",
})
export class SettlementReport extends Connection(Settlement) {
  @Field(() => Date, { description: "The period's start (settledAt ≥ from)." })
  from!: Date;

  @Field(() => Date, { description: "The period's end (settledAt < to)." })
  to!: Date;

  @Field(() => ID, { nullable: true, description: "The coach reported on; null for every coach (admins)." })
  coachId!: string | null;

  @Field(() => [SettlementTotal], {
    description: "Per currency, over the whole period (not only this page).",
  })
  totals!: SettlementTotal[];
}

export const toSettlementReport = (report: {
  from: Date;
  to: Date;
  coachId: string | null;
  totals: SettlementTotals[];
  page: Page<SettlementRow>;
}): SettlementReport => ({
  from: report.from,
  to: report.to,
  coachId: report.coachId,
  totals: report.totals,
  ...toConnection(report.page, toSettlement),
});
