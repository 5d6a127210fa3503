import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createEventsTestDatabase, type EventsTestDatabase } from "../../src/testing/eventsTestDatabase.ts";

let database: EventsTestDatabase;
beforeAll(async () => {
  database = await createEventsTestDatabase({ extraSql: "CREATE TABLE notes (body TEXT NOT NULL);" });
});
afterAll(() => database.close());
beforeEach(async () => {
  await database.pool.query("TRUNCATE notes");
});

const notes = async () =>
  (await database.pool.query("SELECT body FROM notes ORDER BY body")).rows.map((r) => r.body);

describe("pgTransactionalDb", () => {
  it("commits what the transaction wrote and returns its result", async () => {
    const result = await database.db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe("INSERT INTO notes (body) VALUES ($1), ($2)", "a", "b");
      return tx.$queryRawUnsafe<Array<{ n: number }>>("SELECT count(*)::int AS n FROM notes");
    });
    expect(result).toEqual([{ n: 2 }]);
    expect(await notes()).toEqual(["a", "b"]);
  });

  it("rolls everything back when the function throws", async () => {
    await expect(
      database.db.$transaction(async (tx) => {
        await tx.$executeRawUnsafe("INSERT INTO notes (body) VALUES ($1)", "lost");
        throw new Error("nope");
      }),
    ).rejects.toThrow("nope");
    expect(await notes()).toEqual([]);
  });

  it("isolates a transaction from others until it commits", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const writing = database.db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe("INSERT INTO notes (body) VALUES ('pending')");
      await held;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await notes()).toEqual([]);
    release();
    await writing;
    expect(await notes()).toEqual(["pending"]);
  });

  it("rolls back a transaction that outlives its timeout and refuses its later queries, as Prisma does", async () => {
    await expect(
      database.db.$transaction(
        async (tx) => {
          await tx.$executeRawUnsafe("INSERT INTO notes (body) VALUES ('slow')");
          await new Promise((resolve) => setTimeout(resolve, 150));
          await tx.$executeRawUnsafe("INSERT INTO notes (body) VALUES ('late')");
        },
        { timeout: 50 },
      ),
    ).rejects.toThrow(/Transaction already closed/);
    expect(await notes()).toEqual([]);
  });
});
