import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SqlExecutor } from "../../src/events/sql.ts";
import { defineSaga, type SagaContext, SagaStepFailed } from "../../src/saga/defineSaga.ts";
import { abortSaga, expireOverdueSagas, resumeSaga, startSaga } from "../../src/saga/sagaRunner.ts";
import { readSaga, SAGA_TABLE_SQL } from "../../src/saga/sagaTable.ts";
import { createEventsTestDatabase, type EventsTestDatabase } from "../../src/testing/eventsTestDatabase.ts";

// The saga runner over a real Postgres. The saga under test books a hold (a remote step: its command is
// a row in `journal`, as an outbox row would be) and then confirms locally; `journal` shows what ran.

let database: EventsTestDatabase;
beforeAll(async () => {
  database = await createEventsTestDatabase({
    prefix: "saga_t",
    maxConnections: 20,
    extraSql: `${SAGA_TABLE_SQL}
      CREATE TABLE journal (id SERIAL PRIMARY KEY, saga_id UUID NOT NULL, entry TEXT NOT NULL);`,
  });
});
afterAll(async () => {
  await database?.close();
});

interface Booking {
  amount: number;
  holdId?: string;
  confirmable: boolean;
}

const write = (tx: SqlExecutor, sagaId: string, entry: string) =>
  tx.$executeRawUnsafe("INSERT INTO journal (saga_id, entry) VALUES ($1::uuid, $2)", sagaId, entry);

const booking = defineSaga<Booking>({
  name: "booking",
  steps: [
    {
      name: "hold",
      replyTimeoutMs: 60_000,
      run: async (saga, { tx }) => {
        await write(tx, saga.id, `hold ${saga.data.amount}`);
        return undefined;
      },
      compensate: async (saga, reason, { tx }) => {
        await write(tx, saga.id, `release (${reason})`);
      },
    },
    {
      name: "confirm",
      run: async (saga, { tx }) => {
        if (!saga.data.confirmable) throw new SagaStepFailed("no longer confirmable");
        await write(tx, saga.id, `confirm ${saga.data.holdId}`);
        return undefined;
      },
    },
  ],
});

const T0 = new Date("2026-12-07T10:00:00Z");

/** Runs `work` in a transaction with a saga context at `now`; after-commit effects are collected. */
async function inSaga<R>(now: Date, work: (ctx: SagaContext) => Promise<R>): Promise<R> {
  return database.db.$transaction((tx) => work({ tx, now, afterCommit: () => undefined }));
}

async function journalOf(sagaId: string): Promise<string[]> {
  const rows = await database.db.$queryRawUnsafe<Array<{ entry: string }>>(
    "SELECT entry FROM journal WHERE saga_id = $1::uuid ORDER BY id",
    sagaId,
  );
  return rows.map((row) => row.entry);
}

async function started(data: Partial<Booking> = {}) {
  const id = randomUUID();
  await inSaga(T0, (ctx) => startSaga(booking, ctx, id, { amount: 500, confirmable: true, ...data }));
  return id;
}

describe("sagas", () => {
  it("waits on a remote step, then runs the rest when it succeeds", async () => {
    const id = await started();
    expect(await readSaga(database.db, id)).toMatchObject({ status: "RUNNING", step: 0 });
    const outcome = await inSaga(T0, (ctx) =>
      resumeSaga(booking, ctx, id, { step: "hold", ok: true, data: { holdId: "h1" } }),
    );
    expect(outcome).toBe("advanced");
    expect(await readSaga(database.db, id)).toMatchObject({
      status: "COMPLETED",
      data: { amount: 500, holdId: "h1", confirmable: true },
    });
    expect(await journalOf(id)).toEqual(["hold 500", "confirm h1"]);
  });

  it("compensates when the remote step fails, and ignores a second reply", async () => {
    const id = await started();
    await inSaga(T0, (ctx) => resumeSaga(booking, ctx, id, { step: "hold", ok: false, reason: "declined" }));
    const again = await inSaga(T0, (ctx) =>
      resumeSaga(booking, ctx, id, { step: "hold", ok: false, reason: "declined" }),
    );
    expect(again).toBe("ignored");
    expect(await readSaga(database.db, id)).toMatchObject({ status: "COMPENSATED", failure: "declined" });
    expect(await journalOf(id)).toEqual(["hold 500", "release (declined)"]);
  });

  it("compensates earlier steps when a local step fails", async () => {
    const id = await started({ confirmable: false });
    await inSaga(T0, (ctx) => resumeSaga(booking, ctx, id, { step: "hold", ok: true }));
    expect(await readSaga(database.db, id)).toMatchObject({ status: "COMPENSATED", step: 1 });
    expect(await journalOf(id)).toEqual(["hold 500", "release (no longer confirmable)"]);
  });

  it("times out a step past its deadline, and undoes a success that comes after", async () => {
    const id = await started();
    expect(await expireOverdueSagas(booking, database.db, new Date(T0.getTime() + 59_000))).toBe(0);
    expect(await expireOverdueSagas(booking, database.db, new Date(T0.getTime() + 60_000))).toBeGreaterThan(
      0,
    );
    expect(await readSaga(database.db, id)).toMatchObject({
      status: "COMPENSATED",
      failure: "hold timed out",
    });
    const late = await inSaga(T0, (ctx) => resumeSaga(booking, ctx, id, { step: "hold", ok: true }));
    expect(late).toBe("compensated-late");
    expect(await journalOf(id)).toEqual([
      "hold 500",
      "release (hold timed out)",
      "release (late success after: hold timed out)",
    ]);
  });

  it("is aborted by its owner, once", async () => {
    const id = await started();
    expect(await inSaga(T0, (ctx) => abortSaga(booking, ctx, id, "cancelled by the customer"))).toBe(true);
    expect(await inSaga(T0, (ctx) => abortSaga(booking, ctx, id, "again"))).toBe(false);
    expect(await journalOf(id)).toEqual(["hold 500", "release (cancelled by the customer)"]);
  });

  it("stays where its last commit left it when a transaction dies mid-step", async () => {
    const id = await started();
    const crash = inSaga(T0, async (ctx) => {
      await resumeSaga(booking, ctx, id, { step: "hold", ok: true, data: { holdId: "h2" } });
      throw new Error("process killed before commit");
    });
    await expect(crash).rejects.toThrow("process killed");
    expect(await readSaga(database.db, id)).toMatchObject({ status: "RUNNING", step: 0 });
    expect(await journalOf(id)).toEqual(["hold 500"]);
    // The reply is redelivered after the restart and the saga goes on.
    await inSaga(T0, (ctx) =>
      resumeSaga(booking, ctx, id, { step: "hold", ok: true, data: { holdId: "h2" } }),
    );
    expect(await journalOf(id)).toEqual(["hold 500", "confirm h2"]);
  });

  it("lets one of two concurrent replies advance it", async () => {
    const id = await started();
    const outcomes = await Promise.all(
      [1, 2].map(() =>
        inSaga(T0, (ctx) => resumeSaga(booking, ctx, id, { step: "hold", ok: true, data: { holdId: "h3" } })),
      ),
    );
    expect(outcomes.sort()).toEqual(["advanced", "ignored"]);
    expect(await journalOf(id)).toEqual(["hold 500", "confirm h3"]);
  });

  it("ignores a reply for a saga it does not hold", async () => {
    const outcome = await inSaga(T0, (ctx) =>
      resumeSaga(booking, ctx, randomUUID(), { step: "hold", ok: true }),
    );
    expect(outcome).toBe("unknown-saga");
  });
});
