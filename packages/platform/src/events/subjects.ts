import { catalog } from "@health/events/catalog";

/** Where the mechanism's streams and subjects live; tests pass a random `prefix` to get their own. */
export interface EventBusOptions {
  /** A single subject token (letters, digits, `_`, `-`). Streams become `<prefix>_EVENTS`, subjects `<prefix>.<subject>`. Default: none. */
  prefix?: string;
  /**
   * How many NATS servers keep each stream's messages (JetStream replicas) when this process creates it:
   * 1 (the default) on a single server, 3 on a three-node cluster, so losing a node loses no event.
   */
  replicas?: number;
}

const TOKEN = /^[A-Za-z0-9_-]+$/;

function checkedPrefix(options: EventBusOptions): string | undefined {
  const { prefix } = options;
  if (prefix === undefined || prefix === "") return undefined;
  if (!TOKEN.test(prefix)) {
    throw new Error(`Event bus prefix "${prefix}" must be one subject token: letters, digits, "_" or "-".`);
  }
  return prefix;
}

/** Throws unless `name` can be a durable consumer name and a DLQ subject token. */
export function assertConsumerName(name: string): void {
  if (!TOKEN.test(name)) {
    throw new Error(`Consumer name "${name}" must be one subject token: letters, digits, "_" or "-".`);
  }
}

export function eventsStreamName(options: EventBusOptions = {}): string {
  const prefix = checkedPrefix(options);
  return prefix ? `${prefix}_EVENTS` : "EVENTS";
}

export function deadLetterStreamName(options: EventBusOptions = {}): string {
  const prefix = checkedPrefix(options);
  return prefix ? `${prefix}_EVENTS_DLQ` : "EVENTS_DLQ";
}

/** The subject a catalog subject (`user.goal_achieved.v1`) travels on under these options. */
export function busSubject(subject: string, options: EventBusOptions = {}): string {
  const prefix = checkedPrefix(options);
  return prefix ? `${prefix}.${subject}` : subject;
}

/** The catalog subject of a bus subject, or undefined when the subject is outside these options' prefix. */
export function catalogSubject(subject: string, options: EventBusOptions = {}): string | undefined {
  const prefix = checkedPrefix(options);
  if (!prefix) return subject;
  return subject.startsWith(`${prefix}.`) ? subject.slice(prefix.length + 1) : undefined;
}

/** One `<producer>.>` per producer in the catalog: the `EVENTS` stream's subjects. */
export function eventsStreamSubjects(options: EventBusOptions = {}): string[] {
  const producers = [...new Set(catalog.map((event) => event.producer))].sort();
  return producers.map((producer) => busSubject(`${producer}.>`, options));
}

export const deadLetterStreamSubject = (options: EventBusOptions = {}): string =>
  busSubject("dlq.>", options);

/** `dlq.<consumer>.<catalog subject>`: an operator sees at a glance who gave up on what. */
export function deadLetterSubject(consumer: string, subject: string, options: EventBusOptions = {}): string {
  return busSubject(`dlq.${consumer}.${catalogSubject(subject, options) ?? subject}`, options);
}
