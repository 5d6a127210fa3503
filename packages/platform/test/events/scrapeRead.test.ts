import { Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { relayMetrics } from "../../src/events/eventMetrics.ts";
import { readForScrape } from "../../src/events/scrapeRead.ts";

describe("gauges read when scraped", () => {
  it("answer the scrape with the last value while the outbox cannot be read", async () => {
    const registry = new Registry();
    let databaseUp = true;
    const metrics = relayMetrics(registry, async () => {
      if (!databaseUp) throw new Error("Postgres is away");
      metrics.backlog.set(3);
    });
    expect(await registry.metrics()).toContain("events_outbox_backlog 3");
    databaseUp = false;
    expect(await registry.metrics()).toContain("events_outbox_backlog 3");
    metrics.release();
  });

  it("stop waiting for a read that hangs (a frozen server), and let it finish later", async () => {
    let finished = false;
    let finish = () => {};
    const hanging = () =>
      new Promise<void>((resolve) => {
        finish = () => {
          finished = true;
          resolve();
        };
      });
    await readForScrape(hanging, 20);
    expect(finished).toBe(false);
    finish();
    expect(finished).toBe(true);
  });
});
