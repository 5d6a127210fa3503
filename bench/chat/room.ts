// One room measured on one server: VIEWERS light graphql-ws clients subscribe, a warm-up message, then
// RATE messages a second for SECONDS; message-to-viewer latency is `arrival at the client − the
// message's createdAt` (stamped by biz through the router, by the bare server itself), and the
// server's memory idle, loaded (all subscribed) and its peak.

import { type LightSubscription, subscribeLight } from "../live/lightSubscriber.ts";
import { pooled, sleep, waitUntil } from "../live/waits.ts";
import { ascending, percentile } from "../stats.ts";
import { DRAIN_TIMEOUT_MS, RATE, SECONDS } from "./settings.ts";

export interface ServerMemory {
  rss: number;
  maxRss: number;
  heapUsed: number;
  /** WebSockets the server holds. */
  sockets: number;
}

export interface RoomResult {
  viewers: number;
  connected: number;
  connectSeconds: number;
  sent: number;
  expected: number;
  delivered: number;
  p50: number;
  p99: number;
  max: number;
  idleRss: number;
  loadedRss: number;
  loadedHeap: number;
  peakRss: number;
  errors: number;
}

interface Viewer {
  subscription: LightSubscription;
  latencies: number[];
  errors: unknown[];
}

type ChatPayload = { data?: { liveChat?: { kind: string; message?: { createdAt: string } | null } } };

async function connectViewers(url: string, tokens: Array<string | null>, query: string) {
  const viewers: Viewer[] = [];
  await pooled(tokens, 200, async (token) => {
    const viewer: Viewer = { subscription: null as never, latencies: [], errors: [] };
    viewer.subscription = subscribeLight(
      url,
      token,
      query,
      (payload, at) => {
        const event = (payload as ChatPayload).data?.liveChat;
        if (event?.kind === "MESSAGE" && event.message)
          viewer.latencies.push(at - Date.parse(event.message.createdAt));
        else if (!event) viewer.errors.push(payload.errors);
      },
      (error) => viewer.errors.push(error),
    );
    if (await viewer.subscription.connected) viewers.push(viewer);
  });
  return viewers;
}

/** Measures one room: `send` makes one message appear in it; `memory` reads the server's process. */
export async function measureRoom(
  url: string,
  tokens: Array<string | null>,
  query: string,
  send: () => Promise<void>,
  memory: () => Promise<ServerMemory>,
): Promise<RoomResult> {
  const idle = await memory();
  const connectStarted = performance.now();
  const viewers = await connectViewers(url, tokens, query);
  const connectSeconds = (performance.now() - connectStarted) / 1000;
  await waitUntil(async () => (await memory()).sockets >= viewers.length, 60_000);
  // Warm-up: every viewer sees one message before the measured ones (the subscriptions are live).
  for (let attempt = 0; attempt < 10 && !viewers.every((v) => v.latencies.length > 0); attempt++) {
    await send();
    await waitUntil(() => viewers.every((v) => v.latencies.length > 0), 5_000);
  }
  const loaded = await memory();
  for (const v of viewers) v.latencies.length = 0;

  const total = RATE * SECONDS;
  const started = performance.now();
  const sends: Array<Promise<void>> = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    sends.push(send());
  }
  await Promise.all(sends);
  await waitUntil(() => viewers.every((v) => v.latencies.length >= total), DRAIN_TIMEOUT_MS);
  const latencies = ascending(viewers.flatMap((v) => v.latencies));
  const errors = viewers.reduce((sum, v) => sum + v.errors.length, 0);
  await Promise.all(viewers.map((v) => v.subscription.close()));
  const after = await memory();
  return {
    viewers: tokens.length,
    connected: viewers.length,
    connectSeconds,
    sent: total,
    expected: viewers.length * total,
    delivered: latencies.length,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? Number.NaN,
    idleRss: idle.rss,
    loadedRss: loaded.rss,
    loadedHeap: loaded.heapUsed,
    peakRss: after.maxRss,
    errors,
  };
}
