import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import { AppError, badInput, conflict } from "../errors/appError.ts";
import type { SqlExecutor } from "../events/sql.ts";
import { type PeriodicJob, startPeriodicJob } from "../jobs/periodicJob.ts";
import {
  claimKey,
  completeKey,
  deleteExpiredKeys,
  type KeyClaim,
  readKey,
  releaseKey,
} from "./idempotencyTable.ts";
import { answerOfError, answerOfValue, parametersHash, replay, type StoredAnswer } from "./storedAnswer.ts";

export const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A database that runs interactive transactions handing `run` a `TTx`: a subgraph's Prisma client (its
 * `run` then gets the Prisma transaction client), or a pg pool in tests.
 */
export interface IdempotencyDb<TTx extends SqlExecutor> extends SqlExecutor {
  $transaction<R>(fn: (tx: TTx) => Promise<R>, options?: { maxWait?: number; timeout?: number }): Promise<R>;
}

/** One request under an idempotency key. */
export interface IdempotentRequest {
  /** Whose key it is: keys are scoped to the caller, so two callers' keys never meet. */
  callerId: string;
  /** The client's key: 1–255 characters. */
  key: string;
  /** What the request asks for (include the operation's name); a retry must ask for the same. */
  parameters: unknown;
}

export interface IdempotencyOptions {
  /** How long a key is kept and replayed. Default 24 hours (never less: Stripe's promise). */
  retentionMs?: number;
  /** How long a request waits for another one holding its key before CONFLICT "in progress". Default 5 s. */
  waitMs?: number;
  /** A claim untouched this long belongs to a process that died: a retry may take it over. Default 60 s. */
  staleAfterMs?: number;
  /** The input field named when the key itself is malformed. Default `idempotencyKey`. */
  field?: string;
  /** The effect's transaction limits (Prisma's interactive transaction). Default 10 s to start, 15 s to run. */
  transaction?: { maxWait?: number; timeout?: number };
}

const MAX_KEY_LENGTH = 255;

/**
 * Runs `run` once per (caller, key), Stripe's semantics. The first request claims the key (one INSERT;
 * a concurrent one finds it taken), runs `run` in a transaction and stores its answer in that same
 * transaction, so the effect and the answer commit together or not at all. An AppError it throws is
 * stored too. A retry with the same parameters gets the stored answer (the same AppError thrown again)
 * and no second effect; with other parameters, CONFLICT naming the key. A retry while the first is still
 * running waits up to `waitMs` for it, then gets CONFLICT "in progress". An unexpected error (a bug, the
 * database gone) is not stored: the claim is released and a retry runs afresh.
 *
 * The value is stored as JSON and handed back as JSON (the first caller gets the same round-tripped
 * value as every retry): return plain data, dates as ISO strings.
 */
export async function withIdempotency<T, TTx extends SqlExecutor = SqlExecutor>(
  db: IdempotencyDb<TTx>,
  request: IdempotentRequest,
  run: (tx: TTx) => Promise<T>,
  options: IdempotencyOptions = {},
): Promise<T> {
  const key = request.key.trim();
  const field = options.field ?? "idempotencyKey";
  if (key.length === 0 || key.length > MAX_KEY_LENGTH) {
    throw badInput(
      field,
      `${field} must be 1–${MAX_KEY_LENGTH} characters, unique per request you mean once.`,
    );
  }
  const retentionSeconds = (options.retentionMs ?? DAY_MS) / 1000;
  const staleAfterSeconds = (options.staleAfterMs ?? 60_000) / 1000;
  const hash = parametersHash(request.parameters);
  // Counted from the first sight of the key in progress, not from the call: time spent queueing for a
  // connection under load is not time spent waiting for the other request.
  let deadline: number | undefined;
  let pause = 10;
  for (;;) {
    const claim: KeyClaim = {
      callerId: request.callerId,
      key,
      parametersHash: hash,
      claimToken: randomUUID(),
    };
    if (await claimKey(db, claim, retentionSeconds, staleAfterSeconds)) {
      return runClaimed(db, claim, run, options);
    }
    const row = await readKey(db, request.callerId, key);
    if (!row) continue; // swept between the two statements: claim again
    if (row.parametersHash !== hash) {
      throw conflict(
        `Idempotency key "${key}" was already used for a different request; use a new key for new parameters.`,
        { idempotencyKey: key },
      );
    }
    if (row.state === "COMPLETED") return replay<T>(row.answer as StoredAnswer);
    deadline ??= Date.now() + (options.waitMs ?? 5_000);
    if (Date.now() >= deadline) {
      throw conflict(`A request with idempotency key "${key}" is still in progress; retry it shortly.`, {
        idempotencyKey: key,
      });
    }
    await new Promise((resolve) => setTimeout(resolve, pause));
    pause = Math.min(pause * 2, 200);
  }
}

async function runClaimed<T, TTx extends SqlExecutor>(
  db: IdempotencyDb<TTx>,
  claim: KeyClaim,
  run: (tx: TTx) => Promise<T>,
  options: IdempotencyOptions,
): Promise<T> {
  try {
    return await db.$transaction(
      async (tx) => {
        const stored = await completeKey(tx, claim, answerOfValue(await run(tx)));
        if (!stored) {
          // Another request took the key over as stale: its run is the one that counts.
          throw conflict(
            `A request with idempotency key "${claim.key}" is still in progress; retry it shortly.`,
            {
              idempotencyKey: claim.key,
            },
          );
        }
        return replay<T>(stored as StoredAnswer);
      },
      { maxWait: options.transaction?.maxWait ?? 10_000, timeout: options.transaction?.timeout ?? 15_000 },
    );
  } catch (error) {
    if (error instanceof AppError) {
      // The effect rolled back; the refusal is the answer, given again to every retry.
      await completeKey(db, claim, answerOfError(error));
      throw error;
    }
    await releaseKey(db, claim).catch(() => undefined);
    throw error;
  }
}

/** Deletes keys past their retention (default 24 h), up to `limit` at a time; returns how many went. */
export const deleteExpiredIdempotencyKeys = (
  db: SqlExecutor,
  options: { retentionMs?: number; limit?: number } = {},
): Promise<number> => deleteExpiredKeys(db, (options.retentionMs ?? DAY_MS) / 1000, options.limit);

/**
 * Deletes expired keys every `everyMs` (default hourly), off the request path. Expired keys are also
 * ignored (and reused) by `withIdempotency` itself, so a missed sweep is harmless; several instances
 * may sweep at once (a DELETE by age).
 */
export function startIdempotencySweeper(options: {
  db: SqlExecutor;
  logger: Logger;
  retentionMs?: number;
  everyMs?: number;
}): PeriodicJob {
  return startPeriodicJob(() => deleteExpiredIdempotencyKeys(options.db, options), {
    name: "idempotency key sweep",
    intervalMs: options.everyMs ?? 60 * 60 * 1000,
    logger: options.logger,
  });
}
