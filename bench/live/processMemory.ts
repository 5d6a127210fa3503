import { execFileSync } from "node:child_process";

export interface ProcessMemory {
  rss: number;
  /** The highest RSS this process has had, in bytes. */
  maxRss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  /** process.cpuUsage() user + system, µs since the process started. */
  cpuMicros: number;
}

const gc = () => (globalThis as { gc?: () => void }).gc?.();

/**
 * This process's memory once settled, and its CPU so far: a forced GC (children run with --expose-gc),
 * a second, and another GC; V8 hands freed pages back in the background after a collection, so RSS read
 * at once still counts some of them.
 */
export async function processMemory(): Promise<ProcessMemory> {
  gc();
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  gc();
  const m = process.memoryUsage();
  const cpu = process.cpuUsage();
  return {
    rss: m.rss,
    maxRss: process.resourceUsage().maxRSS * 1024,
    heapUsed: m.heapUsed,
    heapTotal: m.heapTotal,
    external: m.external,
    cpuMicros: cpu.user + cpu.system,
  };
}

/** Established TCP connections whose local (server) port is `port`, from `ss`; -1 when `ss` fails. */
export function establishedTo(port: number): number {
  try {
    const out = execFileSync("ss", ["-Htn", "state", "established", `( sport = :${port} )`], {
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
    return out.split("\n").filter((line) => line.trim()).length;
  } catch {
    return -1;
  }
}
