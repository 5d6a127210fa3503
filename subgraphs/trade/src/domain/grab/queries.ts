import { randomUUID } from "node:crypto";
import { grabAttemptedV1 } from "@health/events/catalog";
import { hintOutboxWrite, type PreparedEvent, prepareEvent, publishEvent } from "@health/platform/events";
import type { TradeDb, TradeTx } from "../../db.ts";
import type { GrabOutcome, ServiceOrder } from "../../generated/prisma/client.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import type { CoachRules } from "../matching/rules.ts";
import { ACTIVE_STATUSES } from "../orders/stateMachine.ts";
import type { GrabRefusal } from "./rules.ts";

// The SQL of a grab, one round trip each (grab.ts says in which order they run and why).

/** `service_orders` columns under the names of the Prisma model, for raw queries that return orders. */
const ORDER_COLUMNS = Prisma.raw(`
  o.id::text AS "id", o.customer_id::text AS "customerId", o.coach_id::text AS "coachId",
  o.status::text AS "status", o.service_type AS "serviceType", o.specialty, o.region,
  o.price_amount AS "priceAmount", o.currency, o.min_coach_level AS "minCoachLevel",
  o.duration_minutes AS "durationMinutes", o.description, o.grab_deadline AS "grabDeadline",
  o.preferred_start AS "preferredStart", o.notification_id::text AS "notificationId",
  o.created_at AS "createdAt", o.updated_at AS "updatedAt", o.assigned_at AS "assignedAt",
  o.started_at AS "startedAt", o.completed_by_coach_at AS "completedByCoachAt",
  o.confirmation_deadline AS "confirmationDeadline", o.disputed_at AS "disputedAt",
  o.dispute_reason AS "disputeReason", o.completed_at AS "completedAt", o.cancelled_at AS "cancelledAt",
  o.expired_at AS "expiredAt"`);

export interface GrabState {
  order: ServiceOrder;
  rules: CoachRules | null;
  /** The profile's `updated_at`: `settleGrab` goes ahead only while the profile is still this version. */
  profileVersion: Date | null;
  /** The coach's ASSIGNED + IN_SERVICE orders. */
  active: number;
  /** ops holds the coach's account (account_holds, fed by account_held / account_released). */
  held: boolean;
}

/** One grab attempt's order and coach. */
export interface GrabKey {
  orderId: string;
  coachId: string;
}

type GrabStateRow = ServiceOrder & {
  key: number;
  specialties: string[] | null;
  regions: string[] | null;
  level: number | null;
  capacity: number | null;
  profileVersion: Date | null;
  active: number;
  held: boolean;
};

/**
 * For each (order, coach): the order, the coach's rules and the coach's active orders, all in one
 * statement and without locks. null where the order does not exist.
 */
export async function readGrabStates(
  db: TradeDb,
  keys: readonly GrabKey[],
): Promise<Array<GrabState | null>> {
  const rows = await db.$queryRaw<GrabStateRow[]>`
    SELECT k.key::int AS key, ${ORDER_COLUMNS}, p.specialties, p.regions, p.level, p.capacity,
           p.updated_at AS "profileVersion",
           (SELECT count(*)::int FROM service_orders a
             WHERE a.coach_id = k.coach_id AND a.status::text = ANY(${[...ACTIVE_STATUSES]}::text[])) AS active,
           EXISTS (SELECT 1 FROM account_holds h
             WHERE h.user_id = k.coach_id AND h.released_at IS NULL) AS held
      FROM unnest(${keys.map((k) => k.orderId)}::uuid[], ${keys.map((k) => k.coachId)}::uuid[])
           WITH ORDINALITY AS k(order_id, coach_id, key)
      JOIN service_orders o ON o.id = k.order_id
      LEFT JOIN coach_profiles p ON p.coach_id = k.coach_id`;
  const states: Array<GrabState | null> = keys.map(() => null);
  for (const { key, specialties, regions, level, capacity, profileVersion, active, held, ...order } of rows) {
    const rules =
      specialties && regions && level !== null && capacity !== null
        ? { specialties, regions, level, capacity }
        : null;
    states[key - 1] = { order, rules, profileVersion, active, held };
  }
  return states;
}

/** What `trade_settle_grab` did (prisma/trade/migrations/…_settle_grab says how). */
export type Settlement =
  | { outcome: "PROFILE_CHANGED" }
  | { outcome: "WON"; active: number }
  | { outcome: "NOT_WON"; status: ServiceOrder["status"]; active: number };

/**
 * The locked half of a grab, in one statement: under the coach's lock, assigns the order if it is
 * still OPEN, before its deadline and the coach under capacity, and then writes the WON
 * `grab_requests` row and `assigned` (the prepared order_assigned event) to the outbox in the same
 * transaction. Nothing is written unless the coach wins.
 */
