import { type Actor, hasRole } from "@health/platform/auth";
import { badInput, conflict, forbidden, notFound } from "@health/platform/errors";
import { uuidv7 } from "@health/platform/events";
import { isUuid } from "@health/platform/graphql";
import type { NatsPubSub } from "@health/platform/nats";
import { newestFirstPage } from "@health/platform/pagination";
import type { AiDb } from "../../db.ts";
import { type GenerationTask, Prisma } from "../../generated/prisma/client.ts";
import { buildPrompt } from "./prompts.ts";
import { LIMITS, type RawGenerationInput, validateGenerationInput } from "./rules.ts";
import { TASK_COLUMNS } from "./taskColumns.ts";
import {
  publishUpdate,
  snapshotThenLive,
  statusUpdate,
  TASK_CANCELLED,
  TASK_UPDATED,
  type TaskUpdate,
} from "./updates.ts";
import { enqueueTask } from "./workQueue.ts";

export interface TaskDeps {
  db: AiDb;
  pubSub: NatsPubSub;
}

/** A coach writes courses and posts and holds consultations: every kind is a coach's (README). */
function assertMayStart(actor: Actor): void {
  if (!hasRole(actor, "coach")) {
    throw forbidden(
      "Only coaches can start generation tasks (course outlines, post drafts, consultation replies).",
    );
  }
}

/**
 * Queues a generation task: validates the input (nothing is written on bad input), writes the QUEUED
 * row and its job message (outbox) in one transaction. The same `idempotencyKey` from the same caller
 * returns the task it first made.
 */
export async function startGenerationTask(
  deps: TaskDeps,
  actor: Actor,
  raw: RawGenerationInput,
  idempotencyKey: string | null,
): Promise<GenerationTask> {
  assertMayStart(actor);
  const key = idempotencyKey?.trim() || null;
  if (key && key.length > LIMITS.idempotencyKey) {
    throw badInput("idempotencyKey", `idempotencyKey must be at most ${LIMITS.idempotencyKey} characters.`);
  }
  const input = validateGenerationInput(raw);
  const { promptVersion } = buildPrompt(input);
  if (key) {
    const earlier = await deps.db.generationTask.findUnique({
      where: { ownerId_idempotencyKey: { ownerId: actor.userId, idempotencyKey: key } },
    });
    if (earlier) return sameRequest(earlier, input.kind);
  }
  try {
    return await deps.db.$transaction(async (tx) => {
      const task = await tx.generationTask.create({
        data: {
          id: uuidv7(),
          ownerId: actor.userId,
          kind: input.kind,
          input: input as unknown as Prisma.InputJsonObject,
          promptVersion,
          idempotencyKey: key,
        },
      });
      await enqueueTask(tx, task);
      return task;
    });
  } catch (error) {
    // Two requests with one key raced: the loser returns the winner's task.
    if (key && (error as { code?: string }).code === "P2002") {
      const winner = await deps.db.generationTask.findUniqueOrThrow({
        where: { ownerId_idempotencyKey: { ownerId: actor.userId, idempotencyKey: key } },
      });
      return sameRequest(winner, input.kind);
    }
    throw error;
  }
}

function sameRequest(task: GenerationTask, kind: string): GenerationTask {
  if (task.kind !== kind) {
    throw conflict(`idempotencyKey was already used for a ${task.kind} task (${task.id}); use a new key.`);
  }
  return task;
}

/** The task, for its owner or an admin; anyone else gets NOT_FOUND (its existence is not theirs to learn). */
export async function findGenerationTask(deps: TaskDeps, actor: Actor, id: string): Promise<GenerationTask> {
  const task = isUuid(id) ? await deps.db.generationTask.findUnique({ where: { id } }) : null;
  if (!task || (task.ownerId !== actor.userId && !hasRole(actor, "admin")))
    throw notFound("Generation task", id);
  return task;
}

export const myGenerationTasks = (
  deps: TaskDeps,
  actor: Actor,
  args: { first?: number | null; after?: string | null },
) =>
  newestFirstPage(args, { defaultSize: 20, maxSize: 100 }, ({ after, ...query }) =>
    deps.db.generationTask.findMany({ where: { AND: [{ ownerId: actor.userId }, after] }, ...query }),
  );

/**
 * The owner cancels a QUEUED or RUNNING task: the row turns CANCELLED first (the truth: a worker that
 * picks the job up later drops it), then the worker running it is told over NATS and aborts the
 * provider call; it also learns it at its next write, which finds the row no longer RUNNING.
 */
export async function cancelGenerationTask(
  deps: TaskDeps,
  actor: Actor,
  id: string,
): Promise<GenerationTask> {
  const task = isUuid(id) ? await deps.db.generationTask.findUnique({ where: { id } }) : null;
  if (!task || task.ownerId !== actor.userId) throw notFound("Generation task", id);
  const [cancelled] = await deps.db.$queryRaw<GenerationTask[]>`
    UPDATE generation_tasks
       SET status = 'CANCELLED', finished_at = now(), updated_at = now(), version = version + 1, lease_until = NULL
     WHERE id = ${id}::uuid AND status IN ('QUEUED', 'RUNNING')
 RETURNING ${Prisma.raw(TASK_COLUMNS)}`;
  if (!cancelled) {
    const now = await deps.db.generationTask.findUniqueOrThrow({ where: { id } });
    throw conflict(
      `Generation task ${id} is already ${now.status}: only a QUEUED or RUNNING task can be cancelled.`,
    );
  }
  deps.pubSub.publish(TASK_CANCELLED, id, { taskId: id });
  publishUpdate(deps.pubSub, statusUpdate(cancelled));
  return cancelled;
}

/** `generationTaskUpdated(id)`: the owner only (anyone else NOT_FOUND); the state now, then live updates. */
export async function openTaskUpdates(
  deps: TaskDeps,
  actor: Actor,
  id: string,
): Promise<AsyncIterableIterator<TaskUpdate>> {
  const owned = isUuid(id)
    ? await deps.db.generationTask.findUnique({ where: { id }, select: { ownerId: true } })
    : null;
  if (!owned || owned.ownerId !== actor.userId) throw notFound("Generation task", id);
  // Subscribe first, then read: every write after the read is published after it, so nothing falls
  // between the snapshot and the live updates (older ones are dropped by version).
  const live = deps.pubSub.subscribe(TASK_UPDATED, id);
  await deps.pubSub.flush();
  const task = await deps.db.generationTask.findUniqueOrThrow({ where: { id } });
  return snapshotThenLive(statusUpdate(task), live);
}
