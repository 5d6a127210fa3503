// npx tsx bench/idle/flagsUnderLoad.ts: what deploy/node-flags (Node flags, malloc settings) costs a
// loaded process. They were chosen for memory at rest (bench/idle/run.ts); a smaller young generation
// means more scavenges under load, and a fixed malloc threshold more mmap calls, so this drives the compiled trade subgraph (its own fresh database, 100
// offerings) with `serviceOfferings(first: 50)` from 16 connections, with nothing set (baseline) and with
// the file's settings, alternating, and prints throughput, p99, GC time (from its /metrics) and peak RSS.
import { type ChildProcess, spawn } from "node:child_process";
import { createRouterSigner, parseRouterPrivateKey } from "@health/platform/auth";
import { createTestDatabase, freePort, prepareTemplateDatabase } from "@health/platform/testing";
import pg from "pg";
import { bundleProcess } from "../../scripts/bundle.mjs";
import { type NodeRuntime, nodeRuntime } from "../../scripts/nodeFlags.ts";
import { localRouterKeys } from "../../scripts/routerKeys.ts";
import { drive } from "../gateway/drive.ts";
import { samplePeakRss } from "../gateway/processStats.ts";

const SECONDS = Number(process.env.BENCH_FLAGS_SECONDS ?? 20);
const ROUNDS = Number(process.env.BENCH_FLAGS_ROUNDS ?? 2);
const CONNECTIONS = 16;
const QUERY = JSON.stringify({
  query: "{ serviceOfferings(first: 50) { nodes { id specialty region priceAmount } } }",
});

interface Run {
  label: string;
  requestsPerSecond: number;
  p99Ms: number;
  failures: number;
  gcSecondsPer1000: number;
  gcShare: number;
  peakRssMiB: number;
}

/** Sum of prom-client's `nodejs_gc_duration_seconds_sum` over every GC kind, in seconds. */
async function gcSeconds(metricsUrl: string): Promise<number> {
  const text = await (await fetch(metricsUrl, { signal: AbortSignal.timeout(5_000) })).text();
  return [...text.matchAll(/^nodejs_gc_duration_seconds_sum\{[^}]*\} (\S+)$/gm)].reduce(
    (s, m) => s + Number(m[1]),
    0,
  );
}

async function waitHealthy(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 480; i++) {
    if (child.exitCode !== null) throw new Error(`trade exited with ${child.exitCode}`);
    if (
      await fetch(`${url}/health`, { signal: AbortSignal.timeout(2_000) }).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error("trade did not become healthy within 120 s");
}

async function measure(
  label: string,
  runtime: NodeRuntime,
  bundle: string,
  databaseUrl: string,
): Promise<Run> {
  const port = await freePort();
  const keys = localRouterKeys();
  const child = spawn(process.execPath, [...runtime.flags, bundle], {
    env: {
      ...process.env,
      ...runtime.env,
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: "warn",
      ROUTER_PUBLIC_KEYS: keys.publicKey,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  try {
    const url = `http://127.0.0.1:${port}`;
    await waitHealthy(url, child);
    const signer = createRouterSigner(parseRouterPrivateKey(keys.privateKey));
    const load = {
      url: `${url}/graphql`,
      connections: CONNECTIONS,
      bodies: [QUERY],
      headers: () => ({
        "x-router-signature": signer.sign({ method: "POST", path: "/graphql", body: QUERY }),
      }),
    };
    await drive({ ...load, seconds: 3 }); // warm-up: plans, JIT, pools
    const gcBefore = await gcSeconds(`${url}/metrics`);
    const peak = samplePeakRss(child.pid!);
    const result = await drive({ ...load, seconds: SECONDS });
    const peakRssMiB = peak() / 2 ** 20;
    const gc = (await gcSeconds(`${url}/metrics`)) - gcBefore;
    const requests = result.requestsPerSecond * SECONDS;
    return {
      label,
      requestsPerSecond: result.requestsPerSecond,
      p99Ms: result.p99Ms,
      failures: result.failures,
      gcSecondsPer1000: (gc / Math.max(requests, 1)) * 1000,
      gcShare: gc / SECONDS,
      peakRssMiB,
    };
  } finally {
    child.kill("SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
  }
}

const candidate = nodeRuntime();
const candidateLabel = [
  ...candidate.flags,
  ...Object.entries(candidate.env).map(([k, v]) => `${k}=${v}`),
].join(" ");
const NOTHING: NodeRuntime = { flags: [], env: {} };
await prepareTemplateDatabase("trade");
const database = await createTestDatabase("trade");
const bundle = await bundleProcess("trade");
const seed = new pg.Client({ connectionString: database.url });
await seed.connect();
await seed.query(
  `INSERT INTO service_offerings (id, coach_id, service_type, specialty, price_amount, currency, duration_minutes, region)
   SELECT gen_random_uuid(), gen_random_uuid(), 'COACHING', 'yoga', 10000 + n, 'CNY', 60, 'shanghai' FROM generate_series(1, 100) n`,
);
await seed.end();
const runs: Run[] = [];
try {
  for (let round = 0; round < ROUNDS; round++) {
    runs.push(await measure("nothing set (baseline)", NOTHING, bundle, database.url));
    runs.push(await measure(candidateLabel, candidate, bundle, database.url));
  }
} finally {
  await database.drop();
}
const base = runs.filter((r) => r.label.startsWith("nothing set"));
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const baseRps = mean(base.map((r) => r.requestsPerSecond));
console.log(`
### The trade subgraph under load, deploy/node-flags vs nothing set (${CONNECTIONS} connections, ${SECONDS} s per run, ${ROUNDS} rounds alternating)

Query: \`serviceOfferings(first: 50)\` over 100 offerings, signed as the router signs. GC from the process's
own /metrics (every kind); peak RSS sampled every 200 ms during the run.

| flags | req/s | vs baseline mean | p99 ms | failures | GC s per 1,000 req | GC share of wall time | peak RSS MiB |
| --- | --: | --: | --: | --: | --: | --: | --: |
${runs
  .map(
    (r) =>
      `| ${r.label} | ${r.requestsPerSecond.toFixed(0)} | ${(r.requestsPerSecond / baseRps).toFixed(2)}× | ${r.p99Ms.toFixed(0)} | ${r.failures} | ${r.gcSecondsPer1000.toFixed(3)} | ${(r.gcShare * 100).toFixed(1)} % | ${r.peakRssMiB.toFixed(0)} |`,
  )
  .join("\n")}
`);
