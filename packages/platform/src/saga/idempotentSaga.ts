import type { SqlExecutor } from "../events/sql.ts";
import {
  type IdempotencyDb,
  type IdempotencyOptions,
  type IdempotentRequest,
  withIdempotency,
} from "../idempotency/withIdempotency.ts";
import type { SagaContext } from "./defineSaga.ts";
import { collectingSagaContext } from "./sagaRunner.ts";

/**
 * `inSagaTransaction` under an idempotency key: `work` runs once per (caller, key), in the key's
 * transaction, with a saga context at `now` (to start sagas in it); what the sagas asked to do after
 * the commit (publish their first command) runs once it committed. A retry gets the first answer and
 * starts nothing.
 */
export async function inIdempotentSagaTransaction<T, Tx extends SqlExecutor>(
  db: IdempotencyDb<Tx>,
  request: IdempotentRequest,
  now: Date,
  work: (tx: Tx, ctx: SagaContext) => Promise<T>,
  options?: IdempotencyOptions,
): Promise<T> {
  let runAfterCommit: (() => Promise<void>) | undefined;
  const result = await withIdempotency(
    db,
    request,
    (tx) => {
      const collecting = collectingSagaContext(tx, now);
      runAfterCommit = collecting.runAfterCommit;
      return work(tx, collecting.ctx);
    },
    options,
  );
  await runAfterCommit?.();
  return result;
}
