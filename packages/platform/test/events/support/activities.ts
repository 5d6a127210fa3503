import { randomUUID } from "node:crypto";
import { healthActionRecordedV1 } from "@health/events/catalog";
import type { z } from "zod";
import { publishEvent } from "../../../src/events/publishEvent.ts";
import type { SqlExecutor, TransactionalDb } from "../../../src/events/sql.ts";

/** The tables a test consumer writes: `activities` has a unique key on the event's payload id. */
export const ACTIVITIES_SQL = `
CREATE TABLE activities (
  action_id UUID PRIMARY KEY,
  user_id UUID NOT NULL,
  seq INT NOT NULL,
  received BIGSERIAL NOT NULL
);
CREATE TABLE effects (event_id UUID NOT NULL);`;

/** A health_action_recorded payload; `seq` rides in durationMinutes so order can be checked. */
export const actionPayload = (userId: string, seq = 0, actionId: string = randomUUID()) => ({
  actionId,
  userId,
  type: "WORKOUT" as const,
  durationMinutes: seq,
  occurredAt: new Date().toISOString(),
});

export const insertActivity = (tx: SqlExecutor, payload: z.infer<typeof healthActionRecordedV1.payload>) =>
  tx.$executeRawUnsafe(
    "INSERT INTO activities (action_id, user_id, seq) VALUES ($1::uuid, $2::uuid, $3)",
    payload.actionId,
    payload.userId,
    payload.durationMinutes ?? 0,
  );

/** Records one event per payload, each in its own business transaction. */
export async function recordActions(db: TransactionalDb, payloads: ReturnType<typeof actionPayload>[]) {
  for (const payload of payloads) {
    await db.$transaction((tx) =>
      publishEvent(tx, healthActionRecordedV1, payload, { aggregateId: payload.userId }),
    );
  }
}

export async function count(db: SqlExecutor, table: string): Promise<number> {
  const [row] = await db.$queryRawUnsafe<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM ${table}`);
  return row?.n ?? 0;
}
