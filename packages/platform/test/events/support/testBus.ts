import { randomBytes } from "node:crypto";
import type { NatsConnection } from "nats";
import type { Registry } from "prom-client";
import { ensureEventStreams } from "../../../src/events/streams.ts";
import { deadLetterStreamName, eventsStreamName } from "../../../src/events/subjects.ts";

/** A prefix of the test's own: its streams and subjects touch no other test's. */
export const randomBusPrefix = (): string => `t_${randomBytes(4).toString("hex")}`;

/** Hands out fresh stream pairs and deletes them all at the end. */
export function testBuses(nats: () => NatsConnection) {
  const prefixes: string[] = [];
  return {
    async create(): Promise<string> {
      const prefix = randomBusPrefix();
      prefixes.push(prefix);
      await ensureEventStreams(nats(), { prefix });
      return prefix;
    },
    /** Deletes at the end the streams of a prefix the test created itself. */
    adopt(prefix: string): void {
      prefixes.push(prefix);
    },
    async deleteAll(): Promise<void> {
      const jsm = await nats().jetstreamManager();
      for (const prefix of prefixes) {
        for (const stream of [eventsStreamName({ prefix }), deadLetterStreamName({ prefix })]) {
          await jsm.streams.delete(stream).catch(() => undefined);
        }
      }
    },
  };
}

/** Polls `check` until it returns true. */
export async function eventually(
  check: () => Promise<boolean>,
  what: string,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The value of a counter or gauge for the given labels (0 when never touched). */
export async function metricValue(registry: Registry, name: string, labels: Record<string, string> = {}) {
  const metric = registry.getSingleMetric(name);
  if (!metric) return 0;
  const { values } = await metric.get();
  const match = values.find((value) =>
    Object.entries(labels).every(([key, wanted]) => String(value.labels[key]) === wanted),
  );
  return match?.value ?? 0;
}
