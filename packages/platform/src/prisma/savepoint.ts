import type { SqlExecutor } from "../events/sql.ts";

/**
 * Runs `work` inside a savepoint of the open transaction `tx`: when it throws, only what it wrote is
 * rolled back, the transaction stays usable, and the error is rethrown for the caller to answer (a
 * refusal recorded in the same transaction, say). Postgres aborts a whole transaction on a failed
 * statement otherwise. `name` must be a plain identifier.
 */
export async function withSavepoint<T>(tx: SqlExecutor, name: string, work: () => Promise<T>): Promise<T> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name))
    throw new Error(`withSavepoint: "${name}" is not a plain identifier.`);
  await tx.$executeRawUnsafe(`SAVEPOINT ${name}`);
  try {
    const result = await work();
    await tx.$executeRawUnsafe(`RELEASE SAVEPOINT ${name}`);
    return result;
  } catch (error) {
    await tx.$executeRawUnsafe(`ROLLBACK TO SAVEPOINT ${name}`);
    throw error;
  }
}
