import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import {
  createTestDatabase,
  createTestRouterKeys,
  type PrivateNatsServer,
  startPrivateNatsServer,
  type TestDatabase,
} from "@health/platform/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleEntry } from "../bundle.mjs";
import { nodeRuntime } from "../nodeFlags.ts";

// `npm start` and the container image run every process compiled (scripts/bundle.mjs). These run such
// bundles with plain Node and their flags, as they do, from a foreign working directory: each must boot,
// find its files (the supergraph, the manifest, the explorer, the Prisma client) and answer.

const root = join(import.meta.dirname, "..", "..");
const routerKeys = createTestRouterKeys();

interface CompiledProcess {
  url: string;
  stop(): Promise<void>;
}

/**
 * Compiles `<dir>/src/main.ts` into `<dir>/dist/test-<random>.mjs` (inside the package, as `dist/main.mjs`
 * is, so its dependencies resolve from the same node_modules) and starts it on a free port.
 */
async function startCompiled(
  dir: string,
  readyMessage: string,
  env: NodeJS.ProcessEnv,
): Promise<CompiledProcess> {
  const outfile = join(root, dir, "dist", `test-${process.pid}-${Date.now()}.mjs`);
  await bundleEntry({ entry: join(dir, "src", "main.ts"), outfile });
  // With the flags and environment npm start and the image give every process (deploy/node-flags).
  const runtime = nodeRuntime();
  const child: ChildProcess = spawn(process.execPath, [...runtime.flags, outfile], {
    cwd: tmpdir(),
    env: { ...runtime.env, ...process.env, PORT: "0", LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const removeBundle = () => {
    rmSync(outfile, { force: true });
    rmSync(`${outfile}.map`, { force: true });
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout! }).on("line", (line) => {
        const entry = logEntry(line);
        if (entry?.msg === readyMessage && entry.url) resolve(entry.url);
      });
      child.once("exit", (code) =>
        reject(new Error(`${outfile} exited with ${code} before "${readyMessage}"`)),
      );
    });
    return {
      url,
      async stop() {
        if (child.exitCode === null) {
          child.kill("SIGTERM");
          await once(child, "exit");
        }
        removeBundle();
      },
    };
  } catch (error) {
    child.kill("SIGKILL");
    removeBundle();
    throw error;
  }
}

/** A JSON log line, or null for anything else a library prints to stdout. */
function logEntry(line: string): { msg?: string; url?: string } | null {
  try {
    return JSON.parse(line) as { msg?: string; url?: string };
  } catch {
    return null;
  }
}

async function post(url: string, query: string, sign = false): Promise<unknown> {
  const init = {
    headers: { "content-type": "application/json", "apollo-require-preflight": "true" },
    body: JSON.stringify({ query }),
  };
  const response = sign
    ? await routerKeys.signedFetch(url, init)
    : await fetch(url, { method: "POST", ...init });
  return response.json();
}

describe("the compiled router", () => {
  let router: CompiledProcess;

  beforeAll(async () => {
    router = await startCompiled("router", "router ready", { ROUTER_SIGNING_KEY: routerKeys.privateKey });
  });

  afterAll(() => router?.stop());

  it("answers on its health endpoint", async () => {
    expect((await fetch(new URL("/health", router.url))).status).toBe(200);
  });

  it("serves the explorer built beside its source", async () => {
    const response = await fetch(router.url, { headers: { accept: "text/html" } });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("GraphQL explorer");
  });

  it("plans operations against the committed supergraph", async () => {
    expect(await post(router.url, "{ __typename }")).toEqual({ data: { __typename: "Query" } });
  });
});

describe("a compiled subgraph (trade)", () => {
  let database: TestDatabase;
  let nats: PrivateNatsServer;
  let trade: CompiledProcess;

  beforeAll(async () => {
    [database, nats] = await Promise.all([createTestDatabase("trade"), startPrivateNatsServer()]);
    trade = await startCompiled("subgraphs/trade", "trade subgraph ready", {
      DATABASE_URL: database.url,
      NATS_URL: nats.url,
      ROUTER_PUBLIC_KEYS: routerKeys.publicKey,
    });
  });

  afterAll(async () => {
    await trade?.stop();
    await Promise.all([database?.drop(), nats?.close()]);
  });

  it("answers on its health endpoint", async () => {
    expect((await fetch(new URL("/health", trade.url))).status).toBe(200);
  });

  it("reads its database through the bundled Prisma client", async () => {
    expect(await post(trade.url, "{ serviceOfferings(first: 1) { nodes { id } } }", true)).toEqual({
      data: { serviceOfferings: { nodes: [] } },
    });
  });

  it("serves its federation SDL to the router", async () => {
    const result = (await post(trade.url, "{ _service { sdl } }", true)) as {
      data: { _service: { sdl: string } };
    };
    expect(result.data._service.sdl).toContain("type ServiceOrder");
  });

  it("answers nothing the router did not sign", async () => {
    expect(await post(trade.url, "{ _service { sdl } }")).toMatchObject({
      errors: [{ extensions: { code: "UNAUTHENTICATED", reason: "router-signature" } }],
    });
  });
});

describe("a compiled process without its router keys", () => {
  it("refuses to start, naming the variable", async () => {
    const outfile = join(root, "subgraphs/trade", "dist", `test-nokeys-${process.pid}-${Date.now()}.mjs`);
    await bundleEntry({ entry: join("subgraphs/trade", "src", "main.ts"), outfile });
    try {
      const { ROUTER_PUBLIC_KEYS: _unset, ...env } = process.env;
      const child = spawn(process.execPath, [outfile], {
        cwd: tmpdir(),
        env,
        stdio: ["ignore", "ignore", "pipe"],
      });
      let stderr = "";
      child.stderr!.on("data", (chunk) => {
        stderr += chunk;
      });
      const [code] = await once(child, "exit");
      expect(code).toBe(1);
      expect(stderr).toContain("ROUTER_PUBLIC_KEYS: is required");
    } finally {
      rmSync(outfile, { force: true });
      rmSync(`${outfile}.map`, { force: true });
    }
  });
});
