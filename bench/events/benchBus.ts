import { randomBytes, randomUUID } from "node:crypto";
import { healthActionRecordedV1 } from "@health/events/catalog";
import {
  deadLetterStreamName,
  ensureEventStreams,
  eventsStreamName,
  type HandlerRegistration,
  on,
  publishEvent,
  type SqlExecutor,
  type TransactionalDb,
} from "@health/platform/events";
import type { NatsConnection } from "nats";

/** The consumer's own table: the handler's insert is part of what every measurement includes. */
export const BENCH_TABLES_SQL = `
CREATE TABLE activities (action_id UUID PRIMARY KEY, user_id UUID NOT NULL, seq INT NOT NULL);
CREATE TABLE bare_outbox (
  id UUID PRIMARY KEY,
  subject TEXT NOT NULL,
  body JSONB NOT NULL,
  created_at TIMESTAMPTZ(3) NOT NULL DEFAULT clock_timestamp(),
  sent_at TIMESTAMPTZ(3)
);
CREATE INDEX ON bare_outbox (sent_at, created_at);`;

export const USERS = Array.from({ length: 200 }, () => randomUUID());

export const payloadFor = (i: number) => ({
  actionId: randomUUID(),
  userId: USERS[i % USERS.length]!,
  type: "WORKOUT" as const,
  durationMinutes: i,
  occurredAt: new Date().toISOString(),
});

export const recordAction = (tx: SqlExecutor, i: number) => {
  const payload = payloadFor(i);
  return publishEvent(tx, healthActionRecordedV1, payload, { aggregateId: payload.userId });
};

export const activityHandler: HandlerRegistration = on(healthActionRecordedV1, async (tx, envelope) => {
  await tx.$executeRawUnsafe(
    "INSERT INTO activities (action_id, user_id, seq) VALUES ($1::uuid, $2::uuid, $3)",
    envelope.payload.actionId,
    envelope.payload.userId,
    envelope.payload.durationMinutes ?? 0,
  );
});

/** `count` events in transactions of `perTransaction`, `writers` transactions at a time. */
export async function fillOutbox(db: TransactionalDb, count: number, perTransaction = 500, writers = 4) {
  let next = 0;
  const writer = async () => {
    while (next < count) {
      const start = next;
      const end = Math.min(count, start + perTransaction);
      next = end;
      await db.$transaction(async (tx) => {
        for (let i = start; i < end; i++) await recordAction(tx, i);
      });
    }
  };
  await Promise.all(Array.from({ length: writers }, writer));
}

/** Fresh streams per phase, so a new durable consumer does not replay an earlier phase's events. */
export function benchBuses(nats: NatsConnection) {
  const prefixes: string[] = [];
  return {
    async create(): Promise<string> {
      const prefix = `bench_${randomBytes(3).toString("hex")}`;
      prefixes.push(prefix);
      await ensureEventStreams(nats, { prefix });
      return prefix;
    },
    async deleteAll(): Promise<void> {
      const jsm = await nats.jetstreamManager();
      for (const prefix of prefixes) {
        await jsm.streams.delete(eventsStreamName({ prefix })).catch(() => undefined);
        await jsm.streams.delete(deadLetterStreamName({ prefix })).catch(() => undefined);
      }
    },
  };
}

export async function waitFor(
  check: () => Promise<boolean>,
  what: string,
  timeoutMs = 120_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`bench timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
