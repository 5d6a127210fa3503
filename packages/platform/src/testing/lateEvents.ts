import { randomUUID } from "node:crypto";
import type { EventDefinition } from "@health/events/define";
import type { z } from "zod";
import { prepareEvent } from "../events/publishEvent.ts";
import { eventually } from "./eventually.ts";
import type { PrivacyTestTarget } from "./privacyRequests.ts";

/**
 * Publishes `event` on the target's bus as its producer's relay would (a late event, after an erasure),
 * and waits (30 s at most) until `consumers` of the subgraph's consumers recorded it in their inbox, so the
 * test reads what their handlers did. Throws if they never do. Returns the event's id.
 */
export async function deliverEvent<E extends EventDefinition>(
  target: PrivacyTestTarget,
  event: E,
  payload: z.input<E["payload"]>,
  consumers = 1,
): Promise<string> {
  const { envelope } = prepareEvent(event, payload, { aggregateId: randomUUID(), actorId: null });
  await target.publish(event, envelope);
  const handled = await eventually(
    async () => {
      const [row] = await target.db.$queryRawUnsafe<Array<{ n: number }>>(
        `SELECT count(*)::int AS n FROM "inbox_events" WHERE "event_id" = $1::uuid`,
        envelope.id,
      );
      return row?.n ?? 0;
    },
    (n) => n >= consumers,
    30_000,
  );
  if (handled < consumers)
    throw new Error(`Waited 30 s for ${consumers} consumer(s) to handle ${event.subject}; ${handled} did.`);
  return envelope.id;
}
