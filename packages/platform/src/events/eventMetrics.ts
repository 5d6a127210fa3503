import { Counter, Gauge, type Registry } from "prom-client";
import { readForScrape } from "./scrapeRead.ts";

// Get-or-create: several consumers (and a relay) of one process share one registry. Without a
// registry the metrics still count, unregistered, so the code paths stay the same.

function counter<L extends string>(
  registry: Registry | undefined,
  name: string,
  help: string,
  labelNames: L[],
) {
  const existing = registry?.getSingleMetric(name);
  if (existing) return existing as Counter<L>;
  return new Counter<L>({ name, help, labelNames, registers: registry ? [registry] : [] });
}

export interface RelayMetrics {
  backlog: Gauge;
  oldestAgeSeconds: Gauge;
  published: Counter;
  /** Stops reading the outbox on scrape (the relay stopped). */
  release(): void;
}

/** Per backlog gauge, how to read the outbox when it is scraped (the latest relay that registered). */
const backlogReaders = new WeakMap<Gauge, () => Promise<void>>();

function backlogGauge(registry: Registry | undefined, name: string, help: string): Gauge {
  const existing = registry?.getSingleMetric(name);
  if (existing) return existing as Gauge;
  return new Gauge({
    name,
    help,
    registers: registry ? [registry] : [],
    // Read when scraped, not on a timer: an idle relay queries nothing (../shared/design/ARCHITECTURE.md rule 11).
    async collect() {
      await readForScrape(backlogReaders.get(this));
    },
  });
}

/** The relay's metrics; `readBacklog` sets both gauges and runs whenever they are scraped. */
export function relayMetrics(registry: Registry | undefined, readBacklog: () => Promise<void>): RelayMetrics {
  const backlog = backlogGauge(registry, "events_outbox_backlog", "Outbox rows not yet published");
  const oldestAgeSeconds = backlogGauge(
    registry,
    "events_outbox_oldest_age_seconds",
    "Age of the oldest unpublished outbox row (0 when none)",
  );
  backlogReaders.set(backlog, readBacklog);
  backlogReaders.set(oldestAgeSeconds, readBacklog);
  return {
    backlog,
    oldestAgeSeconds,
    published: counter(registry, "events_published_total", "Outbox rows published to JetStream", []),
    release: () => {
      for (const gauge of [backlog, oldestAgeSeconds])
        if (backlogReaders.get(gauge) === readBacklog) backlogReaders.delete(gauge);
    },
  };
}

/** What became of one delivered message. */
export type ConsumeOutcome =
  | "processed"
  | "duplicate"
  | "skipped"
  | "retried"
  | "dead_lettered"
  | "invalid"
  | "forged"
  | "unacked";

export interface ConsumerMetrics {
  lag: Gauge<"consumer">;
  consumed: Counter<"consumer" | "outcome">;
  redeliveries: Counter<"consumer">;
  deadLetters: Counter<"consumer">;
}

/** Per gauge, how each consumer of the process reads its value when the gauge is scraped. */
const scrapeReaders = new WeakMap<Gauge, Map<string, () => Promise<void>>>();

/**
 * A gauge by `consumer` whose values are asked of JetStream when scraped, not on a timer: an idle consumer
 * costs no round trips (rule 11). A read that fails or takes over 2 s leaves the last value
 * (scrapeRead.ts), and the scrape still answers.
 */
export function consumerScrapeGauge(
  registry: Registry | undefined,
  name: string,
  help: string,
): Gauge<"consumer"> {
  const existing = registry?.getSingleMetric(name);
  if (existing) return existing as Gauge<"consumer">;
  return new Gauge({
    name,
    help,
    labelNames: ["consumer"],
    registers: registry ? [registry] : [],
    async collect() {
      const readers = scrapeReaders.get(this)?.values() ?? [];
      await Promise.all([...readers].map((read) => readForScrape(read)));
    },
  });
}

/** Reads `consumer`'s value of `gauge` whenever it is scraped, until the returned release is called. */
export function readOnScrape(
  gauge: Gauge<"consumer">,
  consumer: string,
  read: () => Promise<void>,
): () => void {
  const readers = scrapeReaders.get(gauge) ?? new Map<string, () => Promise<void>>();
  scrapeReaders.set(gauge, readers.set(consumer, read));
  return () => {
    if (readers.get(consumer) === read) readers.delete(consumer);
  };
}

/** Reads `consumer`'s lag into `lag` whenever it is scraped, until the returned release is called. */
export const readLagOnScrape = readOnScrape;

export const consumerMetrics = (registry?: Registry): ConsumerMetrics => ({
  lag: consumerScrapeGauge(
    registry,
    "events_consumer_lag",
    "Messages not yet delivered to the consumer (num_pending)",
  ),
  consumed: counter(
    registry,
    "events_consumed_total",
    "Delivered messages by outcome (processed, duplicate, skipped, retried, dead_lettered, invalid, forged, unacked)",
    ["consumer", "outcome"],
  ),
  redeliveries: counter(registry, "events_redeliveries_total", "Messages delivered more than once", [
    "consumer",
  ]),
  deadLetters: counter(registry, "events_dead_letters_total", "Messages moved to the dead-letter stream", [
    "consumer",
  ]),
});
