// npm run bench:events: throughput, lag and backlog drain of the event mechanism (outbox → relay →
// JetStream → durable consumer with inbox + handler transaction) on the real Postgres and NATS. The
// producing side (business transactions + relay) runs in a child process, as a producing subgraph
// would; the consumer runs here. Uses a database and stream prefixes of its own and deletes them.
import { fork } from "node:child_process";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { type EventConsumer, startEventConsumer } from "@health/platform/events";
import { createLogger } from "@health/platform/logging";
import { createEventsTestDatabase, type EventsTestDatabase } from "@health/platform/testing";
import { connect, type NatsConnection } from "nats";
import { ascending, percentile } from "../stats.ts";
import { fillBareOutbox, startBareConsumer } from "./barePath.ts";
import { activityHandler, BENCH_TABLES_SQL, benchBuses, fillOutbox, waitFor } from "./benchBus.ts";
import type { ProducerConfig, ProducerJob, ProducerReport } from "./producer.ts";

const THROUGHPUT_EVENTS = 10_000;
const LAG_RATE_PER_SECOND = 1_000;
const LAG_SECONDS = 10;
const LAG_WARMUP_SECONDS = 2;
const BACKLOG_EVENTS = 20_000;
// One consumer transaction in flight per CPU; more only queue for the same cores here.
const CONCURRENCY = Number(process.env.BENCH_CONSUMER_CONCURRENCY ?? availableParallelism());
const NATS_URL = process.env.NATS_URL ?? "nats://127.0.0.1:4222";
const REPO_ROOT = join(import.meta.dirname, "../..");

const logger = createLogger("bench-events", "silent");
const now = () => performance.timeOrigin + performance.now();

interface Bench {
  database: EventsTestDatabase;
  nats: NatsConnection;
}

/** Runs one producer job in a child process; resolves with its start time and its final report. */
function produce(bench: Bench, prefix: string, job: ProducerJob) {
  const config: ProducerConfig = { ...job, url: bench.database.url, natsUrl: NATS_URL, prefix };
  const child = fork(join(import.meta.dirname, "producer.ts"), [JSON.stringify(config)], {
    cwd: REPO_ROOT,
    execArgv: ["--import", "tsx"],
  });
  let startedAt!: (at: number) => void;
  const started = new Promise<number>((resolve) => {
    startedAt = resolve;
  });
  const done = new Promise<Extract<ProducerReport, { type: "done" }>>((resolve, reject) => {
    child.on("message", (message: ProducerReport) => {
      if (message.type === "started") startedAt(message.at);
      else resolve(message);
    });
    child.on("exit", (code) => (code ? reject(new Error(`producer exited with ${code}`)) : undefined));
  });
  return { started, done };
}

/** A consumer on fresh tables; `committedAt` holds each event's consumer-commit time. */
async function startConsumer(bench: Bench, prefix: string, concurrency: number) {
  await bench.database.pool.query("TRUNCATE outbox_events, inbox_events, activities");
  const committedAt = new Map<string, number>();
  const consumer: EventConsumer = await startEventConsumer({
    consumer: "bench",
    db: bench.database.db,
    nats: bench.nats,
    logger,
    prefix,
    concurrency,
    handlers: [activityHandler],
    // Runs right after the consumer's transaction committed: the end of every measured path.
    beforeAck: async (envelope) => {
      committedAt.set(envelope.id, now());
    },
  });
  const lastCommit = () => Math.max(...committedAt.values());
  return { consumer, committedAt, lastCommit };
}

async function measureThroughput(bench: Bench, prefix: string, concurrency: number) {
  const { consumer, committedAt, lastCommit } = await startConsumer(bench, prefix, concurrency);
  const producer = produce(bench, prefix, { job: "burst", count: THROUGHPUT_EVENTS });
  try {
    await producer.done;
    await waitFor(async () => committedAt.size >= THROUGHPUT_EVENTS, "throughput events");
  } finally {
    await consumer.stop();
  }
  return THROUGHPUT_EVENTS / ((lastCommit() - (await producer.started)) / 1000);
}

async function measureLag(bench: Bench, prefix: string, concurrency: number, wakeOnWrites: boolean) {
  const { consumer, committedAt } = await startConsumer(bench, prefix, concurrency);
  const total = LAG_RATE_PER_SECOND * (LAG_SECONDS + LAG_WARMUP_SECONDS);
  let report: Awaited<ReturnType<typeof produce>["done"]>;
  try {
    report = await produce(bench, prefix, {
      job: "steady",
      rate: LAG_RATE_PER_SECOND,
      seconds: LAG_SECONDS,
      warmupSeconds: LAG_WARMUP_SECONDS,
      wakeOnWrites,
    }).done;
    await waitFor(async () => committedAt.size >= total, "lag events");
  } finally {
    await consumer.stop();
  }
  const { commits, achievedRate } = report;
  const lags = ascending(commits!.map(([id, at]) => committedAt.get(id)! - at));
  return {
    p50: percentile(lags, 50),
    p99: percentile(lags, 99),
    max: lags.at(-1)!,
    achievedRate: achievedRate!,
  };
}

