import { LOCAL_NATS } from "../config/serviceConfig.ts";
import { deadLetterStreamName, eventsStreamName } from "../events/subjects.ts";
import { connectNats } from "../nats/connectNats.ts";

/** Deletes a test run's own event and dead-letter streams (call after its relays and consumers stopped). */
export async function deleteEventStreams(
  bus: { prefix: string },
  natsUrl = process.env.NATS_URL ?? LOCAL_NATS,
): Promise<void> {
  const nats = await connectNats(natsUrl, "test-cleanup");
  try {
    const jsm = await nats.jetstreamManager();
    for (const stream of [eventsStreamName(bus), deadLetterStreamName(bus)]) {
      await jsm.streams.delete(stream).catch(() => undefined);
    }
  } finally {
    await nats.close();
  }
}
