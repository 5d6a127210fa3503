/**
 * The slice of a Prisma client (or of its interactive-transaction client) the event mechanism needs.
 * Raw SQL only, so it works with every subgraph's generated client and with a plain pg pool in tests.
 */
export interface SqlExecutor {
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
}

/** A client that can open an interactive transaction (Prisma's `$transaction(async (tx) => ...)`). */
export interface TransactionalDb extends SqlExecutor {
  $transaction<R>(
    fn: (tx: SqlExecutor) => Promise<R>,
    options?: { timeout?: number; maxWait?: number },
  ): Promise<R>;
}
