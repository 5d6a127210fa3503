import { healthDataAccessedV1 } from "@health/events/catalog";
import { publishEvent, type SqlExecutor } from "@health/platform/events";
import type { HealthDataAccessLog } from "../generated/prisma/client.ts";

// Its own file, not in userEvents.ts: the access-log writer (domain/access/log.ts) needs it, and
// userEvents.ts names domain types whose files read health data through that writer.

/** One access-log row told to the platform (ops audits it): who read whose what, and the outcome; no value. */
export function publishHealthDataAccessed(tx: SqlExecutor, row: HealthDataAccessLog) {
  return publishEvent(
    tx,
    healthDataAccessedV1,
    {
      accessId: row.id.toString(),
      readerId: row.actorId,
      readerRole: row.actorRole,
      via: row.via === "ai" ? "ai" : null,
      ownerId: row.ownerId,
      resource: row.resource,
      metric: row.metric,
      outcome: row.outcome,
      reason: row.reason,
      accessedAt: row.occurredAt.toISOString(),
    },
    { aggregateId: row.ownerId, actorId: row.actorId, occurredAt: row.occurredAt },
  );
}
