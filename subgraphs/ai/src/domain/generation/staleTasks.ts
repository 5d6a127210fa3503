import type { AiDb } from "../../db.ts";
import { enqueueTask } from "./workQueue.ts";

/** How long a task may sit QUEUED without a write, or RUNNING past its lease, before it is queued again. */
export const STALE_AFTER_MS = 10 * 60_000;

/**
 * Queues a new job for each task nobody is working on: QUEUED and untouched for `STALE_AFTER_MS` (its
 * job was lost: JetStream stopped redelivering it after `max_deliver` while the database was away), or
 * RUNNING with a lease lapsed that long (its worker died and its job is gone too). A task that still has
 * a job gets a second one: harmless, the claim lets only one run it and the other is dropped. Returns
 * how many it queued. Several instances may run it: the `updated_at` bump under `FOR UPDATE SKIP LOCKED`
 * gives each stale task to one of them.
 */
export async function requeueStaleTasks(db: AiDb, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - STALE_AFTER_MS);
  return db.$transaction(async (tx) => {
    const stale = await tx.$queryRaw<Array<{ id: string; ownerId: string }>>`
      SELECT id, owner_id AS "ownerId" FROM generation_tasks
       WHERE (status = 'QUEUED' AND updated_at < ${before})
          OR (status = 'RUNNING' AND lease_until < ${before})
       ORDER BY updated_at LIMIT 100
         FOR UPDATE SKIP LOCKED`;
    for (const task of stale) {
      await tx.generationTask.update({ where: { id: task.id }, data: { updatedAt: now } });
      await enqueueTask(tx, task);
    }
    return stale.length;
  });
}
