import { type ChildProcess, spawn } from "node:child_process";
import { isAbsolute, join } from "node:path";
import type { GatewayChildMessage } from "./gatewayChild.ts";

export interface Child {
  process: ChildProcess;
  pid: number;
  ready: Promise<string>;
  close(): Promise<void>;
}

/**
 * A bench child process (node + tsx) running `file` (absolute, or relative to bench/gateway) pinned to
 * `core`, answering `{ type: "ready", url }` over IPC; `close` sends it `{ type: "close" }`.
 */
export function startPinned(
  file: string,
  core: string,
  env: Record<string, string>,
  nodeFlags: readonly string[] = [],
): Child {
  const child = spawn(
    "taskset",
    [
      "-c",
      core,
      process.execPath,
      ...nodeFlags,
      "--import",
      "tsx",
      isAbsolute(file) ? file : join(import.meta.dirname, file),
    ],
    { stdio: ["ignore", "ignore", "inherit", "ipc"], env: { ...process.env, ...env } },
  );
  const ready = new Promise<string>((resolve, reject) => {
    child.on("message", (message: GatewayChildMessage) => {
      if (message.type === "ready") resolve(message.url);
    });
    child.once("exit", (code) => reject(new Error(`${file} exited with ${code} before it was ready`)));
  });
  return {
    process: child,
    pid: child.pid!,
    ready,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.send({ type: "close" });
        setTimeout(() => child.kill("SIGKILL"), 10_000).unref();
      }),
  };
}
