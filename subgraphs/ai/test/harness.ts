import { loadConfig } from "@health/platform/config";
import { connectNats } from "@health/platform/nats";
import { startSubgraphHarness } from "@health/platform/testing";
import { aiConfigSchema } from "../src/config.ts";
import { connectAi } from "../src/connect.ts";
import { taskStreamName } from "../src/domain/generation/workQueue.ts";
import { aiSubgraph } from "../src/subgraph.ts";

/**
 * The ai subgraph on a free port over its own fresh database, with a real token issuer, and its
 * outbox relay, consumers and generation worker on streams of its own (a random prefix, deleted at close).
 */
export async function startAiSubgraph(env: Record<string, string> = {}) {
  const harness = await startSubgraphHarness({
    definition: aiSubgraph,
    loadConfig: (values) => loadConfig(aiConfigSchema, values),
    connect: connectAi,
    env,
  });
  return {
    ...harness,
    db: harness.deps.db,
    close: async () => {
      await harness.close();
      const nats = await connectNats(harness.config.NATS_URL, "test-cleanup");
      const jsm = await nats.jetstreamManager();
      await jsm.streams.delete(taskStreamName(harness.bus)).catch(() => undefined);
      await nats.close();
    },
  };
}

export type AiHarness = Awaited<ReturnType<typeof startAiSubgraph>>;
