import type { EventDefinition } from "@health/events/define";
import type { EventEnvelope } from "@health/events/envelope";
import type { z } from "zod";
import type { SqlExecutor } from "./sql.ts";

/** Does the consumer's domain work for one event, inside the consumer's transaction `tx`. */
export type EventHandler<E extends EventDefinition = EventDefinition> = (
  tx: SqlExecutor,
  envelope: EventEnvelope<z.infer<E["payload"]>>,
) => Promise<void>;

export interface HandlerRegistration {
  event: EventDefinition;
  // biome-ignore lint/suspicious/noExplicitAny: a list holds handlers of different events; `on` keeps each one typed.
  handle: EventHandler<any>;
}

/** Pairs an event with its handler, typing the handler's envelope by the event's payload schema. */
export const on = <E extends EventDefinition>(event: E, handle: EventHandler<E>): HandlerRegistration => ({
  event,
  handle,
});
