import { Connection, toConnection } from "@health/platform/graphql";
import type { Page } from "@health/platform/pagination";
import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import type {
  ReconciliationAction as Action,
  ReconciliationCount as CountValue,
  ReconciliationItem as ItemValue,
} from "../domain/reconciliation/reconcile.ts";
import type {
  ReconciliationDiscrepancy as DiscrepancyRow,
  ReconciliationReport as ReportRow,
} from "../generated/prisma/client.ts";
import { DiscrepancyKind, DiscrepancyStatus } from "../generated/prisma/enums.ts";

registerEnumType(DiscrepancyKind, {
  name: "DiscrepancyKind",
  description: "What the daily reconciliation found wrong between trade's orders and finance's payments.",
  valuesConfig: {
    CAPTURED_WITHOUT_COMPLETED_ORDER: {
      description: "Money kept for an order that is cancelled, expired, not completed or unknown: flagged.",
    },
    COMPLETED_NOT_CAPTURED: {
      description: "A completed order whose payment was not captured: captured and settled if still held.",
    },
    COMPLETED_NOT_SETTLED: { description: "A completed order's captured payment never settled: settled." },
    AMOUNT_MISMATCH: { description: "The order's amount ≠ its payment's (or settled ≠ captured): flagged." },
    DOUBLE_CAPTURE: { description: "More than one payment captured for one order: flagged." },
    HANGING_AUTHORIZATION: {
      description: "A hold on a cancelled/expired order, or an unknown one past the age limit: voided.",
    },
  },
});

/** The status filter's enum, for the resolver (which does not import the generated client). */
export const DiscrepancyStatusFilter = DiscrepancyStatus;
export type DiscrepancyStatusFilter = DiscrepancyStatus;

registerEnumType(DiscrepancyStatus, {
  name: "DiscrepancyStatus",
  valuesConfig: {
    OPEN: { description: "Waiting for an operator." },
    RESOLVED: { description: "An operator resolved it (resolvedBy, resolvedAt, resolutionNote)." },
  },
});

export const ReconciliationAction = { REPAIRED: "REPAIRED", FLAGGED: "FLAGGED" } as const;
registerEnumType(ReconciliationAction, {
  name: "ReconciliationAction",
  valuesConfig: {
    REPAIRED: { description: "Repaired by the run with the payment's own moves (capture, settle, void)." },
    FLAGGED: { description: "Flagged for an operator (reconciliationDiscrepancies)." },
  },
});

@ObjectType({ description: "What one run found of one kind." })
export class ReconciliationCount {
  @Field(() => DiscrepancyKind)
  kind!: DiscrepancyKind;

  @Field(() => Int, { description: "New: repaired + flagged." })
  found!: number;

  @Field(() => Int)
  repaired!: number;

  @Field(() => Int)
  flagged!: number;
}

@ObjectType({ description: "One discrepancy a run found new, and what it did." })
export class ReconciliationItem {
  @Field(() => DiscrepancyKind)
  kind!: DiscrepancyKind;

  @Field(() => ReconciliationAction)
  action!: Action;

  @Field(() => ID, { nullable: true })
  orderId!: string | null;

  @Field(() => ID, { nullable: true })
  paymentId!: string | null;

  @Field(() => String)
  detail!: string;
}

@ObjectType({
  description:
    "One run of the daily reconciliation (the seed's DataReconciliation) over one UTC day: trade's orders against finance's payments and settlements.",
})
export class ReconciliationReport {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: "The day reconciled, YYYY-MM-DD (UTC)." })
  date!: string;

  @Field(() => String, { description: "SCHEDULE (the daily job) or COMMAND (npm run reconcile)." })
  trigger!: string;

  @Field(() => Date, { description: "When it ran." })
  ranAt!: Date;

  @Field(() => Int)
  ordersCompared!: number;

  @Field(() => Int)
  paymentsCompared!: number;

  @Field(() => Int, { description: "New discrepancies: repaired + flagged. 0 on a second run over a day." })
  found!: number;

  @Field(() => Int)
  repaired!: number;

  @Field(() => Int)
  flagged!: number;

  @Field(() => Int, { description: "Discrepancies flagged by an earlier run and seen again (not new)." })
  alreadyFlagged!: number;

  @Field(() => [ReconciliationCount], { description: "Per kind found." })
  counts!: ReconciliationCount[];

  @Field(() => [ReconciliationItem], { description: "What it found new, and what it did with each." })
  items!: ReconciliationItem[];
}

export const toReconciliationReport = (row: ReportRow): ReconciliationReport => ({
  id: row.id,
  date: row.date.toISOString().slice(0, 10),
  trigger: row.trigger,
  ranAt: row.createdAt,
  ordersCompared: row.ordersCompared,
  paymentsCompared: row.paymentsCompared,
  found: row.found,
  repaired: row.repaired,
  flagged: row.flagged,
  alreadyFlagged: row.alreadyFlagged,
  counts: row.counts as unknown as CountValue[],
  items: row.items as unknown as ItemValue[],
});

@ObjectType()
export class ReconciliationReportConnection extends Connection(ReconciliationReport) {}

export const toReconciliationReportConnection = (page: Page<ReportRow>): ReconciliationReportConnection =>
  toConnection(page, toReconciliationReport);

@ObjectType({
  description: "A discrepancy the reconciliation flagged for an operator, once per kind and subject.",
})
export class ReconciliationDiscrepancy {
  @Field(() => ID)
  id!: string;

  @Field(() => DiscrepancyKind)
  kind!: DiscrepancyKind;

  @Field(() => DiscrepancyStatus)
  status!: DiscrepancyStatus;

  @Field(() => ID, { nullable: true })
  orderId!: string | null;

  @Field(() => ID, { nullable: true })
  paymentId!: string | null;

  @Field(() => String)
  detail!: string;

  @Field(() => String, { description: "The day (UTC, YYYY-MM-DD) whose run flagged it." })
  reportDate!: string;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => ID, { nullable: true, description: "The operator who resolved it." })
  resolvedBy!: string | null;

  @Field(() => Date, { nullable: true })
  resolvedAt!: Date | null;

  @Field(() => String, { nullable: true, description: "What the operator did about it." })
  resolutionNote!: string | null;
}

export const toReconciliationDiscrepancy = (row: DiscrepancyRow): ReconciliationDiscrepancy => ({
  id: row.id,
  kind: row.kind,
  status: row.status,
  orderId: row.orderId,
  paymentId: row.paymentId,
  detail: row.detail,
  reportDate: row.reportDate.toISOString().slice(0, 10),
  createdAt: row.createdAt,
  resolvedBy: row.resolvedBy,
  resolvedAt: row.resolvedAt,
  resolutionNote: row.resolutionNote,
});

@ObjectType()
export class ReconciliationDiscrepancyConnection extends Connection(ReconciliationDiscrepancy) {}

export const toReconciliationDiscrepancyConnection = (
  page: Page<DiscrepancyRow>,
): ReconciliationDiscrepancyConnection => toConnection(page, toReconciliationDiscrepancy);
