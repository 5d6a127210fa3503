// What an idle process's memory is made of, read from outside it: the kernel's resident pages (/proc,
// anonymous vs file-backed: the node binary's and shared libraries' code pages are file-backed) and the
// V8 heap and external memory the process reports on /metrics (prom-client's default metrics).
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import type { NodeRuntime } from "../../scripts/nodeFlags.ts";

const MiB = 2 ** 20;

export interface ResidentMemory {
  /** VmRSS: every resident page, what `ps` and a container's memory limit count. */
  rssMiB: number;
  /** RssAnon: the heap, stacks, wasm memory, native allocations. */
  anonMiB: number;
  /** RssFile: mapped files (the node binary, shared libraries), shared with other processes. */
  fileMiB: number;
  /** VmHWM: the highest RSS since the process started (start-up included). */
  peakMiB: number;
}

/** The process's resident memory from /proc/<pid>/status (Linux). */
export function residentMemory(pid: number): ResidentMemory {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kB = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) / 1024;
  return { rssMiB: kB("VmRSS"), anonMiB: kB("RssAnon"), fileMiB: kB("RssFile"), peakMiB: kB("VmHWM") };
}

export interface HeapFigures {
  heapUsedMiB: number;
  heapTotalMiB: number;
  /** Memory V8 knows of outside its heap: Buffers, wasm memories. */
  externalMiB: number;
}

/** The V8 heap figures a process publishes at `metricsUrl`; null when it does not answer in 5 s. */
export async function heapFigures(metricsUrl: string): Promise<HeapFigures | null> {
  try {
    const response = await fetch(metricsUrl, { signal: AbortSignal.timeout(5_000) });
    if (!response.ok) return null;
    const text = await response.text();
    const gauge = (name: string) =>
      Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, "m").exec(text)?.[1]) / MiB;
    return {
      heapUsedMiB: gauge("nodejs_heap_size_used_bytes"),
      heapTotalMiB: gauge("nodejs_heap_size_total_bytes"),
      externalMiB: gauge("nodejs_external_memory_bytes"),
    };
  } catch {
    return null;
  }
}

/**
 * The floor every figure sits on, measured in the same run: a bare `node` that only waits, with the
 * same flags and environment as the platform's processes. Resolves to its resident memory after `settleMs`.
 */
export async function bareNodeMemory(runtime: NodeRuntime, settleMs = 2_000): Promise<ResidentMemory> {
  const child = spawn(process.execPath, [...runtime.flags, "-e", "setInterval(() => {}, 60_000)"], {
    env: { ...process.env, ...runtime.env },
    stdio: "ignore",
  });
  try {
    await new Promise((resolve) => setTimeout(resolve, settleMs));
    return residentMemory(child.pid!);
  } finally {
    child.kill("SIGTERM");
  }
}
