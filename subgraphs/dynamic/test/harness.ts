import type { EventDefinition, EventPayload } from "@health/events/define";
import type { EventEnvelope } from "@health/events/envelope";
import { loadConfig } from "@health/platform/config";
import { busSubject } from "@health/platform/events";
import { eventually, startSubgraphHarness } from "@health/platform/testing";
import { dynamicConfigSchema } from "../src/config.ts";
import { connectDynamic } from "../src/connect.ts";
import { dynamicSubgraph } from "../src/subgraph.ts";

/**
 * The dynamic subgraph on a free port over its own fresh database, its consumer reading streams of its
 * own (a random prefix, deleted at close), Redis keys under a random prefix, and a real token issuer.
 */
export async function startDynamicSubgraph() {
  const harness = await startSubgraphHarness({
    definition: dynamicSubgraph,
    loadConfig: (env) => loadConfig(dynamicConfigSchema, env),
    connect: connectDynamic,
  });
  const js = harness.deps.nats.jetstream();

  /** Publishes an envelope to JetStream as the relay does (`msgId` defaults to the event id). */
  const publish = async <E extends EventDefinition>(
    event: E,
    envelope: EventEnvelope<EventPayload<E>>,
    msgID = envelope.id,
  ) => {
    await js.publish(busSubject(event.subject, harness.bus), JSON.stringify(envelope), { msgID });
  };

  return { ...harness, db: harness.deps.db, publish, eventually };
}

export type DynamicHarness = Awaited<ReturnType<typeof startDynamicSubgraph>>;
