// CPU (% of one core) and RSS of each process of the run over one ramp step, from /proc.
import { readdirSync, readFileSync } from "node:fs";
import { cpuSeconds, rssBytes } from "../gateway/processStats.ts";
import { postgresBackendsOf } from "./postgresBackends.ts";

export interface Usage {
  name: string;
  cpuPercent: number;
  rssMiB: number | null;
}

/** Pids of processes whose command is `comm` (nats-server, redis-server: shared by everyone on the machine). */
export function pidsOf(comm: string): number[] {
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/comm`, "utf8").trim() === comm;
      } catch {
        return false;
      }
    })
    .map(Number);
}

const cpuOr = (pid: number, fallback: number) => {
  try {
    return cpuSeconds(pid);
  } catch {
    return fallback;
  }
};

/**
 * Starts measuring `processes` (name → pid) and the Postgres backends serving `databaseClient`; the
 * returned function ends the window. Backends that came or went during it are left out.
 */
export async function startUsage(processes: ReadonlyArray<[string, number]>, databaseClient: number) {
  const started = performance.now();
  const before = processes.map(([, pid]) => cpuOr(pid, 0));
  const backends = (await postgresBackendsOf(databaseClient)).map((b) => b.pid);
  const backendsBefore = backends.map((pid) => cpuOr(pid, Number.NaN));
  return (): Usage[] => {
    const seconds = (performance.now() - started) / 1000;
    // Processes of one name (two nats-servers on the machine) are summed.
    const usage: Usage[] = [];
    processes.forEach(([name, pid], i) => {
      const cpuPercent = ((cpuOr(pid, before[i]!) - before[i]!) / seconds) * 100;
      const rssMiB = rssBytes(pid) / 2 ** 20;
      const same = usage.find((u) => u.name === name);
      if (!same) usage.push({ name, cpuPercent, rssMiB });
      else
        Object.assign(same, {
          cpuPercent: same.cpuPercent + cpuPercent,
          rssMiB: (same.rssMiB ?? 0) + rssMiB,
        });
    });
    let backendSeconds = 0;
    backends.forEach((pid, i) => {
      const after = cpuOr(pid, Number.NaN);
      if (Number.isFinite(after) && Number.isFinite(backendsBefore[i]!))
        backendSeconds += after - backendsBefore[i]!;
    });
    usage.push({
      name: `Postgres (${backends.length} backends of the subgraphs)`,
      cpuPercent: (backendSeconds / seconds) * 100,
      rssMiB: null,
    });
    return usage;
  };
}
