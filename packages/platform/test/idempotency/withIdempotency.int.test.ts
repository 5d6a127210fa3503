import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError, conflict } from "../../src/errors/appError.ts";
import type { SqlExecutor } from "../../src/events/sql.ts";
import { IDEMPOTENCY_TABLE_SQL } from "../../src/idempotency/idempotencyTable.ts";
import { parametersHash } from "../../src/idempotency/storedAnswer.ts";
import { deleteExpiredIdempotencyKeys, withIdempotency } from "../../src/idempotency/withIdempotency.ts";
import { createEventsTestDatabase, type EventsTestDatabase } from "../../src/testing/eventsTestDatabase.ts";

// withIdempotency over a real Postgres: a table of effects (`charges`) shows how many times a run took
// effect, whatever the callers were told.

let database: EventsTestDatabase;
beforeAll(async () => {
  database = await createEventsTestDatabase({
    prefix: "idem_t",
    maxConnections: 20,
    extraSql: `${IDEMPOTENCY_TABLE_SQL}
      CREATE TABLE charges (id SERIAL PRIMARY KEY, caller TEXT NOT NULL, amount INTEGER NOT NULL);`,
  });
});
afterAll(async () => {
  await database?.close();
});

const charge = (callerId: string, amount: number) => async (tx: SqlExecutor) => {
  const [row] = await tx.$queryRawUnsafe<Array<{ id: number }>>(
    "INSERT INTO charges (caller, amount) VALUES ($1, $2) RETURNING id",
    callerId,
    amount,
  );
  return { chargeId: row?.id, amount, at: new Date() };
};

const chargesOf = async (callerId: string) => {
  const [row] = await database.db.$queryRawUnsafe<Array<{ n: number }>>(
    "SELECT count(*)::int AS n FROM charges WHERE caller = $1",
    callerId,
  );
  return row?.n;
};

const errorOf = async (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error,
  );

