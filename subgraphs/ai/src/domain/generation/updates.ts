import type { NatsPubSub } from "@health/platform/nats";
import type { GenerationStatus } from "./rules.ts";
import { isFinal } from "./rules.ts";

/** Where a task's updates travel (NATS core, `<prefix>.ai_task_updated.<taskId>`). */
export const TASK_UPDATED = "ai_task_updated";
/** Where a cancel reaches the worker running the task (`<prefix>.ai_task_cancelled.<taskId>`). */
export const TASK_CANCELLED = "ai_task_cancelled";

/** The task's row as far as an update shows it. */
export interface TaskState {
  id: string;
  status: GenerationStatus;
  attempts: number;
  version: number;
  lastError: string | null;
  provider: string | null;
  model: string | null;
  promptVersion: string;
}

/**
 * One update of `generationTaskUpdated`: a status change (with the whole `text` so far), or a piece of
 * text (`delta` at `offset`). `version` is the row's after the write it reports.
 */
export interface TaskUpdate {
  task: TaskState;
  delta: string | null;
  offset: number | null;
  text: string | null;
}

export const stateOf = (row: TaskState): TaskState => ({
  id: row.id,
  status: row.status,
  attempts: row.attempts,
  version: row.version,
  lastError: row.lastError,
  provider: row.provider,
  model: row.model,
  promptVersion: row.promptVersion,
});

export const statusUpdate = (row: TaskState & { output: string }): TaskUpdate => ({
  task: stateOf(row),
  delta: null,
  offset: null,
  text: row.output,
});

/** Publishes after the write committed; at most once (NATS core): a subscriber re-reads on joining. */
export function publishUpdate(pubSub: NatsPubSub, update: TaskUpdate): void {
  pubSub.publish(TASK_UPDATED, update.task.id, update);
}

/**
 * A subscriber's stream: the state when it joined (`snapshot`, read after subscribing to `live`), then
 * the live updates newer than it (by version), ending after the first final status.
 */
export function snapshotThenLive(
  snapshot: TaskUpdate,
  live: AsyncIterableIterator<unknown>,
): AsyncIterableIterator<TaskUpdate> {
  let lastVersion = snapshot.task.version;
  let pending: TaskUpdate | null = snapshot;
  let ended = false;
  const done = (): IteratorResult<TaskUpdate> => ({ done: true, value: undefined });
  const finish = async () => {
    ended = true;
    await live.return?.();
  };
  const iterator: AsyncIterableIterator<TaskUpdate> = {
    next: async () => {
      if (ended) return done();
      if (pending) {
        const first = pending;
        pending = null;
        if (isFinal(first.task.status)) await finish();
        return { done: false, value: first };
      }
      for (;;) {
        const result = await live.next();
        if (result.done) return done();
        const update = result.value as TaskUpdate | null;
        if (!update?.task || update.task.version <= lastVersion) continue;
        lastVersion = update.task.version;
        if (isFinal(update.task.status)) await finish();
        return { done: false, value: update };
      }
    },
    return: async () => {
      await finish();
      return done();
    },
    throw: async (error) => {
      await finish();
      throw error;
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}