async function measureDrain(bench: Bench, prefix: string, concurrency: number) {
  const { consumer, committedAt, lastCommit } = await startConsumer(bench, prefix, concurrency);
  const relay = await fillOutbox(bench.database.db, BACKLOG_EVENTS).then(() =>
    produce(bench, prefix, { job: "relay" }),
  );
  try {
    await waitFor(async () => committedAt.size >= BACKLOG_EVENTS, "the backlog");
    await relay.done;
  } finally {
    await consumer.stop();
  }
  const seconds = (lastCommit() - (await relay.started)) / 1000;
  return { seconds, rate: BACKLOG_EVENTS / seconds };
}

async function measureBareDrain(bench: Bench, prefix: string) {
  const consumer = await startBareConsumer(bench.nats, prefix);
  await fillBareOutbox(bench.database.pool, BACKLOG_EVENTS);
  const relay = produce(bench, prefix, { job: "bareRelay" });
  try {
    await waitFor(async () => consumer.acked() >= BACKLOG_EVENTS, "the bare backlog");
    await relay.done;
  } finally {
    await consumer.stop();
  }
  const seconds = (consumer.lastAckAt() - (await relay.started)) / 1000;
  return { seconds, rate: BACKLOG_EVENTS / seconds };
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function main() {
  const nats = await connect({ servers: NATS_URL, name: "bench-events" });
  const database = await createEventsTestDatabase({
    prefix: "events_bench",
    extraSql: BENCH_TABLES_SQL,
    maxConnections: 20,
  });
  const bench = { database, nats };
  const buses = benchBuses(nats);
  try {
    console.error("throughput…");
    const single = await measureThroughput(bench, await buses.create(), 1);
    const parallel = await measureThroughput(bench, await buses.create(), CONCURRENCY);
    console.error(`lag at ${LAG_RATE_PER_SECOND}/s for ${LAG_SECONDS} s…`);
    const polled = await measureLag(bench, await buses.create(), CONCURRENCY, false);
    const lag = await measureLag(bench, await buses.create(), CONCURRENCY, true);
    console.error("backlog drain…");
    const drain = await measureDrain(bench, await buses.create(), CONCURRENCY);
    const bare = await measureBareDrain(bench, await buses.create());
    const ratio = drain.rate / bare.rate;

    console.log(`| measurement | result | target |
| --- | --- | --- |
| throughput: ${fmt(THROUGHPUT_EVENTS)} events written (transactions of 20, 4 writers) → relay → JetStream → consumer commit, consumer concurrency 1 | ${fmt(single)} events/s | – |
| throughput: same, consumer concurrency ${CONCURRENCY} | ${fmt(parallel)} events/s | – |
| lag producer commit → consumer commit, one event per transaction at ${fmt(lag.achievedRate)} events/s for ${LAG_SECONDS} s after ${LAG_WARMUP_SECONDS} s warm-up (consumer concurrency ${CONCURRENCY}), relay woken by its process's writes: p50 / p99 / max | ${fmt(lag.p50, 1)} / ${fmt(lag.p99, 1)} / ${fmt(lag.max, 1)} ms | p99 < 50 ms ${lag.p99 < 50 ? "✔" : "✘"} |
| same, relay polling every 10 ms (the baseline, ${fmt(polled.achievedRate)} events/s): p50 / p99 / max | ${fmt(polled.p50, 1)} / ${fmt(polled.p99, 1)} / ${fmt(polled.max, 1)} ms | – |
| lag p99, woken / polling | ${fmt(lag.p99 / polled.p99, 2)} | ≤ 1.00 (no worse) ${lag.p99 <= polled.p99 ? "✔" : "✘"} |
| backlog drain: ${fmt(BACKLOG_EVENTS)} outbox rows, relay started → last consumer commit (concurrency ${CONCURRENCY}) | ${fmt(drain.rate)} events/s (${fmt(drain.seconds, 2)} s) | – |
| raw path: ${fmt(BACKLOG_EVENTS)} rows → 5 ms poll relay → msgID publish → pull consumer ack | ${fmt(bare.rate)} events/s (${fmt(bare.seconds, 2)} s) | – |
| drain / raw | ${fmt(ratio, 2)} | ≥ 0.50 ${ratio >= 0.5 ? "✔" : "✘"} |`);
  } finally {
    await buses.deleteAll();
    await nats.close();
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
