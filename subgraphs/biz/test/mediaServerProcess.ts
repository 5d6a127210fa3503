import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { freePort } from "@health/platform/testing";

const MAIN = join(import.meta.dirname, "..", "src", "live", "mediaServerMain.ts");
/** Its start-up compiles it with tsx: seconds on a quiet machine, more on a loaded one. */
const START_TIMEOUT_MS = 90_000;

export interface MediaServerProcess {
  rtmpPort: number;
  httpPort: number;
  healthPort: number;
  /** Its stdout lines so far (pino JSON): what it refused, and why. */
  logs: string[];
  close(): Promise<void>;
}

/**
 * The media server as it runs for real: its own process (node-media-server keeps module-global state),
 * on free ports, with the keys given, resolving once it logged that it listens.
 */
export async function startMediaServerProcess(
  keys: { pushKey: string; playKey: string },
  env: Record<string, string> = {},
): Promise<MediaServerProcess> {
  const [rtmpPort, httpPort, healthPort] = [await freePort(), await freePort(), await freePort()];
  const dataDir = mkdtempSync(join(tmpdir(), "media-server-test-"));
  const logs: string[] = [];
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", MAIN], {
    env: {
      ...process.env,
      NODE_ENV: "test",
      // Its start is read from its log (npm test runs everything else with LOG_LEVEL=silent).
      LOG_LEVEL: "info",
      LIVE_PUSH_KEY: keys.pushKey,
      LIVE_PLAY_KEY: keys.playKey,
      MEDIA_RTMP_PORT: String(rtmpPort),
      MEDIA_HTTP_PORT: String(httpPort),
      PORT: String(healthPort),
      MEDIA_DATA_DIR: dataDir,
      ...env,
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  try {
    await new Promise<void>((resolve, reject) => {
      const deadline = setTimeout(
        () =>
          reject(new Error(`media server not listening after ${START_TIMEOUT_MS} ms: ${logs.join("\n")}`)),
        START_TIMEOUT_MS,
      );
      createInterface({ input: child.stdout! }).on("line", (line) => {
        logs.push(line);
        if (line.includes('"media server listening"')) {
          clearTimeout(deadline);
          resolve();
        }
      });
      child.once("exit", (code, signal) => {
        clearTimeout(deadline);
        reject(new Error(`media server exited (${code ?? signal}) before listening`));
      });
    });
  } catch (error) {
    // Never leave it behind: an orphan holds its ports and keeps the test run from exiting.
    child.kill("SIGKILL");
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    rtmpPort,
    httpPort,
    healthPort,
    logs,
    close: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = once(child, "exit");
        child.kill("SIGTERM");
        const forced = setTimeout(() => child.kill("SIGKILL"), 5_000);
        await exited;
        clearTimeout(forced);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
