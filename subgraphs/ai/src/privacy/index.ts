import type { SubgraphPrivacy } from "@health/platform/privacy";
import type { AiDeps } from "../deps.ts";
import { TASK_CANCELLED } from "../domain/generation/updates.ts";
import { collectAi } from "./collect.ts";
import { eraseAi } from "./erase.ts";
import { AI_TABLES } from "./policy.ts";

/**
 * ai's part in data-subject rights. Nothing about a person lives in Redis (ai caches nothing there);
 * what lives outside the database is a worker holding one of their tasks: `purgeOutside` tells it to
 * abort the provider call now, as `cancelGenerationTask` does. It runs before the erasure commits, so
 * the rows it reads (through its own connection) are still there; a worker that misses the notice finds
 * its row gone at its next write and stops, and a job still queued finds nothing and is acknowledged.
 */
export const aiPrivacy = (deps: Pick<AiDeps, "db" | "pubSub">): SubgraphPrivacy => ({
  subgraph: "ai",
  tables: AI_TABLES,
  collect: collectAi,
  erase: eraseAi,
  purgeOutside: async (subject) => {
    const live = await deps.db.generationTask.findMany({
      where: { ownerId: subject.userId, status: { in: ["QUEUED", "RUNNING"] } },
      select: { id: true },
    });
    for (const { id } of live) deps.pubSub.publish(TASK_CANCELLED, id, { taskId: id });
    if (live.length > 0) await deps.pubSub.flush();
  },
});
