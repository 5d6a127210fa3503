// (b) one fan-out measurement: N graphql-ws subscribers on one server, a warm-up event, single events
// one after another, then a burst; the latency of every delivery and the server's memory around them.
import { ascending, percentile } from "../stats.ts";
import { BURST_EVENTS, DELIVERY_TIMEOUT_MS, SINGLE_EVENTS } from "./settings.ts";
import { connectSubscribers, type Subscriber } from "./subscribers.ts";
import { sleep, waitUntil } from "./waits.ts";

/** The server process's memory; `sockets`: the WebSockets it holds, `upstream`: its sockets into trade. */
export interface ServerMemory {
  rss: number;
  maxRss: number;
  heapUsed: number;
  upstream: number | null;
  sockets: number;
}

/** Creates `count` events on the server (orders, or the bare server's own). */
type Emit = (count: number) => Promise<void>;

export interface FanoutResult {
  n: number;
  /** SINGLE_EVENTS events created one after another, each delivered everywhere before the next. */
  single: { expected: number; delivered: number; p50: number; p99: number; max: number };
  connected: number;
  failedConnects: number;
  connectSeconds: number;
  warmedUp: number;
  expected: number;
  delivered: number;
  p50: number;
  p99: number;
  max: number;
  burstSeconds: number;
  idle: { rss: number; heapUsed: number; upstream: number | null };
  /** After every client disconnected (server sockets gone + 2 s), forced GC. */
  after: { rss: number; heapUsed: number; maxRss: number };
  loaded: { rss: number; heapUsed: number };
  upstreamSockets: number | null;
  errors: number;
}

/** Warm-up event (all must see it), memory, then a burst of BURST_EVENTS; latency of every delivery. */
export async function fanout(
  n: number,
  url: string,
  tokens: Array<string | null>,
  emit: Emit,
  memory: () => Promise<ServerMemory>,
): Promise<FanoutResult> {
  const idle = await memory();
  const { subscribers, failedConnects, seconds } = await connectSubscribers(url, tokens);
  const { warmedUp, loaded } = await warmUp(subscribers, emit, memory);
  const single = await singleEvents(subscribers, emit);
  const started = Date.now();
  await emit(BURST_EVENTS);
  await waitUntil(() => subscribers.every((s) => s.arrivals.length >= BURST_EVENTS), DELIVERY_TIMEOUT_MS);
  const latencies = deliveries(subscribers);
  const burstSeconds = (Date.now() - started) / 1000;
  const errors = subscribers.reduce((sum, s) => sum + s.errors.length, 0);
  await Promise.all(subscribers.map((s) => s.subscription.close()));
  await waitUntil(async () => (await memory()).sockets <= 10, 60_000);
  await sleep(2_000);
  const after = await memory();
  return {
    after,
    n,
    connected: subscribers.length,
    failedConnects,
    connectSeconds: seconds,
    warmedUp,
    expected: subscribers.length * BURST_EVENTS,
    delivered: latencies.length,
    single: { expected: subscribers.length * SINGLE_EVENTS, delivered: single.length, ...spread(single) },
    ...spread(latencies),
    burstSeconds,
    idle,
    loaded,
    upstreamSockets: loaded.upstream,
    errors,
  };
}

const spread = (sorted: number[]) => ({
  p50: percentile(sorted, 50),
  p99: percentile(sorted, 99),
  max: sorted.at(-1) ?? Number.NaN,
});

/** Every subscriber's latencies so far, sorted. */
const deliveries = (subscribers: Subscriber[]): number[] =>
  ascending(subscribers.flatMap((s) => s.arrivals.map((a) => a.latency)));

/** Once the server holds every socket, one event that every subscriber must see; memory loaded. */
async function warmUp(subscribers: Subscriber[], emit: Emit, memory: () => Promise<ServerMemory>) {
  // Subscriptions are live once the server side holds every socket (router: and each upstream too).
  await waitUntil(async () => {
    const m = await memory();
    return m.sockets >= subscribers.length;
  }, 60_000);
  await sleep(1_000);
  await emit(1);
  await waitUntil(() => subscribers.every((s) => s.arrivals.length >= 1), 60_000);
  const warmedUp = subscribers.filter((s) => s.arrivals.length >= 1).length;
  const loaded = await memory();
  for (const s of subscribers) s.arrivals.length = 0;
  return { warmedUp, loaded };
}

/** One event at a time: each is delivered everywhere (or times out) before the next is created. */
async function singleEvents(subscribers: Subscriber[], emit: Emit): Promise<number[]> {
  for (let i = 1; i <= SINGLE_EVENTS; i++) {
    await emit(1);
    await waitUntil(() => subscribers.every((s) => s.arrivals.length >= i), DELIVERY_TIMEOUT_MS);
    await sleep(300);
  }
  const latencies = deliveries(subscribers);
  for (const s of subscribers) s.arrivals.length = 0;
  return latencies;
}
