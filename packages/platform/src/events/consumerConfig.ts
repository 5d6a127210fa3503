import { AckPolicy, type ConsumerConfig, DeliverPolicy, nanos } from "nats";

type SubjectFilter = Pick<ConsumerConfig, "filter_subject" | "filter_subjects">;

/** nats-server accepts several filter subjects on one consumer from 2.10 on. */
export function supportsFilterSubjects(serverVersion: string): boolean {
  const [major = 0, minor = 0] = serverVersion.split(".").map((part) => Number.parseInt(part, 10));
  return major > 2 || (major === 2 && minor >= 10);
}

/**
 * The narrowest filter the server can express for the handlers' subjects. Before 2.10 several subjects
 * become their common `<producer>.>` or no filter at all; the consumer acks what it has no handler for.
 */
export function subjectFilter(subjects: readonly string[], serverVersion: string): SubjectFilter {
  const unique = [...new Set(subjects)].sort();
  if (unique.length === 1) return { filter_subject: unique[0]! };
  if (supportsFilterSubjects(serverVersion)) return { filter_subjects: unique };
  const parents = new Set(unique.map((subject) => subject.split(".").slice(0, -2).join(".")));
  if (parents.size === 1) return { filter_subject: `${[...parents][0]}.>` };
  return {};
}

export interface DurableConsumerOptions {
  consumer: string;
  subjects: readonly string[];
  ackWaitMs: number;
  serverVersion: string;
}

export function durableConsumerConfig(options: DurableConsumerOptions): Partial<ConsumerConfig> {
  return {
    durable_name: options.consumer,
    description: `health events consumer ${options.consumer}`,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    ack_wait: nanos(options.ackWaitMs),
    // The consumer counts deliveries itself and dead-letters after its own maxDeliver. A server-side
    // limit would silently drop a message whose consumer crashed on every delivery.
    max_deliver: -1,
    max_ack_pending: 10_000,
    ...subjectFilter(options.subjects, options.serverVersion),
  };
}
