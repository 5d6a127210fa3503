// The producing side of the benchmark, in a process of its own as a producing subgraph would be:
// business transactions that publish events, and the outbox relay. Driven by run.ts over IPC.
import { startOutboxRelay } from "@health/platform/events";
import { createLogger } from "@health/platform/logging";
import { pgTransactionalDb } from "@health/platform/testing";
import { connect } from "nats";
import pg from "pg";
import { drainBareOutbox } from "./barePath.ts";
import { fillOutbox, recordAction } from "./benchBus.ts";

export type ProducerJob =
  | { job: "burst"; count: number }
  | { job: "steady"; rate: number; seconds: number; warmupSeconds: number; wakeOnWrites: boolean }
  | { job: "relay" }
  | { job: "bareRelay" };

export type ProducerConfig = ProducerJob & { url: string; natsUrl: string; prefix: string };

export type ProducerReport =
  | { type: "started"; at: number }
  | { type: "done"; commits?: Array<[string, number]>; achievedRate?: number };

const now = () => performance.timeOrigin + performance.now();
const report = (message: ProducerReport) => process.send!(message);

/** `rate` events a second, one per business transaction; the first `warmupSeconds` are not reported. */
async function steady(
  db: ReturnType<typeof pgTransactionalDb>,
  job: Extract<ProducerJob, { job: "steady" }>,
) {
  const warmup = job.rate * job.warmupSeconds;
  const total = warmup + job.rate * job.seconds;
  const commits: Array<[string, number]> = [];
  const inFlight: Promise<void>[] = [];
  const started = performance.now();
  let measuredFrom = 0;
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * job.rate));
    for (; sent < due; sent++) {
      const i = sent;
      if (i === warmup) measuredFrom = performance.now();
      inFlight.push(
        db
          .$transaction((tx) => recordAction(tx, i))
          .then((envelope) => {
            if (i >= warmup) commits.push([envelope.id, now()]);
          }),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await Promise.all(inFlight);
  return { commits, achievedRate: (total - warmup) / ((performance.now() - measuredFrom) / 1000) };
}

async function main(config: ProducerConfig) {
  const pool = new pg.Pool({ connectionString: config.url, max: 20 });
  pool.on("error", () => undefined);
  const db = pgTransactionalDb(pool);
  const nats = await connect({ servers: config.natsUrl, name: "bench-producer" });
  const logger = createLogger("bench-producer", "silent");
  report({ type: "started", at: now() });
  if (config.job === "bareRelay") {
    await drainBareOutbox(pool, nats, config.prefix);
    report({ type: "done" });
  } else {
    // As the subgraphs run it, woken by this process's writes; the steady job also runs it polling
    // every 10 ms, the relay as it was before, as the lag baseline.
    const relay = startOutboxRelay({
      db,
      nats,
      logger,
      prefix: config.prefix,
      wakeOnWrites: config.job !== "steady" || config.wakeOnWrites,
    });
    let result: ProducerReport = { type: "done" };
    if (config.job === "burst") await fillOutbox(db, config.count, 20, 4);
    if (config.job === "steady") result = { type: "done", ...(await steady(db, config)) };
    await relay.drained(120_000);
    await relay.stop();
    report(result);
  }
  await nats.close();
  await pool.end();
}

main(JSON.parse(process.argv[2]!) as ProducerConfig).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
