import type { JetStreamManager } from "nats";
import type { Registry } from "prom-client";
import { consumerScrapeGauge, readOnScrape } from "./eventMetrics.ts";
import { isStreamNotFound } from "./natsErrors.ts";
import { busSubject, deadLetterStreamName, type EventBusOptions } from "./subjects.ts";

/**
 * Reports how many of `consumer`'s dead letters the dead-letter stream holds (its `dlq.<consumer>.>`
 * subjects) as `events_dead_letter_messages{consumer}`, read on scrape until the returned release is called.
 */
export function countDeadLettersOnScrape(
  registry: Registry | undefined,
  jsm: JetStreamManager,
  consumer: string,
  bus: EventBusOptions,
): () => void {
  const gauge = consumerScrapeGauge(
    registry,
    "events_dead_letter_messages",
    "Messages of the consumer held in the dead-letter stream (until replayed or purged)",
  );
  const filter = busSubject(`dlq.${consumer}.>`, bus);
  return readOnScrape(gauge, consumer, async () => {
    try {
      const info = await jsm.streams.info(deadLetterStreamName(bus), { subjects_filter: filter });
      const counts = Object.values(info.state.subjects ?? {});
      gauge.set(
        { consumer },
        counts.reduce((sum, n) => sum + n, 0),
      );
    } catch (error) {
      if (!isStreamNotFound(error)) throw error;
      gauge.set({ consumer }, 0);
    }
  });
}
