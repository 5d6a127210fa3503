import type { z } from "zod";

export type Producer =
  | "auth"
  | "user"
  | "dynamic"
  | "trade"
  | "content"
  | "biz"
  | "ec"
  | "finance"
  | "ops"
  | "ai";

/** One event contract: the seed's name, its version, who publishes it, and what its payload must be. */
export interface EventDefinition<TName extends string = string, TPayload extends z.ZodType = z.ZodType> {
  name: TName;
  version: number;
  producer: Producer;
  /** `<producer>.<name>.v<version>`, the NATS subject the event travels on. */
  subject: string;
  payload: TPayload;
  description: string;
}

export type EventPayload<E extends EventDefinition> = z.infer<E["payload"]>;

export function defineEvent<TName extends string, TPayload extends z.ZodType>(definition: {
  name: TName;
  version: number;
  producer: Producer;
  payload: TPayload;
  description: string;
}): EventDefinition<TName, TPayload> {
  return { ...definition, subject: `${definition.producer}.${definition.name}.v${definition.version}` };
}
