// The seed publishes thousands of events (follows, consents, points, orders) that every consumer works
// through after the seed returns; measuring before they are done would charge that work to the ramp.
import { LOCAL_NATS } from "@health/platform/config";
import { eventsStreamName } from "@health/platform/events";
import { connectNats } from "@health/platform/nats";
import { sleep } from "../live/waits.ts";

/** Events not yet acknowledged by the durable consumers of the run's stream. */
async function backlog(prefix: string): Promise<number> {
  const nats = await connectNats(process.env.NATS_URL ?? LOCAL_NATS, "bench-scenario-backlog");
  try {
    const jsm = await nats.jetstreamManager();
    let pending = 0;
    for await (const consumer of jsm.consumers.list(eventsStreamName({ prefix })))
      pending += consumer.num_pending + consumer.num_ack_pending;
    return pending;
  } finally {
    await nats.close();
  }
}

/** Waits until every consumer has caught up, or `timeoutMs` passed; the backlog left (0 when caught up). */
export async function drainEventBacklog(prefix: string, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pending = await backlog(prefix);
    if (pending === 0 || Date.now() > deadline) return pending;
    await sleep(1_000);
  }
}
