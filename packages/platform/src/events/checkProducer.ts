import type { EventDefinition } from "@health/events/define";
import type { EventEnvelope } from "@health/events/envelope";

/**
 * Why a message does not come from the subgraph that owns its subject, or undefined when it does.
 * The contract names the producer; the envelope and the `Health-Producer` header must both name it.
 * A message relayed before the header existed has none, so a missing header is not a mismatch.
 * Both are written by whoever publishes: this check only holds together with NATS publish
 * permissions (deploy/nats/nats-server.conf), which keep every other user off the owner's subjects.
 */
export function producerMismatch(
  event: EventDefinition,
  envelope: Pick<EventEnvelope, "producer">,
  headerProducer: string | undefined,
): string | undefined {
  if (envelope.producer !== event.producer) {
    return `producer mismatch: the envelope says producer "${envelope.producer}" on ${event.subject}, which only ${event.producer} publishes`;
  }
  if (headerProducer !== undefined && headerProducer !== event.producer) {
    return `producer mismatch: the Health-Producer header says "${headerProducer}" on ${event.subject}, which only ${event.producer} publishes`;
  }
  return undefined;
}
