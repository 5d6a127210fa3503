import { randomUUID } from "node:crypto";
import type { TradeDb, TradeTx } from "../deps.ts";
import type { GrabOutcome, ServiceOrder } from "../generated/prisma/client.ts";
import { Prisma } from "../generated/prisma/client.ts";
import type { GrabRefusal } from "./grabRules.ts";
import type { CoachRules } from "./matching.ts";
import { ACTIVE_STATUSES } from "./orderStateMachine.ts";

// The SQL of a grab, one round trip each (grab.ts says in which order they run and why).

/** `service_orders` columns under the names of the Prisma model, for raw queries that return orders. */
const ORDER_COLUMNS = Prisma.raw(`
  o.id::text AS "id", o.customer_id::text AS "customerId", o.coach_id::text AS "coachId",
  o.status::text AS "status", o.service_type AS "serviceType", o.specialty, o.region,
  o.price_amount AS "priceAmount", o.currency, o.min_coach_level AS "minCoachLevel",
  o.duration_minutes AS "durationMinutes", o.description, o.grab_deadline AS "grabDeadline",
  o.preferred_start AS "preferredStart", o.notification_id::text AS "notificationId",
  o.created_at AS "createdAt", o.updated_at AS "updatedAt", o.assigned_at AS "assignedAt",
  o.started_at AS "startedAt", o.completed_at AS "completedAt", o.cancelled_at AS "cancelledAt",
  o.expired_at AS "expiredAt"`);

const activeCount = (coachId: string) => Prisma.sql`
  (SELECT count(*)::int FROM service_orders a
    WHERE a.coach_id = ${coachId}::uuid AND a.status::text = ANY(${[...ACTIVE_STATUSES]}::text[]))`;

export interface GrabState {
  order: ServiceOrder;
  rules: CoachRules | null;
  /** The coach's ASSIGNED + IN_SERVICE orders. */
  active: number;
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
  active: number;
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
           (SELECT count(*)::int FROM service_orders a
             WHERE a.coach_id = k.coach_id AND a.status::text = ANY(${[...ACTIVE_STATUSES]}::text[])) AS active
      FROM unnest(${keys.map((k) => k.orderId)}::uuid[], ${keys.map((k) => k.coachId)}::uuid[])
           WITH ORDINALITY AS k(order_id, coach_id, key)
      JOIN service_orders o ON o.id = k.order_id
      LEFT JOIN coach_profiles p ON p.coach_id = k.coach_id`;
  const states: Array<GrabState | null> = keys.map(() => null);
  for (const { key, specialties, regions, level, capacity, active, ...order } of rows) {
    const rules =
      specialties && regions && level !== null && capacity !== null
        ? { specialties, regions, level, capacity }
        : null;
    states[key - 1] = { order, rules, active };
  }
  return states;
}

/** Locks the coach's profile row until commit, so one coach's winning grabs count capacity one at a time. */
export async function lockCoachRules(tx: TradeTx, coachId: string): Promise<CoachRules | null> {
  const rows = await tx.$queryRaw<CoachRules[]>`
    SELECT specialties, regions, level, capacity FROM coach_profiles WHERE coach_id = ${coachId}::uuid FOR UPDATE`;
  return rows[0] ?? null;
}

/**
 * The conditional assignment: exactly one concurrent UPDATE finds the order OPEN (Postgres re-checks the
 * WHERE after waiting for a concurrent winner's row lock). Run under the coach's lock, so the capacity
 * count in the same statement sees every earlier grab of that coach. The winner's `grab_requests` row
 * is written by the same statement. Returns the assigned order, or null when this attempt did not win.
 */
export async function assignIfOpen(
  tx: TradeTx,
  orderId: string,
  coachId: string,
  capacity: number,
  now: Date,
): Promise<ServiceOrder | null> {
  const rows = await tx.$queryRaw<ServiceOrder[]>`
    WITH won AS (
      UPDATE service_orders
         SET status = 'ASSIGNED', coach_id = ${coachId}::uuid, assigned_at = ${now}, updated_at = ${now}
       WHERE id = ${orderId}::uuid AND status = 'OPEN' AND (grab_deadline IS NULL OR grab_deadline > ${now})
         AND ${activeCount(coachId)} < ${capacity}
      RETURNING *
    ), recorded AS (
      INSERT INTO grab_requests (id, order_id, coach_id, outcome, reason)
      SELECT ${randomUUID()}::uuid, won.id, won.coach_id, 'WON', NULL FROM won
    )
    SELECT ${ORDER_COLUMNS} FROM won o`;
  return rows[0] ?? null;
}

/** The order's status and the coach's active orders now (a fresh statement sees every commit before it). */
export async function currentGrabState(
  tx: TradeTx,
  orderId: string,
  coachId: string,
): Promise<{ status: ServiceOrder["status"]; active: number }> {
  const rows = await tx.$queryRaw<Array<{ status: ServiceOrder["status"]; active: number }>>`
    SELECT o.status::text AS status, ${activeCount(coachId)} AS active FROM service_orders o
     WHERE o.id = ${orderId}::uuid`;
  return rows[0]!;
}

/** An attempt that did not win, as its `grab_requests` row records it. */
export interface LostAttempt extends GrabKey {
  outcome: Exclude<GrabOutcome, "WON">;
  reason: GrabRefusal;
}

/** Records attempts that did not win, in one statement. */
export async function recordAttempts(db: TradeDb, attempts: readonly LostAttempt[]): Promise<void> {
  await db.$executeRaw`
    INSERT INTO grab_requests (id, order_id, coach_id, outcome, reason)
    SELECT * FROM unnest(
      ${attempts.map(() => randomUUID())}::uuid[], ${attempts.map((a) => a.orderId)}::uuid[],
      ${attempts.map((a) => a.coachId)}::uuid[], ${attempts.map((a) => a.outcome)}::"GrabOutcome"[],
      ${attempts.map((a) => a.reason)}::text[])`;
}

/** Records an attempt that did not win, inside a grab's transaction. */
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
}