describe("withIdempotency", () => {
  it("runs once and replays the first answer to a retry", async () => {
    const caller = randomUUID();
    const request = { callerId: caller, key: "k1", parameters: { op: "charge", amount: 100 } };
    const first = await withIdempotency(database.db, request, charge(caller, 100));
    const second = await withIdempotency(database.db, request, charge(caller, 100));
    expect(second).toEqual(first);
    expect(typeof first.at).toBe("string"); // what every retry sees, the first caller too
    expect(await chargesOf(caller)).toBe(1);
  });

  it("refuses the same key with other parameters, naming the key", async () => {
    const caller = randomUUID();
    await withIdempotency(
      database.db,
      { callerId: caller, key: "k2", parameters: { amount: 1 } },
      charge(caller, 1),
    );
    const error = await errorOf(
      withIdempotency(
        database.db,
        { callerId: caller, key: "k2", parameters: { amount: 2 } },
        charge(caller, 2),
      ),
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).extensions).toMatchObject({ code: "CONFLICT", idempotencyKey: "k2" });
    expect((error as AppError).message).toContain('"k2"');
    expect(await chargesOf(caller)).toBe(1);
  });

  it("scopes keys to the caller", async () => {
    const [ann, bob] = [randomUUID(), randomUUID()];
    await withIdempotency(
      database.db,
      { callerId: ann, key: "same", parameters: { amount: 1 } },
      charge(ann, 1),
    );
    await withIdempotency(
      database.db,
      { callerId: bob, key: "same", parameters: { amount: 2 } },
      charge(bob, 2),
    );
    expect([await chargesOf(ann), await chargesOf(bob)]).toEqual([1, 1]);
  });

  it("stores an AppError with the rolled-back effect and throws it again on a retry", async () => {
    const caller = randomUUID();
    const request = { callerId: caller, key: "k3", parameters: { amount: 5 } };
    let runs = 0;
    const refuse = async (tx: SqlExecutor) => {
      runs++;
      await charge(caller, 5)(tx);
      throw conflict("Payment is CAPTURED; it cannot be voided.", { currentState: "CAPTURED" });
    };
    const first = await errorOf(withIdempotency(database.db, request, refuse));
    const second = await errorOf(withIdempotency(database.db, request, charge(caller, 5)));
    expect(second).toBeInstanceOf(AppError);
    expect((second as AppError).message).toBe((first as AppError).message);
    expect((second as AppError).extensions).toEqual((first as AppError).extensions);
    expect(runs).toBe(1);
    expect(await chargesOf(caller)).toBe(0);
  });

  it("releases the key after an unexpected error, so a retry runs afresh", async () => {
    const caller = randomUUID();
    const request = { callerId: caller, key: "k4", parameters: { amount: 7 } };
    const crash = async (tx: SqlExecutor) => {
      await charge(caller, 7)(tx);
      throw new Error("the network fell over");
    };
    expect(await errorOf(withIdempotency(database.db, request, crash))).toBeInstanceOf(Error);
    await withIdempotency(database.db, request, charge(caller, 7));
    expect(await chargesOf(caller)).toBe(1);
  });

  it("runs 200 concurrent requests with one key once, every one getting the same answer", async () => {
    const caller = randomUUID();
    const request = { callerId: caller, key: "k5", parameters: { amount: 9 } };
    const slowCharge = async (tx: SqlExecutor) => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      return charge(caller, 9)(tx);
    };
    const answers = await Promise.all(
      Array.from({ length: 200 }, () => withIdempotency(database.db, request, slowCharge)),
    );
    expect(new Set(answers.map((answer) => JSON.stringify(answer))).size).toBe(1);
    expect(await chargesOf(caller)).toBe(1);
  });

  it("answers CONFLICT in progress when the first request outlasts the wait", async () => {
    const caller = randomUUID();
    const request = { callerId: caller, key: "k6", parameters: { amount: 3 } };
    const slow = withIdempotency(database.db, request, async (tx) => {
      await new Promise((resolve) => setTimeout(resolve, 600));
      return charge(caller, 3)(tx);
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const error = await errorOf(withIdempotency(database.db, request, charge(caller, 3), { waitMs: 100 }));
    expect((error as AppError).extensions).toMatchObject({ code: "CONFLICT", idempotencyKey: "k6" });
    expect((error as AppError).message).toContain("in progress");
    await slow;
    expect(await chargesOf(caller)).toBe(1);
  });

  it("lets a retry take over a claim its holder abandoned (a crashed process), and run once", async () => {
    const caller = randomUUID();
    const request = { callerId: caller, key: "k8", parameters: { amount: 6 } };
    const hash = parametersHash(request.parameters);
    // What a process that died between the claim and its commit leaves behind.
    await database.db.$executeRawUnsafe(
      `INSERT INTO idempotency_keys (caller_id, key, parameters_hash, state, claim_token, updated_at)
       VALUES ($1, 'k8', $2, 'IN_PROGRESS', gen_random_uuid(), now() - interval '2 minutes')`,
      caller,
      hash,
    );
    const answer = await withIdempotency(database.db, request, charge(caller, 6), { waitMs: 100 });
    expect(answer.amount).toBe(6);
    expect(await withIdempotency(database.db, request, charge(caller, 6))).toEqual(answer);
    expect(await chargesOf(caller)).toBe(1);
  });

  it("forgets a key after its retention: lazily on reuse, and by the sweep", async () => {
    const caller = randomUUID();
    const request = { callerId: caller, key: "k7", parameters: { amount: 4 } };
    await withIdempotency(database.db, request, charge(caller, 4));
    await database.db.$executeRawUnsafe(
      "UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE caller_id = $1",
      caller,
    );
    await withIdempotency(database.db, { ...request, parameters: { amount: 8 } }, charge(caller, 8));
    expect(await chargesOf(caller)).toBe(2);
    await database.db.$executeRawUnsafe(
      "UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE caller_id = $1",
      caller,
    );
    expect(await deleteExpiredIdempotencyKeys(database.db)).toBeGreaterThanOrEqual(1);
    const rows = await database.db.$queryRawUnsafe<unknown[]>(
      "SELECT 1 FROM idempotency_keys WHERE caller_id = $1",
      caller,
    );
    expect(rows).toEqual([]);
  });

  it("rejects an empty key as bad input before any write", async () => {
    const error = await errorOf(
      withIdempotency(database.db, { callerId: randomUUID(), key: " ", parameters: {} }, async () => 1),
    );
    expect((error as AppError).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "idempotencyKey" });
  });
});
