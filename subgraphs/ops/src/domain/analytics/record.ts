import type { EventDefinition } from "@health/events/define";
import type { EventEnvelope } from "@health/events/envelope";
import type { SqlExecutor } from "@health/platform/events";
import { dayOf } from "@health/platform/period";

/** The roles a user is counted in per day (`analytics_day_users.role`). */
export type DayUserRole = "ACTIVE" | "AD_CLICKER" | "SHOP_BUYER";

type DayCounter = "orders_created" | "orders_completed" | "orders_cancelled" | "shop_orders_paid";

/** What one event adds to the daily figures: decided from the event alone (pure). */
export interface AnalyticsEffect {
  day: string;
  users: { role: DayUserRole; userId: string }[];
  counter: DayCounter | null;
  gmv: { currency: string; amount: number } | null;
}

/**
 * The daily figures an event moves. Its day is the UTC day it occurred (`occurredAt`). Its actor, when
 * it has one, is active that day: the platform publishes no read events, so "active" means "caused an
 * event" (wrote something, paid, followed, liked...). Service orders: order_created, service_completed,
 * order_cancelled. GMV: payment_success, per currency (captured; the catalog has no refund event, so it
 * is gross). The view → order conversion: a signed-in viewer's ad click (the only view the catalog
 * carries) and a paid shop order by the same user the same day.
 */
export function analyticsEffectOf(event: EventDefinition, envelope: EventEnvelope): AnalyticsEffect {
  const effect: AnalyticsEffect = {
    day: dayOf(new Date(envelope.occurredAt)),
    users: [],
    counter: null,
    gmv: null,
  };
  if (envelope.actorId) effect.users.push({ role: "ACTIVE", userId: envelope.actorId });
  const payload = envelope.payload as Record<string, unknown>;
  switch (event.subject) {
    case "trade.order_created.v1":
      effect.counter = "orders_created";
      break;
    case "trade.service_completed.v1":
      effect.counter = "orders_completed";
      break;
    case "trade.order_cancelled.v1":
      effect.counter = "orders_cancelled";
      break;
    case "finance.payment_success.v1":
      effect.gmv = { currency: String(payload.currency), amount: Number(payload.amount) };
      break;
    case "ec.product_purchased.v1":
      effect.counter = "shop_orders_paid";
      effect.users.push({ role: "SHOP_BUYER", userId: String(payload.buyerId) });
      break;
    case "ec.ad_clicked.v1":
      if (typeof payload.viewerId === "string")
        effect.users.push({ role: "AD_CLICKER", userId: payload.viewerId });
      break;
  }
  return effect;
}

/** Adds an event's effect to ops's daily tables, in the consumer's transaction (the inbox dedupes). */
export async function recordAnalytics(tx: SqlExecutor, effect: AnalyticsEffect): Promise<void> {
  for (const { role, userId } of effect.users) {
    await tx.$executeRawUnsafe(
      `INSERT INTO "analytics_day_users" ("day", "role", "user_id") VALUES ($1::date, $2, $3) ON CONFLICT DO NOTHING`,
      effect.day,
      role,
      userId,
    );
  }
  if (effect.counter) {
    // The column name comes from the closed DayCounter union, never from input.
    await tx.$executeRawUnsafe(
      `INSERT INTO "analytics_days" ("day", "${effect.counter}") VALUES ($1::date, 1)
       ON CONFLICT ("day") DO UPDATE SET "${effect.counter}" = "analytics_days"."${effect.counter}" + 1`,
      effect.day,
    );
  }
  if (effect.gmv) {
    await tx.$executeRawUnsafe(
      `INSERT INTO "analytics_gmv" ("day", "currency", "amount", "payments") VALUES ($1::date, $2, $3::bigint, 1)
       ON CONFLICT ("day", "currency") DO UPDATE SET "amount" = "analytics_gmv"."amount" + EXCLUDED."amount",
         "payments" = "analytics_gmv"."payments" + 1`,
      effect.day,
      effect.gmv.currency,
      effect.gmv.amount,
    );
  }
}
