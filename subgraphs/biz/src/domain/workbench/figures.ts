import { dayOf, daysOf, type Period, within } from "@health/platform/period";

// The workbench's figures from its projections, as plain functions over rows (tested without a
// database). An order counts on the day of each transition the coach saw: assigned, completed
// (with its price as revenue) or cancelled, and settled (with the coach's payout); a completed order is
// never also counted as cancelled.

/** What the figures need of a projected order (`workbench_orders`). */
export interface OrderFacts {
  assignedAt: Date | null;
  completedAt: Date | null;
  cancelledAt: Date | null;
  priceAmount: number | null;
  currency: string | null;
  settledAt: Date | null;
  payoutAmount: number | null;
  payoutCurrency: string | null;
}

/** What the figures need of a projected gift (`workbench_gifts`). */
export interface GiftFacts {
  sentAt: Date;
  quantity: number;
  amount: number;
  currency: string;
}

/** One currency's sum (minor units, or points for POINTS) and how many things made it. */
export interface AmountTotal {
  currency: string;
  amount: number;
  count: number;
}

/** Order transitions in a period (or a day). */
export interface OrderCounts {
  assigned: number;
  completed: number;
  cancelled: number;
}

export interface WorkbenchDayFigures {
  /** A UTC day, YYYY-MM-DD. */
  date: string;
  orders: OrderCounts;
  revenue: AmountTotal[];
  payouts: AmountTotal[];
  giftsReceived: AmountTotal[];
}

export interface WorkbenchFigures {
  orders: OrderCounts;
  revenue: AmountTotal[];
  payouts: AmountTotal[];
  giftsReceived: AmountTotal[];
  days: WorkbenchDayFigures[];
}

class Day {
  readonly orders: OrderCounts = { assigned: 0, completed: 0, cancelled: 0 };
  readonly revenue = new Map<string, AmountTotal>();
  readonly payouts = new Map<string, AmountTotal>();
  readonly gifts = new Map<string, AmountTotal>();
  constructor(readonly date: string) {}
}

/** Adds `amount` (made by `count`) to `currency`'s total in `totals`. */
export const add = (totals: Map<string, AmountTotal>, currency: string, amount: number, count: number) => {
  const total = totals.get(currency) ?? { currency, amount: 0, count: 0 };
  totals.set(currency, { currency, amount: total.amount + amount, count: total.count + count });
};

/** Totals in currency order, as the workbench shows them. */
export const sorted = (totals: Iterable<AmountTotal>): AmountTotal[] =>
  [...totals].sort((a, b) => a.currency.localeCompare(b.currency));

function sumOf(days: Day[], pick: (day: Day) => Map<string, AmountTotal>): AmountTotal[] {
  const totals = new Map<string, AmountTotal>();
  for (const day of days) for (const t of pick(day).values()) add(totals, t.currency, t.amount, t.count);
  return sorted(totals.values());
}

/** The period's figures and one bucket per UTC day it touches (empty days included, zeroed). */
export function workbenchFigures(
  period: Period,
  orders: readonly OrderFacts[],
  gifts: readonly GiftFacts[],
): WorkbenchFigures {
  const days = daysOf(period).map((date) => new Day(date));
  const byDate = new Map(days.map((day) => [day.date, day]));
  // Every instant in the period falls on one of its days, so a day is found for each fact counted.
  const dayAt = (at: Date | null): Day | undefined =>
    within(period, at) ? byDate.get(dayOf(at)) : undefined;

  for (const order of orders) {
    const assigned = dayAt(order.assignedAt);
    if (assigned) assigned.orders.assigned++;
    const completed = dayAt(order.completedAt);
    if (completed) {
      completed.orders.completed++;
      if (order.priceAmount != null && order.currency) {
        add(completed.revenue, order.currency, order.priceAmount, 1);
      }
    }
    const cancelled = order.completedAt ? undefined : dayAt(order.cancelledAt);
    if (cancelled) cancelled.orders.cancelled++;
    const settled = dayAt(order.settledAt);
    if (settled && order.payoutAmount != null && order.payoutCurrency) {
      add(settled.payouts, order.payoutCurrency, order.payoutAmount, 1);
    }
  }
  for (const gift of gifts) {
    const day = dayAt(gift.sentAt);
    if (day) add(day.gifts, gift.currency, gift.amount, gift.quantity);
  }

  const orderTotals = { assigned: 0, completed: 0, cancelled: 0 };
  for (const day of days) {
    orderTotals.assigned += day.orders.assigned;
    orderTotals.completed += day.orders.completed;
    orderTotals.cancelled += day.orders.cancelled;
  }
  return {
    orders: orderTotals,
    revenue: sumOf(days, (day) => day.revenue),
    payouts: sumOf(days, (day) => day.payouts),
    giftsReceived: sumOf(days, (day) => day.gifts),
    days: days.map((day) => ({
      date: day.date,
      orders: day.orders,
      revenue: sorted(day.revenue.values()),
      payouts: sorted(day.payouts.values()),
      giftsReceived: sorted(day.gifts.values()),
    })),
  };
}
