// npm run bench:gateway: our router against stock @apollo/gateway inside @apollo/server on the public
// gateways benchmark (four subgraphs, its nested query: 16 subgraph fetches, ~88 KB answer), in one go.
// Each gateway runs alone in its own child process pinned to core 0; the subgraphs and this driver
// share core 1. Prints a markdown table with ratios against the baseline measured in the same run.
//
//   BENCH_SECONDS (20)   measured seconds per row     BENCH_WARMUP_SECONDS (5)   unmeasured load first
//   BENCH_CONNECTIONS (50)                             BENCH_ROWS  comma list of row ids (default: all)
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { composeBenchSupergraph } from "./benchSupergraph.ts";
import { drive, type LoadResult } from "./drive.ts";
import type { GatewayKind } from "./gatewayChild.ts";
import { NESTED_QUERY } from "./nestedQuery.ts";
import { startPinned } from "./pinnedChild.ts";
import { cpuSeconds, samplePeakRss } from "./processStats.ts";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const GATEWAY_CORE = "0";
const DRIVER_CORE = "1";

interface Row {
  id: string;
  label: string;
  kind: GatewayKind;
  /** `$offset` values, round-robin over the run ([0]: the public benchmark's query, every request alike). */
  offsets: readonly number[];
  /** Extra node flags for the gateway's process. */
  nodeFlags?: readonly string[];
}

const IDENTICAL = [0];
const VARIED = [0, 1, 2, 3, 4, 5, 6, 7, 8];
const ROWS: readonly Row[] = [
  {
    id: "apollo",
    label: "@apollo/gateway in @apollo/server (baseline)",
    kind: "apollo-gateway",
    offsets: IDENTICAL,
  },
  { id: "on", label: "router, everything on", kind: "router-on", offsets: IDENTICAL },
  { id: "off", label: "router, limits and plugins off", kind: "router-off", offsets: IDENTICAL },
  {
    id: "no-dedupe",
    label: "router, everything on, dedup off",
    kind: "router-no-dedupe",
    offsets: IDENTICAL,
  },
  { id: "varied", label: "router, everything on, 9 varied variables", kind: "router-on", offsets: VARIED },
  {
    id: "apollo-varied",
    label: "@apollo/gateway, 9 varied variables",
    kind: "apollo-gateway",
    offsets: VARIED,
  },
  // A deploy-time flag, not part of the router's code: a larger young generation means fewer scavenges
  // for a process that allocates ~1 MB of short-lived objects per request.
  {
    id: "semi-space",
    label: "router, everything on, node --max-semi-space-size=64",
    kind: "router-on",
    offsets: IDENTICAL,
    nodeFlags: ["--max-semi-space-size=64"],
  },
];

const bodyOf = (offset: number) => JSON.stringify({ query: NESTED_QUERY, variables: { offset } });

async function answersOf(url: string, offsets: readonly number[]): Promise<unknown[]> {
  return Promise.all(
    offsets.map(async (offset) => {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: bodyOf(offset),
      });
      return response.json();
    }),
  );
}

interface Measured extends LoadResult {
  row: Row;
  peakRssBytes: number;
  gatewayCpu: number;
  subgraphsCpu: number;
}

