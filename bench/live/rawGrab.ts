// (a)'s floor: the grab's own SQL (conditional UPDATE + outbox INSERT in one transaction) over raw pg
// connections to the same trade database, no GraphQL and no router.
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { type Grab, type GrabRun, grabRounds } from "./grabRounds.ts";
import { ORDERS_PER_ROUND, RAW_CONNECTIONS } from "./settings.ts";

/** A warm-up round, then the timed rounds, over every connection of `pool`. */
export async function rawGrabRounds(
  pool: pg.Pool,
  customerId: string,
  coaches: readonly string[],
): Promise<GrabRun> {
  console.error("(a) raw baseline: conditional UPDATE + outbox INSERT over 20 pg connections…");
  // Open all 20 connections before timing.
  const held = await Promise.all(Array.from({ length: RAW_CONNECTIONS }, () => pool.connect()));
  for (const client of held) client.release();
  const orders = rawOrders(pool, customerId);
  const grab = rawGrab(pool);
  await grabRounds(coaches, orders, grab, 1);
  return grabRounds(coaches, orders, grab);
}

function rawOrders(pool: pg.Pool, customerId: string) {
  return async () => {
    const ids = Array.from({ length: ORDERS_PER_ROUND }, () => randomUUID());
    await pool.query(
      `INSERT INTO service_orders (id, customer_id, status, service_type, specialty, region, price_amount,
           currency, min_coach_level, duration_minutes, description, updated_at)
         SELECT unnest($1::uuid[]), $2::uuid, 'OPEN', 'consultation', 'nutrition', 'raw-bench', 19900, 'CNY', 2,
                60, 'raw baseline order', now()`,
      [ids, customerId],
    );
    return ids;
  };
}

function rawGrab(pool: pg.Pool): Grab {
  return async (coachId, orderId) => {
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      const updated = await client.query(
        `UPDATE service_orders SET status = 'ASSIGNED', coach_id = $2::uuid, assigned_at = now(), updated_at = now()
            WHERE id = $1::uuid AND status = 'OPEN' AND (grab_deadline IS NULL OR grab_deadline > now())`,
        [orderId, coachId],
      );
      if (updated.rowCount === 1) {
        // sent_at set: the trade subgraph's outbox relay leaves these rows alone.
        await client.query(
          `INSERT INTO outbox_events (id, subject, aggregate_id, envelope, sent_at)
             VALUES ($1::uuid, 'bench.raw_assigned.v1', $2, $3::jsonb, now())`,
          [randomUUID(), orderId, JSON.stringify({ orderId, coachId, assignedAt: new Date().toISOString() })],
        );
      }
      await client.query("COMMIT");
      return updated.rowCount === 1 ? "won" : "lost";
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      return `pg: ${(error as Error).message}`;
    } finally {
      client.release();
    }
  };
}
