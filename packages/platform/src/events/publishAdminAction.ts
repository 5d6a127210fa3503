import type { adminActionPayload, adminActionRecorded } from "@health/events/adminAction";
import type { EventEnvelope } from "@health/events/envelope";
import type { z } from "zod";
import type { Actor } from "../auth/actor.ts";
import { publishEvent } from "./publishEvent.ts";
import type { SqlExecutor } from "./sql.ts";

/** What an admin did, for the audit log. */
export type AdminAction = z.input<typeof adminActionPayload>;

/**
 * Records an admin's action for ops's audit log: publishes the subgraph's own `admin_action_recorded`
 * through `tx`, so it commits with the action (and never without it). The actor is the envelope's
 * `actorId`, the subject the aggregate.
 *
 * ```ts
 * await publishAdminAction(tx, financeAdminActionRecordedV1, actor, {
 *   action: "adjust_points", subjectType: "User", subjectId: userId, details: { amount, reason },
 * });
 * ```
 */
export function publishAdminAction(
  tx: SqlExecutor,
  event: ReturnType<typeof adminActionRecorded>,
  actor: Pick<Actor, "userId">,
  action: AdminAction,
): Promise<EventEnvelope<z.infer<typeof adminActionPayload>>> {
  return publishEvent(tx, event, action, { aggregateId: action.subjectId, actorId: actor.userId });
}