async function measure(row: Row, supergraphPath: string, subgraphsPid: number, expected: unknown[]) {
  const gateway = startPinned(
    "gatewayChild.ts",
    GATEWAY_CORE,
    {
      BENCH_GATEWAY: row.kind,
      BENCH_SUPERGRAPH_PATH: supergraphPath,
      LOG_LEVEL: process.env.LOG_LEVEL ?? "info",
    },
    row.nodeFlags,
  );
  try {
    const url = await gateway.ready;
    // The baseline (first row) gives the reference answers every other gateway must match exactly.
    if (expected.length === 0) expected.push(...(await answersOf(url, VARIED)));
    const answers = await answersOf(url, row.offsets);
    answers.forEach((answer, i) => {
      if (!isDeepStrictEqual(answer, expected[row.offsets[i]!]))
        throw new Error(
          `${row.label}: wrong answer for offset ${row.offsets[i]}: ${JSON.stringify(answer).slice(0, 300)}`,
        );
    });
    const bodies = row.offsets.map(bodyOf);
    if (WARMUP_SECONDS > 0) await drive({ url, connections: CONNECTIONS, seconds: WARMUP_SECONDS, bodies });
    const stopSampling = samplePeakRss(gateway.pid);
    const cpuBefore = [cpuSeconds(gateway.pid), cpuSeconds(subgraphsPid)] as const;
    const result = await drive({ url, connections: CONNECTIONS, seconds: SECONDS, bodies });
    const peakRssBytes = stopSampling();
    return {
      ...result,
      row,
      peakRssBytes,
      gatewayCpu: (cpuSeconds(gateway.pid) - cpuBefore[0]) / SECONDS,
      subgraphsCpu: (cpuSeconds(subgraphsPid) - cpuBefore[1]) / SECONDS,
    } satisfies Measured;
  } finally {
    await gateway.close();
  }
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const pct = (share: number) => `${fmt(share * 100)} %`;

function printTable(results: readonly Measured[]) {
  const baseline = results.find((r) => r.row.id === "apollo");
  console.log(
    "\n| gateway | req/s | p50 ms | p95 ms | peak RSS MiB | req/s vs baseline | p95 vs baseline | gateway CPU | req per gateway CPU-s | subgraphs CPU | failures | KB/answer |",
  );
  console.log("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
  for (const r of results) {
    const rpsRatio = baseline ? `${fmt(r.requestsPerSecond / baseline.requestsPerSecond, 2)}×` : "–";
    const p95Ratio = baseline ? `${fmt(r.p95Ms / baseline.p95Ms, 2)}×` : "–";
    console.log(
      `| ${r.row.label} | ${fmt(r.requestsPerSecond, 1)} | ${fmt(r.p50Ms)} | ${fmt(r.p95Ms)} | ${fmt(r.peakRssBytes / 2 ** 20)} | ${rpsRatio} | ${p95Ratio} | ${pct(r.gatewayCpu)} | ${fmt(r.requestsPerSecond / r.gatewayCpu)} | ${pct(r.subgraphsCpu)} | ${r.failures} | ${fmt(r.meanResponseBytes / 1024, 1)} |`,
    );
  }
}

async function main() {
  const wanted = process.env.BENCH_ROWS?.split(",");
  const rows = ROWS.filter((row) => row.id === "apollo" || !wanted || wanted.includes(row.id));
  // This driver and the subgraphs stay off the gateway's core.
  execFileSync("taskset", ["-a", "-p", "-c", DRIVER_CORE, String(process.pid)], { stdio: "ignore" });
  const dir = mkdtempSync(join(tmpdir(), "bench-gateway-"));
  const subgraphs = startPinned("subgraphsChild.ts", DRIVER_CORE, {});
  try {
    const supergraphPath = join(dir, "supergraph.graphql");
    writeFileSync(supergraphPath, composeBenchSupergraph(await subgraphs.ready));
    console.log(
      `bench:gateway: ${CONNECTIONS} connections, ${WARMUP_SECONDS} s warm-up + ${SECONDS} s per row; gateway on core ${GATEWAY_CORE}, subgraphs + driver on core ${DRIVER_CORE}; load average before: ${loadavg()
        .map((l) => fmt(l, 2))
        .join(" ")}`,
    );
    const expected: unknown[] = [];
    const results: Measured[] = [];
    for (const row of rows) {
      const result = await measure(row, supergraphPath, subgraphs.pid, expected);
      results.push(result);
      console.log(
        `  ${row.label}: ${fmt(result.requestsPerSecond, 1)} req/s, p95 ${fmt(result.p95Ms)} ms, load ${loadavg()
          .map((l) => fmt(l, 2))
          .join(" ")}`,
      );
    }
    printTable(results);
    console.log(
      `\nload average after: ${loadavg()
        .map((l) => fmt(l, 2))
        .join(" ")}`,
    );
  } finally {
    await subgraphs.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
