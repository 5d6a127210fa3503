import { checkedPeriod, daysOf, type Period } from "@health/platform/period";
import type { OpsDb } from "../../db.ts";

export interface GmvFigure {
  currency: string;
  amount: number;
  payments: number;
}

/** The figures of a day, or of a whole period. */
export interface AnalyticsFigures {
  activeUsers: number;
  ordersCreated: number;
  ordersCompleted: number;
  ordersCancelled: number;
  shopOrdersPaid: number;
  gmv: GmvFigure[];
  adClickers: number;
  adClickersWhoBought: number;
  /** adClickersWhoBought / adClickers; null when nobody clicked. */
  conversionRate: number | null;
}

export interface AnalyticsReportData {
  from: Date;
  to: Date;
  days: (AnalyticsFigures & { day: string })[];
  totals: AnalyticsFigures;
}

interface CounterRow {
  day: string;
  ordersCreated: number;
  ordersCompleted: number;
  ordersCancelled: number;
  shopOrdersPaid: number;
}
interface GmvRow {
  day: string;
  currency: string;
  amount: string;
  payments: number;
}
interface UsersRow {
  day: string | null;
  activeUsers: bigint | number;
  adClickers: bigint | number;
  adClickersWhoBought: bigint | number;
}

const empty = (): AnalyticsFigures => ({
  activeUsers: 0,
  ordersCreated: 0,
  ordersCompleted: 0,
  ordersCancelled: 0,
  shopOrdersPaid: 0,
  gmv: [],
  adClickers: 0,
  adClickersWhoBought: 0,
  conversionRate: null,
});

/**
 * The daily figures of every UTC day the period touches, and the period's totals (distinct users
 * counted once over the period, exactly: one row per day and user). Reads ops's tables only.
 */
export async function analyticsReport(db: OpsDb, period: Period): Promise<AnalyticsReportData> {
  const { from, to } = checkedPeriod(period);
  const days = daysOf({ from, to });
  const [first, last] = [days[0]!, days.at(-1)!];
  const [counters, gmv, users, totalUsers] = await Promise.all([
    db.$queryRawUnsafe<CounterRow[]>(
      `SELECT to_char("day", 'YYYY-MM-DD') AS "day", "orders_created" AS "ordersCreated", "orders_completed" AS "ordersCompleted",
         "orders_cancelled" AS "ordersCancelled", "shop_orders_paid" AS "shopOrdersPaid"
       FROM "analytics_days" WHERE "day" BETWEEN $1::date AND $2::date`,
      first,
      last,
    ),
    db.$queryRawUnsafe<GmvRow[]>(
      `SELECT to_char("day", 'YYYY-MM-DD') AS "day", "currency", "amount"::text AS "amount", "payments"
       FROM "analytics_gmv" WHERE "day" BETWEEN $1::date AND $2::date ORDER BY "currency"`,
      first,
      last,
    ),
    db.$queryRawUnsafe<UsersRow[]>(usersSql(true), first, last),
    db.$queryRawUnsafe<UsersRow[]>(usersSql(false), first, last),
  ]);
  const byDay = new Map(days.map((day) => [day, { day, ...empty() }]));
  for (const row of counters) Object.assign(byDay.get(row.day) ?? {}, countersOf(row));
  for (const row of users) if (row.day) Object.assign(byDay.get(row.day) ?? {}, usersOf(row));
  for (const row of gmv) {
    byDay
      .get(row.day)
      ?.gmv.push({ currency: row.currency, amount: Number(row.amount), payments: row.payments });
  }
  const list = [...byDay.values()];
  const totals: AnalyticsFigures = { ...empty(), ...usersOf(totalUsers[0]) };
  for (const day of list) {
    totals.ordersCreated += day.ordersCreated;
    totals.ordersCompleted += day.ordersCompleted;
    totals.ordersCancelled += day.ordersCancelled;
    totals.shopOrdersPaid += day.shopOrdersPaid;
  }
  totals.gmv = sumGmv(list.flatMap((day) => day.gmv));
  return { from, to, days: list, totals };
}

/** Distinct users per day (or over the period): active, ad clickers, and clickers who bought that day. */
const usersSql = (perDay: boolean) => `
  SELECT ${perDay ? `to_char(u."day", 'YYYY-MM-DD')` : "NULL"} AS "day",
    count(DISTINCT u."user_id") FILTER (WHERE u."role" = 'ACTIVE') AS "activeUsers",
    count(DISTINCT u."user_id") FILTER (WHERE u."role" = 'AD_CLICKER') AS "adClickers",
    count(DISTINCT u."user_id") FILTER (WHERE u."role" = 'AD_CLICKER' AND EXISTS (
      SELECT 1 FROM "analytics_day_users" b WHERE b."day" = u."day" AND b."role" = 'SHOP_BUYER' AND b."user_id" = u."user_id"
    )) AS "adClickersWhoBought"
  FROM "analytics_day_users" u WHERE u."day" BETWEEN $1::date AND $2::date
  ${perDay ? `GROUP BY u."day"` : ""}`;

const countersOf = ({ day: _day, ...counters }: CounterRow) => counters;

function usersOf(row: UsersRow | undefined) {
  const adClickers = Number(row?.adClickers ?? 0);
  const adClickersWhoBought = Number(row?.adClickersWhoBought ?? 0);
  return {
    activeUsers: Number(row?.activeUsers ?? 0),
    adClickers,
    adClickersWhoBought,
    conversionRate: adClickers === 0 ? null : adClickersWhoBought / adClickers,
  };
}

function sumGmv(figures: readonly GmvFigure[]): GmvFigure[] {
  const byCurrency = new Map<string, GmvFigure>();
  for (const figure of figures) {
    const total = byCurrency.get(figure.currency) ?? { currency: figure.currency, amount: 0, payments: 0 };
    total.amount += figure.amount;
    total.payments += figure.payments;
    byCurrency.set(figure.currency, total);
  }
  return [...byCurrency.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}
