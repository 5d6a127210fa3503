import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { childServer } from "./childServer.ts";
import { freePort } from "./freePort.ts";

/** A nats-server of the test's own, so a test can stop and restart it; the machine's 4222 is never touched. */
export interface PrivateNatsServer {
  url: string;
  /** SIGTERM, and wait until it exited. */
  stop(): Promise<void>;
  /** Start it again on the same port and store directory (streams and consumers survive). */
  start(): Promise<void>;
  /** Stop it and delete its store. */
  close(): Promise<void>;
}

export const NATS_SERVER = "/usr/sbin/nats-server";

export interface PrivateNatsServerOptions {
  /** A nats-server configuration file (e.g. deploy/nats/nats-server.conf); port and store stay the test's own. */
  configFile?: string;
  /** Extra environment for the server (the passwords a configuration file reads). */
  env?: Record<string, string>;
}

export async function startPrivateNatsServer(
  options: PrivateNatsServerOptions = {},
): Promise<PrivateNatsServer> {
  const port = await freePort();
  const storeDir = mkdtempSync(join(tmpdir(), "nats-private-"));
  let stderr = "";
  const server = childServer(
    "nats-server",
    port,
    () => {
      const config = options.configFile ? ["-c", options.configFile] : [];
      const started = spawn(
        NATS_SERVER,
        [...config, "-a", "127.0.0.1", "-p", String(port), "-js", "-sd", storeDir],
        { stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, ...options.env } },
      );
      stderr = "";
      started.stderr?.on("data", (chunk: Buffer) => {
        stderr = (stderr + chunk.toString()).slice(-2_000);
      });
      return started;
    },
    { exitDetail: () => stderr },
  );
  const { start, stop } = server;

  await start();
  return {
    url: `nats://127.0.0.1:${port}`,
    start,
    stop,
    close: async () => {
      await stop();
      rmSync(storeDir, { recursive: true, force: true });
    },
  };
}
