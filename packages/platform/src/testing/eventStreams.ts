import { LOCAL_NATS } from "../config/serviceConfig.ts";
import { connectNats } from "../nats/connectNats.ts";

/**
 * Deletes every stream of a test run, `<prefix>_*`: its events and dead letters, and any stream a subgraph
 * made under the run's prefix (ai's `AI_TASKS` work queue), object stores included (`OBJ_<prefix>_DATA_EXPORTS`). Call after its relays and consumers stopped.
 */
export async function deleteEventStreams(
  bus: { prefix: string },
  natsUrl = process.env.NATS_URL ?? LOCAL_NATS,
): Promise<void> {
  const nats = await connectNats(natsUrl, "test-cleanup");
  try {
    const jsm = await nats.jetstreamManager();
    for await (const stream of jsm.streams.names()) {
      if (stream.startsWith(`${bus.prefix}_`) || stream.startsWith(`OBJ_${bus.prefix}_`))
        await jsm.streams.delete(stream).catch(() => undefined);
    }
  } finally {
    await nats.close();
  }
}
