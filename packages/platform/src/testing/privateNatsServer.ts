import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "./freePort.ts";
import { accepts, waitUntil } from "./portListening.ts";

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
  let child: ChildProcess | undefined;

  const start = async () => {
    const config = options.configFile ? ["-c", options.configFile] : [];
    const started = spawn(
      NATS_SERVER,
      [...config, "-a", "127.0.0.1", "-p", String(port), "-js", "-sd", storeDir],
      {
        stdio: ["ignore", "ignore", "pipe"],
        env: { ...process.env, ...options.env },
      },
    );
    let stderr = "";
    started.stderr?.on("data", (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-2_000);
    });
    child = started;
    await waitUntil(async () => {
      // A configuration the server refuses ends it at once; say why instead of waiting for the port.
      if (started.exitCode !== null) throw new Error(`nats-server exited: ${stderr.trim()}`);
      return accepts(port);
    }, `nats-server did not listen on ${port}`);
  };

  const stop = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once("exit", resolve));
    running.kill("SIGTERM");
    await exited;
  };

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
