import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withSavepoint } from "../../src/prisma/savepoint.ts";
import { createEventsTestDatabase, type EventsTestDatabase } from "../../src/testing/eventsTestDatabase.ts";

// A refusal inside a transaction (a constraint, a trigger) aborts the whole transaction in Postgres;
// inside withSavepoint only its own writes are undone and the transaction goes on.

let database: EventsTestDatabase;
beforeAll(async () => {
  database = await createEventsTestDatabase({
    extraSql: "CREATE TABLE savings (body TEXT NOT NULL CHECK (body <> 'refused'));",
  });
});
afterAll(() => database.close());

const bodies = async () =>
  (await database.pool.query("SELECT body FROM savings ORDER BY body")).rows.map((row) => row.body);

describe("withSavepoint", () => {
  it("undoes only the failed work; the transaction writes on and commits", async () => {
    await database.db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe("INSERT INTO savings (body) VALUES ('before')");
      await expect(
        withSavepoint(tx, "attempt", async () => {
          await tx.$executeRawUnsafe("INSERT INTO savings (body) VALUES ('inside')");
          await tx.$executeRawUnsafe("INSERT INTO savings (body) VALUES ('refused')");
        }),
      ).rejects.toThrow(/check constraint/);
      await tx.$executeRawUnsafe("INSERT INTO savings (body) VALUES ('after')");
      expect(
        await withSavepoint(tx, "kept", async () =>
          tx.$executeRawUnsafe("INSERT INTO savings (body) VALUES ('kept')"),
        ),
      ).toBe(1);
    });
    expect(await bodies()).toEqual(["after", "before", "kept"]);
  });

  it("refuses a name that is not a plain identifier", async () => {
    await expect(withSavepoint(database.db, "x; DROP TABLE savings", async () => 1)).rejects.toThrow(
      /identifier/,
    );
  });
});
