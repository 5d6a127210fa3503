import { z } from "zod";
import { defineEvent, type Producer } from "./defineEvent.ts";

/** What every `admin_action_recorded` carries, whichever subgraph publishes it. */
export const adminActionPayload = z.object({
  /** What the admin did, snake_case: "adjust_points", "decide_moderation_case". */
  action: z.string().min(1).max(100),
  /** What it was done to: a type name and its id. */
  subjectType: z.string().min(1).max(100),
  subjectId: z.string().min(1).max(200),
  /** Anything worth keeping (the arguments that mattered, a reason), never health data. */
  details: z.record(z.string(), z.unknown()).default({}),
});

/**
 * The `admin_action_recorded` contract of one producer: a contract has one producer, so each subgraph
 * whose admins act gets its own (`<producer>.admin_action_recorded.v1`), all with this payload. ops audits
 * them (the actor is the envelope's `actorId`).
 */
export const adminActionRecorded = (producer: Producer) =>
  defineEvent({
    name: "admin_action_recorded",
    version: 1,
    producer,
    description: `An admin acted in ${producer} (published in the action's transaction): ops appends it to the audit log.`,
    payload: adminActionPayload,
  });
