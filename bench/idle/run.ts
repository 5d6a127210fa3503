// npm run bench:idle: what the whole platform costs with no client connected. Starts it as `npm start`
// does (scripts/runPlatform.ts: compiled processes, the dev databases), lets it settle, then reads each
// process's CPU and RSS from /proc over a window, with the Postgres backends serving its databases.
// Two modes in one run: outbox relays polling every 10 ms (OUTBOX_RELAY_MODE=poll, the relay as it was)
// as the baseline, then woken by their process's writes (the default). Needs the ports of
// `npm start` free.
import { type ChildProcess, spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { databaseUrlFor } from "@health/platform/config";
import pg from "pg";
import { cpuSeconds, rssBytes } from "../gateway/processStats.ts";

const REPO_ROOT = join(import.meta.dirname, "../..");
const SETTLE_SECONDS = Number(process.env.BENCH_IDLE_SETTLE_SECONDS ?? 15);
const WINDOW_SECONDS = Number(process.env.BENCH_IDLE_WINDOW_SECONDS ?? 30);

interface Sample {
  name: string;
  cpuPercent: number;
  rssMiB: number | null;
}

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
    env: { ...process.env, OUTBOX_RELAY_MODE: wake ? "wake" : "poll", LOG_LEVEL: "warn" },
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
    const samples: Sample[] = [...processes].map(([pid, name]) => ({
      name,
      cpuPercent: ((cpuSeconds(pid) - (before.get(pid) ?? 0)) / seconds) * 100,
      rssMiB: rssBytes(pid) / 2 ** 20,
    }));
    samples.sort((a, b) => a.name.localeCompare(b.name));
    samples.push({
      name: `postgres (${backends.length} backends)`,
      cpuPercent: (cpuBetween(backendsBefore, cpuOf(backends)) / seconds) * 100,
      rssMiB: null,
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

const polling = await measure(false);
const woken = await measure(true);
const rows = woken.map((sample) => {
  const base = polling.find((p) => p.name.split(" ")[0] === sample.name.split(" ")[0]);
  return `| ${sample.name} | ${fmt(base?.cpuPercent ?? 0)} | ${fmt(sample.cpuPercent)} | ${
    sample.rssMiB === null ? "" : fmt(sample.rssMiB, 0)
  } |`;
});
console.log(`
### Idle platform, no client connected (${WINDOW_SECONDS} s window after ${SETTLE_SECONDS} s settling)

CPU is % of one core over the window (user + system, /proc); RSS at the window's end.

| process | CPU %, relays polling 10 ms (baseline) | CPU %, relays woken by writes | RSS MiB |
| --- | --: | --: | --: |
${rows.join("\n")}
| **total** | **${fmt(total(polling))}** | **${fmt(total(woken))}** | |

Total with relays woken by writes: ${fmt(total(woken) / Math.max(total(polling), 0.001), 3)}× the polling baseline (target: under 2 % of one core).
`);
