import type { SqlExecutor, TransactionalDb } from "@health/platform/events";
import type { Logger } from "pino";

export interface AfterCommitDb {
  /** Hand this to the event consumer: its transactions run the effects registered in them once committed. */
  db: TransactionalDb;
  /** Registers `effect` to run after the transaction `tx` (one opened through `db`) commits. */
  afterCommit(tx: unknown, effect: () => Promise<void>): void;
}

/**
 * Wraps a client so work can be deferred until its transaction commits: the consumer owns the
 * transaction, but what the handler decides (invalidate caches, notify subscribers) must only happen
 * once the activity is really there. An effect that fails is logged, not retried: the transaction has
 * committed, and both effects are hints (a cached page expires, the feed query is the truth).
 */
export function withAfterCommit(db: TransactionalDb, logger: Logger): AfterCommitDb {
  const pending = new WeakMap<object, Array<() => Promise<void>>>();
  const wrapped: TransactionalDb = {
    $executeRawUnsafe: (query, ...values) => db.$executeRawUnsafe(query, ...values),
    $queryRawUnsafe: (query, ...values) => db.$queryRawUnsafe(query, ...values),
    $transaction: async <R>(
      fn: (tx: SqlExecutor) => Promise<R>,
      options?: { timeout?: number; maxWait?: number },
    ) => {
      const effects: Array<() => Promise<void>> = [];
      const result = await db.$transaction(async (tx) => {
        effects.length = 0; // a retried transaction starts over
        pending.set(tx, effects);
        return fn(tx);
      }, options);
      for (const effect of effects) {
        await effect().catch((error: unknown) =>
          logger.warn({ error: String(error) }, "after-commit effect failed"),
        );
      }
      return result;
    },
  };
  return {
    db: wrapped,
    afterCommit: (tx, effect) => {
      const effects = typeof tx === "object" && tx !== null ? pending.get(tx) : undefined;
      if (!effects) throw new Error("afterCommit needs a transaction opened through withAfterCommit(db).db");
      effects.push(effect);
    },
  };
}
