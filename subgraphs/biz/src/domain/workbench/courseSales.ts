import { dayOf, daysOf, type Period, within } from "@health/platform/period";
import type { BizDb, BizTx } from "../../db.ts";
import { type AmountTotal, add, sorted } from "./figures.ts";

/** One of content's course_purchased events, as the workbench keeps it (`workbench_course_sales`). */
export interface CourseSale {
  purchaseId: string;
  authorId: string;
  courseId: string;
  amount: number;
  currency: string;
  purchasedAt: Date;
}

export interface CourseSalesDay {
  /** A UTC day, YYYY-MM-DD. */
  date: string;
  sold: number;
  revenue: AmountTotal[];
}

export interface CourseSalesFigures {
  sold: number;
  /** Per currency; a free course's sale counts with amount 0. */
  revenue: AmountTotal[];
  days: CourseSalesDay[];
}

/** course_purchased → one sale of its author's (a redelivered event writes nothing more). */
export async function recordCourseSale(tx: BizTx, sale: CourseSale): Promise<void> {
  await tx.workbenchCourseSale.createMany({ data: [sale], skipDuplicates: true });
}

/** The period's sales, and one bucket per UTC day it touches (empty days zeroed). */
export function courseSalesFigures(
  period: Period,
  sales: ReadonlyArray<Pick<CourseSale, "amount" | "currency" | "purchasedAt">>,
): CourseSalesFigures {
  const days = daysOf(period).map((date) => ({ date, sold: 0, revenue: new Map<string, AmountTotal>() }));
  const byDate = new Map(days.map((day) => [day.date, day]));
  const total = new Map<string, AmountTotal>();
  for (const sale of sales) {
    const day = within(period, sale.purchasedAt) ? byDate.get(dayOf(sale.purchasedAt)) : undefined;
    if (!day) continue;
    day.sold++;
    add(day.revenue, sale.currency, sale.amount, 1);
    add(total, sale.currency, sale.amount, 1);
  }
  return {
    sold: days.reduce((sum, day) => sum + day.sold, 0),
    revenue: sorted(total.values()),
    days: days.map((day) => ({ date: day.date, sold: day.sold, revenue: sorted(day.revenue.values()) })),
  };
}

/** The author's course sales over the period, from biz's own projection of content's events. */
export async function courseSalesOf(
  db: BizDb,
  authorId: string,
  period: Period,
): Promise<CourseSalesFigures> {
  const sales = await db.workbenchCourseSale.findMany({
    where: { authorId, purchasedAt: { gte: period.from, lt: period.to } },
    select: { amount: true, currency: true, purchasedAt: true },
  });
  return courseSalesFigures(period, sales);
}
