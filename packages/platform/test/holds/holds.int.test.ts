import { randomUUID } from "node:crypto";
import { accountHeldV1, accountReleasedV1 } from "@health/events/catalog";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HandlerRegistration } from "../../src/events/handlers.ts";
import { prepareEvent } from "../../src/events/publishEvent.ts";
import { ACCOUNT_HELD, accountHoldHandlers, assertNotHeld } from "../../src/holds/holds.ts";
import { ACCOUNT_HOLDS_TABLE_SQL, isHeld } from "../../src/holds/holdsTable.ts";
import { createEventsTestDatabase, type EventsTestDatabase } from "../../src/testing/eventsTestDatabase.ts";

// The local copy of ops's holds over a real Postgres, fed through the handlers a subgraph registers.

let database: EventsTestDatabase;
beforeAll(async () => {
  database = await createEventsTestDatabase({ prefix: "holds_t", extraSql: ACCOUNT_HOLDS_TABLE_SQL });
});
afterAll(async () => {
  await database?.close();
});

const handlers = accountHoldHandlers();
const handlerOf = (name: string): HandlerRegistration => {
  const found = handlers.find((h) => h.event.name === name);
  if (!found) throw new Error(`no handler for ${name}`);
  return found;
};
const noEffects = { afterCommit: () => undefined };

async function deliverHeld(holdId: string, userId: string) {
  const { envelope } = prepareEvent(
    accountHeldV1,
    { holdId, userId, alertId: null, reason: "velocity", heldAt: new Date().toISOString() },
    { aggregateId: userId },
  );
  await database.db.$transaction((tx) => handlerOf("account_held").handle(tx, envelope, noEffects));
}

async function deliverReleased(holdId: string, userId: string) {
  const { envelope } = prepareEvent(
    accountReleasedV1,
    { holdId, userId, releasedBy: randomUUID(), releasedAt: new Date().toISOString() },
    { aggregateId: userId },
  );
  await database.db.$transaction((tx) => handlerOf("account_released").handle(tx, envelope, noEffects));
}

describe("account holds", () => {
  it("a held account is refused with ACCOUNT_HELD until its hold is released", async () => {
    const userId = randomUUID();
    const holdId = randomUUID();
    await expect(assertNotHeld(database.db, userId, "grab orders")).resolves.toBeUndefined();
    await deliverHeld(holdId, userId);
    const refused = await assertNotHeld(database.db, userId, "grab orders").catch((e: unknown) => e);
    expect(refused).toMatchObject({ extensions: { code: "FORBIDDEN", reason: ACCOUNT_HELD } });
    expect(String((refused as Error).message)).toMatch(/contact support/i);
    await deliverReleased(holdId, userId);
    expect(await isHeld(database.db, userId)).toBe(false);
  });

  it("a release that arrives before its hold wins: the late hold changes nothing", async () => {
    const userId = randomUUID();
    const holdId = randomUUID();
    await deliverReleased(holdId, userId);
    await deliverHeld(holdId, userId);
    expect(await isHeld(database.db, userId)).toBe(false);
  });

  it("releasing one hold leaves the account's other hold in force, and redelivery changes nothing", async () => {
    const userId = randomUUID();
    const first = randomUUID();
    const second = randomUUID();
    await deliverHeld(first, userId);
    await deliverHeld(second, userId);
    await deliverHeld(second, userId);
    await deliverReleased(first, userId);
    await deliverReleased(first, userId);
    expect(await isHeld(database.db, userId)).toBe(true);
    await deliverReleased(second, userId);
    expect(await isHeld(database.db, userId)).toBe(false);
  });
});
