import DataLoader from "dataloader";
import type { TradeDb } from "../../db.ts";
import { type GrabKey, type GrabState, type LostAttempt, readGrabStates, recordAttempts } from "./queries.ts";

/**
 * The two statements nearly every grab runs, each shared by the grabs that arrive together: in a race a
 * thousand coaches grab at once and nine in ten lose, so one statement per event-loop turn replaces one
 * per attempt (each a Postgres round trip and a Prisma call). Shared across requests on purpose: no
 * result is cached, and each caller gets only the row of its own order and coach.
 */
export interface GrabBatches {
  /** The order, the coach's rules and active orders, read without locks (null: no such order). */
  readState(key: GrabKey): Promise<GrabState | null>;
  /** Records an attempt that did not win; resolves once its row is committed. */
  recordLoss(attempt: LostAttempt): Promise<void>;
}

/** Collects one event-loop turn's calls (every request read in that turn) into one batch. */
const OPTIONS = {
  cache: false,
  maxBatchSize: 500,
  batchScheduleFn: (run: () => void) => setImmediate(run),
} as const;

export function createGrabBatches(db: TradeDb): GrabBatches {
  const states = new DataLoader<GrabKey, GrabState | null>((keys) => readGrabStates(db, keys), OPTIONS);
  const losses = new DataLoader<LostAttempt, void>(async (attempts) => {
    await recordAttempts(db, attempts);
    return attempts.map(() => undefined);
  }, OPTIONS);
  return {
    readState: (key) => states.load(key),
    recordLoss: (attempt) => losses.load(attempt),
  };
}
