import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { freePort } from "@health/platform/testing";

export interface SubgraphProcess {
  /** Its GraphQL endpoint; the same across `restart`. */
  url: string;
  /** SIGSTOP: the process holds its sockets open and answers nothing. */
  freeze(): void;
  /** SIGCONT. */
  thaw(): void;
  /** SIGKILL: its port refuses connections. */
  kill(): Promise<void>;
  /** Starts it again on the same port. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

const MAIN = join(import.meta.dirname, "subgraphMain.ts");

export type SubgraphProcessName = "user" | "dynamic" | "trade" | "finance";

/**
 * A subgraph (user, dynamic, trade or finance) in a child process of its own, which a test can freeze and kill as an operator's
 * machine would: the in-process platform cannot stop one subgraph without stopping the test too.
 * `env` carries what it needs to join a platform (DATABASE_URL, AUTH_JWKS_URL, ROUTER_PUBLIC_KEYS,
 * TEST_REDIS_KEY_PREFIX, TEST_EVENT_PREFIX).
 */
export async function startSubgraphProcess(
  name: SubgraphProcessName,
  env: Record<string, string>,
): Promise<SubgraphProcess> {
  let child: ChildProcess;
  // Its port is chosen first: finance's local payment provider calls back on it (its webhooks).
  const port = String(await freePort());
  const launch = async (): Promise<string> => {
    child = spawn(process.execPath, ["--import", "tsx", MAIN], {
      env: { ...process.env, LOG_LEVEL: "info", HOST: "127.0.0.1", PORT: port, TEST_SUBGRAPH: name, ...env },
      stdio: ["ignore", "pipe", "inherit"],
    });
    const started = child;
    return new Promise<string>((resolve, reject) => {
      createInterface({ input: started.stdout! }).on("line", (line) => {
        const url = readyUrl(line, name);
        if (url) resolve(url);
      });
      started.once("exit", (code, signal) =>
        reject(new Error(`${name} subgraph exited (${code ?? signal}) before it was ready`)),
      );
    });
  };
  const url = await launch();
  const kill = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, "exit");
    child.kill("SIGKILL");
    await exited;
  };
  return {
    url,
    freeze: () => child.kill("SIGSTOP"),
    thaw: () => child.kill("SIGCONT"),
    kill,
    restart: async () => {
      await kill();
      await launch();
    },
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, "exit");
      child.kill("SIGCONT");
      child.kill("SIGTERM");
      const forced = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(forced);
    },
  };
}

function readyUrl(line: string, name: string): string | null {
  try {
    const entry = JSON.parse(line) as { msg?: string; url?: string };
    return entry.msg === `${name} subgraph ready` && entry.url ? entry.url : null;
  } catch {
    return null;
  }
}
