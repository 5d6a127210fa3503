import type { SqlExecutor, TransactionalDb } from "../events/sql.ts";
import { type SagaContext, type SagaDefinition, type SagaState, SagaStepFailed } from "./defineSaga.ts";
import { claimOverdueSagas, insertSaga, lockSaga, saveSaga } from "./sagaTable.ts";

// The orchestration: a saga's state lives in the owning subgraph's `saga_instances` table and moves only
// inside that subgraph's transactions (the one that starts it, the consumer's that receives a reply, the
// sweeper's that times it out), so a process killed at any point leaves it where the last commit put it:
// the outbox still sends the command, JetStream still redelivers the reply, the sweeper still finds the
// deadline. Nothing is held in memory between steps.

/** A step's outcome, as the owning subgraph's consumer received it. */
export type SagaReply<D> =
  | { step: string; ok: true; data?: Partial<D> }
  | { step: string; ok: false; reason: string };

/** What a reply did: moved the saga, undid a success that came too late, or changed nothing. */
export type ReplyOutcome = "advanced" | "compensated-late" | "ignored" | "unknown-saga";

/** Starts saga `id` with `data` and runs its steps up to the first that waits for a reply. */
export async function startSaga<D>(
  definition: SagaDefinition<D>,
  ctx: SagaContext,
  id: string,
  data: D,
): Promise<SagaState<D>> {
  const saga: SagaState<D> = { id, saga: definition.name, step: 0, status: "RUNNING", data, failure: null };
  await insertSaga(ctx.tx, saga, ctx.now);
  return advance(definition, saga, ctx);
}

/**
 * Applies a reply to the step saga `id` waits on, under the saga's row lock: a success runs the next
 * steps, a failure compensates. A success for a step the saga already gave up on (it timed out) is
 * undone at once by that step's compensation; any other reply (a redelivery, a stranger's id) changes
 * nothing.
 */
export async function resumeSaga<D>(
  definition: SagaDefinition<D>,
  ctx: SagaContext,
  id: string,
  reply: SagaReply<D>,
): Promise<ReplyOutcome> {
  const saga = await lockSaga<D>(ctx.tx, definition.name, id);
  if (!saga) return "unknown-saga";
  const index = definition.steps.findIndex((step) => step.name === reply.step);
  if (index < 0) throw new Error(`saga ${definition.name} has no step ${reply.step}`);
  if (saga.status === "RUNNING" && saga.step === index) {
    if (!reply.ok) {
      await compensate(definition, saga, reply.reason, ctx);
      return "advanced";
    }
    await advance(definition, { ...saga, step: index + 1, data: { ...saga.data, ...reply.data } }, ctx);
    return "advanced";
  }
  if (saga.status === "COMPENSATED" && reply.ok && index <= saga.step) {
    await definition.steps[index]?.compensate?.(saga, `late success after: ${saga.failure}`, ctx);
    return "compensated-late";
  }
  return "ignored";
}

/**
 * Fails saga `id` from outside its steps (its owner cancelled what it was for): compensations run as
 * for a failed step. Does nothing to a saga that already ended; false when there is none running.
 */
export async function abortSaga<D>(
  definition: SagaDefinition<D>,
  ctx: SagaContext,
  id: string,
  reason: string,
): Promise<boolean> {
  const saga = await lockSaga<D>(ctx.tx, definition.name, id);
  if (saga?.status !== "RUNNING") return false;
  await compensate(definition, saga, reason, ctx);
  return true;
}

/**
 * Times out RUNNING sagas of `definition` whose waiting step passed its deadline: each is compensated
 * with "<step> timed out", up to `limit` per call in one transaction. Several instances may sweep at
 * once (SKIP LOCKED). Returns how many it compensated.
 */
export async function expireOverdueSagas<D>(
  definition: SagaDefinition<D>,
  db: TransactionalDb,
  now: Date,
  limit = 100,
): Promise<number> {
  return inSagaTransaction(db, now, async (tx, ctx) => {
    const overdue = await claimOverdueSagas<D>(tx, definition.name, now, limit);
    for (const saga of overdue) {
      await compensate(definition, saga, `${definition.steps[saga.step]?.name} timed out`, ctx);
    }
    return overdue.length;
  });
}

/** Runs steps from `saga.step` until one waits for a reply or all are done; saves where it stopped. */
async function advance<D>(
  definition: SagaDefinition<D>,
  saga: SagaState<D>,
  ctx: SagaContext,
): Promise<SagaState<D>> {
  let current = saga;
  for (let index = saga.step; index < definition.steps.length; index++) {
    const step = definition.steps[index]!;
    current = { ...current, step: index };
    let added: Partial<D> | undefined;
    try {
      added = await step.run(current, ctx);
    } catch (error) {
      if (error instanceof SagaStepFailed) return compensate(definition, current, error.message, ctx);
      throw error;
    }
    current = { ...current, data: { ...current.data, ...added } };
    if (step.replyTimeoutMs !== undefined) {
      await saveSaga(ctx.tx, current, new Date(ctx.now.getTime() + step.replyTimeoutMs), ctx.now);
      return current;
    }
  }
  const completed: SagaState<D> = { ...current, step: definition.steps.length - 1, status: "COMPLETED" };
  await saveSaga(ctx.tx, completed, null, ctx.now);
  return completed;
}

/** Undoes the failed step and every one before it, last first; the saga ends COMPENSATED. */
async function compensate<D>(
  definition: SagaDefinition<D>,
  saga: SagaState<D>,
  reason: string,
  ctx: SagaContext,
): Promise<SagaState<D>> {
  for (let index = saga.step; index >= 0; index--) {
    await definition.steps[index]?.compensate?.(saga, reason, ctx);
  }
  const compensated: SagaState<D> = { ...saga, status: "COMPENSATED", failure: reason };
  await saveSaga(ctx.tx, compensated, null, ctx.now);
  return compensated;
}

/** A client that opens interactive transactions with its own transaction type (a Prisma client). */
export interface SagaTransactionDb<Tx extends SqlExecutor> {
  $transaction<R>(fn: (tx: Tx) => Promise<R>, options?: { maxWait?: number; timeout?: number }): Promise<R>;
}

/**
 * A saga context over a transaction opened elsewhere (withIdempotency's, say): what steps ask to do after
 * the commit is kept for `runAfterCommit`, which the caller calls once that transaction committed.
 */
export function collectingSagaContext(
  tx: SqlExecutor,
  now: Date,
): { ctx: SagaContext; runAfterCommit(): Promise<void> } {
  const effects: Array<() => void | Promise<void>> = [];
  return {
    ctx: { tx, now, afterCommit: (effect) => effects.push(effect) },
    runAfterCommit: async () => {
      for (const effect of effects.splice(0)) await effect();
    },
  };
}

/**
 * Runs `work` in one transaction of `db` with a saga context at `now` (to start, resume or abort
 * sagas in it); what it asked to do after the commit runs once it committed.
 */
export async function inSagaTransaction<Tx extends SqlExecutor, R>(
  db: SagaTransactionDb<Tx>,
  now: Date,
  work: (tx: Tx, ctx: SagaContext) => Promise<R>,
  options?: { maxWait?: number; timeout?: number },
): Promise<R> {
  let after: (() => Promise<void>) | undefined;
  const result = await db.$transaction((tx) => {
    const collecting = collectingSagaContext(tx, now);
    after = collecting.runAfterCommit;
    return work(tx, collecting.ctx);
  }, options);
  await after?.();
  return result;
}
