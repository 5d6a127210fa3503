import { Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { consumerMetrics, readLagOnScrape } from "../../src/events/eventMetrics.ts";

describe("events_consumer_lag", () => {
  it("is read from each consumer when scraped, and not after the consumer released it", async () => {
    const registry = new Registry();
    const { lag } = consumerMetrics(registry);
    let reads = 0;
    const release = readLagOnScrape(lag, "dynamic", async () => {
      reads++;
      lag.set({ consumer: "dynamic" }, 7);
    });
    readLagOnScrape(consumerMetrics(registry).lag, "ops", async () => {
      throw new Error("NATS is away");
    });
    expect(reads).toBe(0);

    expect(await registry.metrics()).toContain('events_consumer_lag{consumer="dynamic"} 7');
    expect(reads).toBe(1);
    release();
    await registry.metrics();
    expect(reads).toBe(1);
  });
});
