import type { JetStreamManager } from "nats";
import { Gauge, type Registry } from "prom-client";
import { isStreamNotFound } from "./natsErrors.ts";
import { busSubject, deadLetterStreamName, type EventBusOptions } from "./subjects.ts";

/** Per gauge, how each consumer of the process counts its dead letters when scraped. */
const readers = new WeakMap<Gauge, Map<string, () => Promise<void>>>();

function deadLetterGauge(registry: Registry | undefined): Gauge<"consumer"> {
  const name = "events_dead_letter_messages";
  const existing = registry?.getSingleMetric(name);
  if (existing) return existing as Gauge<"consumer">;
  return new Gauge({
    name,
    help: "Messages of the consumer held in the dead-letter stream (until replayed or purged)",
    labelNames: ["consumer"],
    registers: registry ? [registry] : [],
    // Asked of JetStream when scraped (rule 11). A request that fails or times out (the JetStream API's
    // own timeout, 5 s by default) leaves the last value: the scrape still answers.
    async collect() {
      const reads = [...(readers.get(this)?.values() ?? [])];
      await Promise.all(reads.map((read) => read().catch(() => undefined)));
    },
  });
}

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
  const gauge = deadLetterGauge(registry);
  const filter = busSubject(`dlq.${consumer}.>`, bus);
  const read = async () => {
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
  };
  const byConsumer = readers.get(gauge) ?? new Map<string, () => Promise<void>>();
  readers.set(gauge, byConsumer.set(consumer, read));
  return () => {
    if (byConsumer.get(consumer) === read) byConsumer.delete(consumer);
  };
}
