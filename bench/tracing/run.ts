// npm run bench:tracing: what traces cost the router. Our router ("on", as in production) over the
// public gateways benchmark's subgraphs and nested query (16 subgraph fetches per request: ~20 spans
// each, the most spans any operation here makes), with tracing off, on and sampled at 100 % into a real
// OTLP/HTTP receiver, on at 10 %, and on with the collector gone. The router runs alone on core 0
// (taskset); the subgraphs, the receiver and this driver share core 1. Prints a table with ratios
// against "off" measured in the same run. The rows run in interleaved rounds (off, on, ..., off, on, ...)
// and the table gives each row's median and range over the rounds: on a shared machine the load drifts
// more within a run than tracing costs.
//
//   BENCH_SECONDS (10)   measured seconds per row and round    BENCH_WARMUP_SECONDS (3)   unmeasured load first
//   BENCH_CONNECTIONS (50)                                     BENCH_ROUNDS (3)
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { startOtlpReceiver } from "@health/platform/testing";
import { composeBenchSupergraph } from "../gateway/benchSupergraph.ts";
import { drive, type LoadResult } from "../gateway/drive.ts";
import { NESTED_QUERY } from "../gateway/nestedQuery.ts";
import { startPinned } from "../gateway/pinnedChild.ts";
import { cpuSeconds } from "../gateway/processStats.ts";
import { ascending } from "../stats.ts";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const ROUTER_CORE = "0";
const DRIVER_CORE = "1";
const BODY = JSON.stringify({ query: NESTED_QUERY, variables: { offset: 0 } });

interface Row {
  label: string;
  /** The router's OTEL_* environment; `receiver` is replaced by the live receiver's URL, `gone` by a closed port's. */
  env: Record<string, string>;
}

const ROWS: readonly Row[] = [
  { label: "tracing off (no endpoint)", env: {} },
  { label: "on, sampled 100 %", env: { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "receiver" } },
  {
    label: "on, sampled 10 %",
    env: { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "receiver", OTEL_TRACES_SAMPLER_ARG: "0.1" },
  },
  { label: "on, 100 %, collector gone", env: { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "gone" } },
];

interface Measured extends LoadResult {
  row: Row;
  routerCpu: number;
  spans: number;
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const load = () =>
  loadavg()
    .map((l) => fmt(l, 2))
    .join(" ");

async function measure(row: Row, supergraphPath: string, endpoints: Record<string, string>) {
  const env = Object.fromEntries(
    Object.entries(row.env).map(([name, value]) => [name, endpoints[value] ?? value]),
  );
  const router = startPinned(join(import.meta.dirname, "tracedRouterChild.ts"), ROUTER_CORE, {
    BENCH_SUPERGRAPH_PATH: supergraphPath,
    LOG_LEVEL: process.env.LOG_LEVEL ?? "info",
    OTEL_BSP_SCHEDULE_DELAY: "1000",
    ...env,
  });
  try {
    const url = await router.ready;
    const answer = await (
      await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: BODY })
    ).json();
    if (!answer.data || answer.errors)
      throw new Error(`${row.label}: ${JSON.stringify(answer).slice(0, 300)}`);
    if (WARMUP_SECONDS > 0)
      await drive({ url, connections: CONNECTIONS, seconds: WARMUP_SECONDS, bodies: [BODY] });
    const cpuBefore = cpuSeconds(router.pid);
    const result = await drive({ url, connections: CONNECTIONS, seconds: SECONDS, bodies: [BODY] });
    return { ...result, row, routerCpu: (cpuSeconds(router.pid) - cpuBefore) / SECONDS };
  } finally {
    await router.close();
  }
}

const median = (values: readonly number[]) => ascending(values)[Math.floor(values.length / 2)]!;

function printTable(results: readonly Measured[]) {
  const rows = ROWS.map((row) => {
    const rounds = results.filter((r) => r.row === row);
    const rps = rounds.map((r) => r.requestsPerSecond);
    return {
      row,
      rps: median(rps),
      range: `${fmt(Math.min(...rps), 1)}–${fmt(Math.max(...rps), 1)}`,
      p99: median(rounds.map((r) => r.p99Ms)),
      perCpu: median(rounds.map((r) => r.requestsPerSecond / r.routerCpu)),
      spans: rounds.reduce((sum, r) => sum + r.spans, 0),
      failures: rounds.reduce((sum, r) => sum + r.failures, 0),
    };
  });
  const off = rows[0]!;
  console.log(
    `\n| tracing (median of ${ROUNDS} rounds) | req/s | req/s range | p99 ms | req/s vs off | p99 vs off | req per router CPU-s | vs off | spans received | failures |`,
  );
  console.log("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
  for (const r of rows) {
    console.log(
      `| ${r.row.label} | ${fmt(r.rps, 1)} | ${r.range} | ${fmt(r.p99)} | ${fmt(r.rps / off.rps, 2)}× | ${fmt(r.p99 / off.p99, 2)}× | ${fmt(r.perCpu)} | ${fmt(r.perCpu / off.perCpu, 2)}× | ${fmt(r.spans)} | ${r.failures} |`,
    );
  }
}

async function main() {
  execFileSync("taskset", ["-a", "-p", "-c", DRIVER_CORE, String(process.pid)], { stdio: "ignore" });
  const dir = mkdtempSync(join(tmpdir(), "bench-tracing-"));
  const subgraphs = startPinned("subgraphsChild.ts", DRIVER_CORE, {});
  const receiver = await startOtlpReceiver();
  const gone = await startOtlpReceiver();
  await gone.close();
  try {
    const supergraphPath = join(dir, "supergraph.graphql");
    writeFileSync(supergraphPath, composeBenchSupergraph(await subgraphs.ready));
    console.log(
      `bench:tracing: nested query (16 fetches), ${CONNECTIONS} connections, ${ROUNDS} rounds of ${WARMUP_SECONDS} s warm-up + ${SECONDS} s per row; router on core ${ROUTER_CORE}, subgraphs + receiver + driver on core ${DRIVER_CORE}; load average before: ${load()}`,
    );
    const results: Measured[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      for (const row of ROWS) {
        const before = receiver.spans().length;
        const result = await measure(row, supergraphPath, { receiver: receiver.url, gone: gone.url });
        results.push({ ...result, spans: receiver.spans().length - before });
        console.log(
          `  round ${round}, ${row.label}: ${fmt(result.requestsPerSecond, 1)} req/s, p99 ${fmt(result.p99Ms)} ms, load ${load()}`,
        );
      }
    }
    printTable(results);
    console.log(`\nload average after: ${load()}`);
  } finally {
    await receiver.close();
    await subgraphs.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
