import { type Actor, hasRole } from "@health/platform/auth";
import { badInput, forbidden } from "@health/platform/errors";
import { uuidArg } from "@health/platform/graphql";
import {
  afterCursor,
  cursorOfRow,
  NEWEST_FIRST,
  type Page,
  pageRequest,
  toPage,
} from "@health/platform/pagination";
import { checkedPeriod, dayOf, type Period } from "@health/platform/period";
import type { BizDb } from "../db.ts";
import { publishBizActivity } from "../events/bizEvents.ts";
import type { PerformanceReport as ReportRow } from "../generated/prisma/client.ts";

// A coach's (or business's) performance report (the seed's POST /biz/performance): checked whole
// before any write, stored with its biz_activity in one transaction.

export const MAX_SUMMARY = 2000;
export const MAX_METRICS = 20;
export const MAX_METRIC_NAME = 64;
export const MAX_METRIC_UNIT = 16;
export const REPORTS_PAGE = { defaultSize: 20, maxSize: 100 };

/** One figure of a report, e.g. { name: "sessions held", value: 42 } or { name: "retention", value: 0.8, unit: "ratio" }. */
export interface PerformanceMetric {
  name: string;
  value: number;
  unit: string | null;
}

export interface PerformanceReportInput extends Period {
  summary: string;
  metrics: ReadonlyArray<{ name: string; value: number; unit?: string | null }>;
}

/** `input` checked: a period of at most 366 days, a summary of 1–2000 characters, 0–20 named metrics. */
export function checkedReport(input: PerformanceReportInput): PerformanceReportInput & {
  metrics: PerformanceMetric[];
} {
  const period = checkedPeriod({ from: input.from, to: input.to }, "input.");
  const summary = input.summary.trim();
  if (summary.length === 0 || summary.length > MAX_SUMMARY) {
    throw badInput("input.summary", `The summary must be 1–${MAX_SUMMARY} characters.`);
  }
  if (input.metrics.length > MAX_METRICS) {
    throw badInput("input.metrics", `A report has at most ${MAX_METRICS} metrics.`);
  }
  const seen = new Set<string>();
  const metrics = input.metrics.map((metric, i) => {
    const name = metric.name.trim();
    if (name.length === 0 || name.length > MAX_METRIC_NAME) {
      throw badInput(`input.metrics.${i}.name`, `A metric's name must be 1–${MAX_METRIC_NAME} characters.`);
    }
    if (seen.has(name.toLowerCase())) {
      throw badInput(`input.metrics.${i}.name`, `The metric "${name}" is listed twice; give each once.`);
    }
    seen.add(name.toLowerCase());
    if (!Number.isFinite(metric.value)) {
      throw badInput(`input.metrics.${i}.value`, "A metric's value must be a finite number.");
    }
    const unit = metric.unit?.trim() || null;
    if (unit && unit.length > MAX_METRIC_UNIT) {
      throw badInput(
        `input.metrics.${i}.unit`,
        `A metric's unit must be at most ${MAX_METRIC_UNIT} characters.`,
      );
    }
    return { name, value: metric.value, unit };
  });
  return { ...period, summary, metrics };
}

/** Stores the report of `businessId` and writes its biz_activity to the outbox, in one transaction. */
export async function submitPerformanceReport(
  db: BizDb,
  businessId: string,
  input: PerformanceReportInput,
  now = new Date(),
): Promise<ReportRow> {
  const report = checkedReport(input);
  return db.$transaction(async (tx) => {
    const row = await tx.performanceReport.create({
      data: {
        businessId,
        periodFrom: report.from,
        periodTo: report.to,
        summary: report.summary,
        metrics: report.metrics.map((metric) => ({ ...metric })),
        createdAt: now,
      },
    });
    // The feed shows the fact, not the report's text (which only its author and admins read).
    const lastDay = dayOf(new Date(report.to.getTime() - 1));
    await publishBizActivity(
      tx,
      {
        businessId,
        kind: "performance_report",
        summary: `submitted a performance report for ${dayOf(report.from)} – ${lastDay}`,
      },
      now,
    );
    return row;
  });
}

/**
 * Whose reports `actor` may list: their own (coachId omitted or their own id); an admin's any
 * coach's, or everyone's (null) when coachId is omitted. Another's is FORBIDDEN.
 */
export function reportsOwnerFor(actor: Actor, coachId: string | null | undefined): string | null {
  const admin = hasRole(actor, "admin");
  if (!coachId) return admin ? null : actor.userId;
  const coach = uuidArg(coachId, "coachId", "a coach's user id");
  if (coach !== actor.userId && !admin) {
    throw forbidden("A coach sees only their own performance reports; an admin sees any coach's.");
  }
  return coach;
}

/** A page of reports, newest first: of `businessId`, or everyone's when null. */
export async function performanceReportsOf(
  db: BizDb,
  businessId: string | null,
  args: { first?: number | null; after?: string | null },
): Promise<Page<ReportRow>> {
  const { size, cursor } = pageRequest(args, REPORTS_PAGE);
  const rows = await db.performanceReport.findMany({
    where: { ...(businessId && { businessId }), ...afterCursor(cursor) },
    orderBy: NEWEST_FIRST,
    take: size + 1,
  });
  return toPage(rows, size, cursorOfRow);
}

/** The stored metrics as written by `submitPerformanceReport`. */
export const metricsOf = (row: ReportRow): PerformanceMetric[] =>
  row.metrics as unknown as PerformanceMetric[];
