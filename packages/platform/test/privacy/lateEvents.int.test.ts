import { randomUUID } from "node:crypto";
import { userFollowedV1 } from "@health/events/catalog";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { on } from "../../src/events/handlers.ts";
import { prepareEvent } from "../../src/events/publishEvent.ts";
import type { SqlExecutor } from "../../src/events/sql.ts";
import { ERASED_USERS_TABLE_SQL, rememberErasure } from "../../src/privacy/erasedUsers.ts";
import { ErasedPersonEventError, skippingErased } from "../../src/privacy/lateEvents.ts";
import { createEventsTestDatabase, type EventsTestDatabase } from "../../src/testing/eventsTestDatabase.ts";
import { eventually } from "../../src/testing/eventually.ts";

// The late-event rule against a real Postgres: a handler wrapped in skippingErased makes nothing for an
// event naming an erased person (or, for a named event, makes it under their tombstone), and an erasure
// waits for a handler in flight that names them.

let t: EventsTestDatabase;
beforeAll(async () => {
  t = await createEventsTestDatabase({
    prefix: "late_events_t",
    extraSql: `${ERASED_USERS_TABLE_SQL}
      ALTER TABLE "erased_users" ADD COLUMN "tombstone_id" UUID;
      CREATE TABLE "follows" ("follower_id" UUID NOT NULL, "followee_id" UUID NOT NULL);`,
  });
});
afterAll(() => t?.close());

const follow = (followerId: string, followeeId: string) =>
  prepareEvent(
    userFollowedV1,
    { followerId, followeeId, at: new Date().toISOString() },
    {
      aggregateId: followeeId,
    },
  ).envelope;
const noEffects = { afterCommit: () => undefined };
const record = on(userFollowedV1, async (tx, { payload }) => {
  await tx.$executeRawUnsafe(
    `INSERT INTO "follows" VALUES ($1::uuid, $2::uuid)`,
    payload.followerId,
    payload.followeeId,
  );
});
const follows = async (id: string) => {
  const [row] = await t.pool
    .query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "follows" WHERE $1::uuid IN ("follower_id", "followee_id")`,
      [id],
    )
    .then((result) => result.rows);
  return row?.n ?? 0;
};
const erase = (id: string) => t.db.$transaction((tx: SqlExecutor) => rememberErasure(tx, id));

describe("skippingErased", () => {
  it("runs the handler for living people and makes nothing for an event naming an erased one", async () => {
    const [erased, living, other] = [randomUUID(), randomUUID(), randomUUID()];
    await erase(erased);
    const [handler] = skippingErased([record]);
    await t.db.$transaction((tx: SqlExecutor) => handler!.handle(tx, follow(living, other), noEffects));
    await t.db.$transaction((tx: SqlExecutor) => handler!.handle(tx, follow(erased, other), noEffects));
    await t.db.$transaction((tx: SqlExecutor) => handler!.handle(tx, follow(living, erased), noEffects));
    expect(await follows(living)).toBe(1);
    expect(await follows(erased)).toBe(0);
  });

  it("runs a tombstoned event's handler under the erasure's tombstone, and fails it when none was kept", async () => {
    const [erased, tombstone, unknown, living] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    await t.db.$transaction((tx: SqlExecutor) => rememberErasure(tx, erased, tombstone));
    await erase(unknown);
    const [handler] = skippingErased([record], { tombstoned: [userFollowedV1] });
    await t.db.$transaction((tx: SqlExecutor) => handler!.handle(tx, follow(erased, living), noEffects));
    expect(await follows(erased)).toBe(0);
    expect(await follows(tombstone)).toBe(1);
    expect(await follows(living)).toBe(1);
    await expect(
      t.db.$transaction((tx: SqlExecutor) => handler!.handle(tx, follow(unknown, living), noEffects)),
    ).rejects.toBeInstanceOf(ErasedPersonEventError);
    expect(await follows(unknown)).toBe(0);
  });

  it("makes an erasure wait for a handler in flight naming the person, so its rows are erased after", async () => {
    const person = randomUUID();
    const [handler] = skippingErased([record]);
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const inFlight = t.db.$transaction(async (tx: SqlExecutor) => {
      await handler!.handle(tx, follow(person, randomUUID()), noEffects);
      await held;
    });
    await eventually(
      () => follows(person),
      () => true,
    );
    let erased = false;
    const erasure = erase(person).then(() => {
      erased = true;
    });
    // The erasure is waiting on the handler's shared lock (a lock not granted), not finished.
    const waiting = await eventually(
      async () =>
        (
          await t.pool.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM pg_locks l JOIN pg_database d ON d.oid = l.database
              WHERE d.datname = current_database() AND l.locktype = 'advisory' AND NOT l.granted`,
          )
        ).rows[0]?.n ?? 0,
      (n) => n > 0,
    );
    expect(waiting).toBeGreaterThan(0);
    expect(erased).toBe(false);
    release();
    await inFlight;
    await erasure;
    expect(erased).toBe(true);
    // After it, a redelivery of the same kind of event makes nothing.
    await t.db.$transaction((tx: SqlExecutor) =>
      handler!.handle(tx, follow(person, randomUUID()), noEffects),
    );
    expect(await follows(person)).toBe(1);
  });
});
