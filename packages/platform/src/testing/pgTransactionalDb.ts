import type pg from "pg";
import type { SqlExecutor, TransactionalDb } from "../events/sql.ts";

const executor = (
  client: pg.Pool | pg.PoolClient,
  assertOpen: () => void = () => undefined,
): SqlExecutor => ({
  $executeRawUnsafe: async (query, ...values) => {
    assertOpen();
    return (await client.query(query, values)).rowCount ?? 0;
  },
  $queryRawUnsafe: async <T>(query: string, ...values: unknown[]) => {
    assertOpen();
    return (await client.query(query, values)).rows as T;
  },
});

async function acquire(pool: pg.Pool, maxWaitMs: number): Promise<pg.PoolClient> {
  let timer: NodeJS.Timeout | undefined;
  let timedOut = false;
  const connecting = pool.connect();
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      timedOut = true;
      // A client that arrives after we gave up goes straight back to the pool.
      void connecting.then((late) => late.release()).catch(() => undefined);
      reject(new Error(`Unable to start a transaction in the given time (maxWait ${maxWaitMs} ms).`));
    }, maxWaitMs);
  });
  try {
    return await Promise.race([connecting, timeout]);
  } finally {
    if (!timedOut) clearTimeout(timer);
  }
}

/**
 * A `TransactionalDb` over a pg pool that behaves like Prisma's interactive transactions: one pooled
 * client per transaction, BEGIN/COMMIT, ROLLBACK when `fn` throws, and a transaction that outlives
 * `timeout` (default 5 s) is rolled back and refuses further queries. `maxWait` (default 2 s) bounds
 * the wait for a client. For tests and benchmarks whose database has no generated Prisma client.
 */
export function pgTransactionalDb(pool: pg.Pool): TransactionalDb {
  return {
    ...executor(pool),
    $transaction: async (fn, options = {}) => {
      const timeoutMs = options.timeout ?? 5_000;
      const client = await acquire(pool, options.maxWait ?? 2_000);
      let closed = false;
      const timer = setTimeout(() => {
        if (closed) return;
        closed = true;
        void client.query("ROLLBACK").catch(() => undefined);
      }, timeoutMs);
      const assertOpen = () => {
        if (closed)
          throw new Error(`Transaction already closed: it ran longer than its timeout (${timeoutMs} ms).`);
      };
      let broken = false;
      try {
        await client.query("BEGIN");
        const result = await fn(executor(client, assertOpen));
        assertOpen();
        closed = true;
        await client.query("COMMIT");
        return result;
      } catch (error) {
        if (!closed) {
          closed = true;
          await client.query("ROLLBACK").catch(() => {
            broken = true;
          });
        }
        throw error;
      } finally {
        clearTimeout(timer);
        client.release(broken);
      }
    },
  };
}
