// npm run bench:idle: what the whole platform costs with no client connected. Starts it as `npm start`
// does (scripts/runPlatform.ts: compiled processes, the dev databases), lets it settle, then reads each
// process's CPU and RSS from /proc over a window, with the Postgres backends serving its databases.
// Two modes in one run: outbox relays polling every 10 ms (OUTBOX_RELAY_MODE=poll, the relay as it was)
// as the baseline, then woken by their process's writes (the default). Needs the ports of
// `npm start` free.
import { type ChildProcess, spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { databaseUrlFor, isSubgraphName, ROUTER_PORT, SUBGRAPH_PORTS } from "@health/platform/config";
import pg from "pg";
import { nodeRuntime } from "../../scripts/nodeFlags.ts";
import { cpuSeconds } from "../gateway/processStats.ts";
import {
  bareNodeMemory,
  type HeapFigures,
  heapFigures,
  type ResidentMemory,
  residentMemory,
} from "./memory.ts";
import { memoryTable } from "./memoryTable.ts";

const REPO_ROOT = join(import.meta.dirname, "../..");
const SETTLE_SECONDS = Number(process.env.BENCH_IDLE_SETTLE_SECONDS ?? 15);
const WINDOW_SECONDS = Number(process.env.BENCH_IDLE_WINDOW_SECONDS ?? 30);

interface Sample {
  name: string;
  cpuPercent: number;
  memory: ResidentMemory | null;
  heap: HeapFigures | null;
}

/** Where a process publishes /metrics: a subgraph on its port, the router on its internal port. */
const metricsUrlOf = (name: string): string | null => {
  if (isSubgraphName(name)) return `http://127.0.0.1:${SUBGRAPH_PORTS[name]}/metrics`;
  return name === "router" ? `http://127.0.0.1:${ROUTER_PORT + 1000}/metrics` : null;
};

const commandOf = (pid: number) => readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
const parentOf = (pid: number) => {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
};

/** The platform's processes: runPlatform's children, named by the bundle they run. */
function platformProcesses(runner: number): Map<number, string> {
  const found = new Map<number, string>();
  for (const entry of readdirSync("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      if (parentOf(pid) !== runner) continue;
      // Bundles are <process dir>/dist/main.mjs, and biz's media server subgraphs/biz/dist/mediaServer.mjs
      // (scripts/bundle.mjs); anything else (esbuild) is not ours.
      const command = commandOf(pid);
      const name = command.some((arg) => arg.endsWith("/dist/mediaServer.mjs"))
        ? "media-server"
        : command.map((arg) => /([a-z]+)\/dist\/main\.mjs$/.exec(arg)?.[1]).find(Boolean);
      if (name) found.set(pid, name);
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

async function postgresBackends(admin: pg.Client): Promise<number[]> {
  const { rows } = await admin.query<{ pid: number }>(
    "SELECT pid FROM pg_stat_activity WHERE datname LIKE 'health\\_%' AND pid <> pg_backend_pid()",
  );
  return rows.map((row) => row.pid);
}

/** CPU seconds per pid, leaving out processes that are gone. */
const cpuOf = (pids: number[]): Map<number, number> => {
  const seconds = new Map<number, number>();
  for (const pid of pids) {
    try {
      seconds.set(pid, cpuSeconds(pid));
    } catch {
      // the backend ended meanwhile
    }
  }
  return seconds;
};

/** CPU used between two readings by the processes present in both (a backend may come or go). */
const cpuBetween = (before: Map<number, number>, after: Map<number, number>) =>
  [...after].reduce((sum, [pid, seconds]) => sum + (before.has(pid) ? seconds - before.get(pid)! : 0), 0);

async function startPlatform(wake: boolean): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", join(REPO_ROOT, "scripts", "runPlatform.ts")], {
    cwd: REPO_ROOT,
    // A shared machine under load can take over a minute to start eleven processes.
    env: {
      PLATFORM_START_TIMEOUT_SECONDS: "240",
      ...process.env,
      OUTBOX_RELAY_MODE: wake ? "wake" : "poll",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("The platform is up")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`the platform exited with ${code} before it was up`)));
  });
  return child;
}

async function measure(wake: boolean): Promise<Sample[]> {
  const runner = await startPlatform(wake);
  const admin = new pg.Client({ connectionString: databaseUrlFor("user") });
  await admin.connect();
  try {
    await new Promise((resolve) => setTimeout(resolve, SETTLE_SECONDS * 1000));
    const processes = platformProcesses(runner.pid!);
    const backends = await postgresBackends(admin);
    const before = new Map([...processes.keys()].map((pid) => [pid, cpuSeconds(pid)]));
    const backendsBefore = cpuOf(backends);
    const started = performance.now();
    await new Promise((resolve) => setTimeout(resolve, WINDOW_SECONDS * 1000));
    const seconds = (performance.now() - started) / 1000;
    const samples: Sample[] = await Promise.all(
      [...processes].map(async ([pid, name]) => {
        const cpuPercent = ((cpuSeconds(pid) - (before.get(pid) ?? 0)) / seconds) * 100;
        const metricsUrl = metricsUrlOf(name);
        return {
          name,
          cpuPercent,
          memory: residentMemory(pid),
          heap: metricsUrl ? await heapFigures(metricsUrl) : null,
        };
      }),
    );
    samples.sort((a, b) => a.name.localeCompare(b.name));
    samples.push({
      name: `postgres (${backends.length} backends)`,
      cpuPercent: (cpuBetween(backendsBefore, cpuOf(backends)) / seconds) * 100,
      memory: null,
      heap: null,
    });
    return samples;
  } finally {
    await admin.end();
    runner.kill("SIGTERM");
    await new Promise((resolve) => runner.once("exit", resolve));
  }
}

const fmt = (n: number, digits = 2) => n.toFixed(digits);
const total = (samples: Sample[]) => samples.reduce((sum, s) => sum + s.cpuPercent, 0);

const bare = await bareNodeMemory(nodeRuntime());
// BENCH_IDLE_POLLING=0 skips the polling baseline (its CPU column then reads "–"): the memory table
// comes from the woken run alone.
const polling = process.env.BENCH_IDLE_POLLING === "0" ? [] : await measure(false);
const woken = await measure(true);
const rows = woken.map((sample) => {
  const base = polling.find((p) => p.name.split(" ")[0] === sample.name.split(" ")[0]);
  return `| ${sample.name} | ${base ? fmt(base.cpuPercent) : "–"} | ${fmt(sample.cpuPercent)} |`;
});
console.log(`
### Idle platform, no client connected (${WINDOW_SECONDS} s window after ${SETTLE_SECONDS} s settling)

CPU is % of one core over the window (user + system, /proc).

| process | CPU %, relays polling 10 ms (baseline) | CPU %, relays woken by writes |
| --- | --: | --: |
${rows.join("\n")}
| **total** | **${fmt(total(polling))}** | **${fmt(total(woken))}** |

Total with relays woken by writes: ${fmt(total(woken) / Math.max(total(polling), 0.001), 3)}× the polling baseline (target: under 2 % of one core).
`);
console.log(memoryTable(woken, bare, isSubgraphName));