export async function settleGrab(
  db: TradeDb,
  grab: { orderId: string; coachId: string; profileVersion: Date; now: Date; assigned: PreparedEvent },
): Promise<Settlement> {
  const { envelope, subject } = grab.assigned;
  const attempt = grabAttempted({ orderId: grab.orderId, coachId: grab.coachId, outcome: "WON" }, grab.now);
  const rows = await db.$queryRaw<Array<{ outcome: string; status: string | null; active: number | null }>>`
    SELECT outcome, status, active FROM trade_settle_grab(
      ${grab.orderId}::uuid, ${grab.coachId}::uuid, ${grab.profileVersion}::timestamptz, ${grab.now}::timestamptz,
      ${randomUUID()}::uuid, ${envelope.id}::uuid, ${subject}, ${JSON.stringify(envelope)}::jsonb,
      ${[...ACTIVE_STATUSES]}::text[],
      ${attempt.envelope.id}::uuid, ${attempt.subject}, ${JSON.stringify(attempt.envelope)}::jsonb)`;
  const row = rows[0];
  switch (row?.outcome) {
    case "PROFILE_CHANGED":
      return { outcome: "PROFILE_CHANGED" };
    case "WON":
      hintOutboxWrite(); // the statement wrote order_assigned and grab_attempted to the outbox, and has committed
      return { outcome: "WON", active: row.active! };
    case "NOT_WON":
      return { outcome: "NOT_WON", status: row.status as ServiceOrder["status"], active: row.active! };
    default:
      throw new Error(`trade_settle_grab returned ${JSON.stringify(row)}`);
  }
}

/** An attempt that did not win, as its `grab_requests` row records it. */
export interface LostAttempt extends GrabKey {
  outcome: Exclude<GrabOutcome, "WON">;
  reason: GrabRefusal;
}

/**
 * The grab_attempted event of one attempt (ops's velocity rule counts attempts, whatever came of them),
 * keyed by the coach so one coach's attempts stay in order.
 */
export const grabAttempted = (attempt: GrabKey & { outcome: GrabOutcome }, now: Date): PreparedEvent =>
  prepareEvent(
    grabAttemptedV1,
    { ...attempt, attemptedAt: now.toISOString() },
    { aggregateId: attempt.coachId, actorId: attempt.coachId, occurredAt: now },
  );

/**
 * Records attempts that did not win, with their grab_attempted events, in one statement (one
 * transaction: the row and its event commit together, exactly once).
 */
export async function recordAttempts(db: TradeDb, attempts: readonly LostAttempt[]): Promise<void> {
  const now = new Date();
  const events = attempts.map((a) => grabAttempted(a, now));
  await db.$executeRaw`
    WITH requests AS (
      INSERT INTO grab_requests (id, order_id, coach_id, outcome, reason)
      SELECT * FROM unnest(
        ${attempts.map(() => randomUUID())}::uuid[], ${attempts.map((a) => a.orderId)}::uuid[],
        ${attempts.map((a) => a.coachId)}::uuid[], ${attempts.map((a) => a.outcome)}::"GrabOutcome"[],
        ${attempts.map((a) => a.reason)}::text[]))
    INSERT INTO outbox_events (id, subject, aggregate_id, envelope, created_at)
    SELECT e.id, e.subject, e.aggregate_id, e.envelope, clock_timestamp()
      FROM unnest(${events.map((e) => e.envelope.id)}::uuid[], ${events.map((e) => e.subject)}::text[],
                  ${events.map((e) => e.envelope.aggregateId)}::text[],
                  ${events.map((e) => JSON.stringify(e.envelope))}::jsonb[])
           AS e(id, subject, aggregate_id, envelope)`;
  hintOutboxWrite();
}

/** Records an attempt that did not win, with its grab_attempted event, inside a grab's transaction. */
export async function recordAttempt(
  db: TradeTx,
  orderId: string,
  coachId: string,
  outcome: Exclude<GrabOutcome, "WON">,
  reason: GrabRefusal,
): Promise<void> {
  await db.$executeRaw`
    INSERT INTO grab_requests (id, order_id, coach_id, outcome, reason)
    VALUES (${randomUUID()}::uuid, ${orderId}::uuid, ${coachId}::uuid, ${outcome}::"GrabOutcome", ${reason})`;
  const now = new Date();
  await publishEvent(
    db,
    grabAttemptedV1,
    { orderId, coachId, outcome, attemptedAt: now.toISOString() },
    { aggregateId: coachId, actorId: coachId, occurredAt: now },
  );
}
