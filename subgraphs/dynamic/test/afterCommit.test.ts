import type { SqlExecutor, TransactionalDb } from "@health/platform/events";
import { createLogger } from "@health/platform/logging";
import { describe, expect, it } from "vitest";
import { withAfterCommit } from "../src/events/afterCommit.ts";

/** A db whose transactions hand out a fresh tx object and record when they commit. */
function fakeDb(log: string[]): TransactionalDb {
  const tx: SqlExecutor = { $executeRawUnsafe: async () => 0, $queryRawUnsafe: async <T>() => [] as T };
  return {
    ...tx,
    $transaction: async (fn) => {
      const result = await fn({ ...tx });
      log.push("commit");
      return result;
    },
  };
}

const silent = createLogger("test", "silent");

describe("withAfterCommit", () => {
  it("runs effects after the transaction commits, in order", async () => {
    const log: string[] = [];
    const { db, afterCommit } = withAfterCommit(fakeDb(log), silent);
    await db.$transaction(async (tx) => {
      afterCommit(tx, async () => void log.push("first"));
      afterCommit(tx, async () => void log.push("second"));
      log.push("work");
    });
    expect(log).toEqual(["work", "commit", "first", "second"]);
  });

  it("runs nothing when the transaction fails", async () => {
    const log: string[] = [];
    const { db, afterCommit } = withAfterCommit(fakeDb(log), silent);
    await expect(
      db.$transaction(async (tx) => {
        afterCommit(tx, async () => void log.push("effect"));
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(log).toEqual([]);
  });

  it("a failing effect is logged, not thrown: the transaction already committed", async () => {
    const log: string[] = [];
    const { db, afterCommit } = withAfterCommit(fakeDb(log), silent);
    const result = await db.$transaction(async (tx) => {
      afterCommit(tx, async () => {
        throw new Error("redis down");
      });
      afterCommit(tx, async () => void log.push("still runs"));
      return 42;
    });
    expect(result).toBe(42);
    expect(log).toEqual(["commit", "still runs"]);
  });

  it("refuses a transaction it did not open", () => {
    const { afterCommit } = withAfterCommit(fakeDb([]), silent);
    expect(() => afterCommit({}, async () => undefined)).toThrow(/withAfterCommit/);
  });
});
