import type { EventDefinition } from "@health/events/define";
import type { EventEnvelope } from "@health/events/envelope";
import type { z } from "zod";
import type { SqlExecutor } from "./sql.ts";

/** What a handler may ask besides its transaction. */
export interface HandlerEffects {
  /**
   * Runs `effect` once the handler's transaction committed (a push to subscribers, say); never when it
   * rolled back. An effect that throws is logged, not retried: the event is already handled.
   */
  afterCommit(effect: () => void | Promise<void>): void;
}

/** Does the consumer's domain work for one event, inside the consumer's transaction `tx`. */
export type EventHandler<E extends EventDefinition = EventDefinition> = (
  tx: SqlExecutor,
  envelope: EventEnvelope<z.infer<E["payload"]>>,
  effects: HandlerEffects,
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
