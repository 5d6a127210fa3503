// Checks services, migrates every database, composes the supergraph, starts each subgraph and the
// router as supervised child processes (a crash is restarted, scripts/supervisor.ts), waits until each
// is healthy, and prints where everything is. Ctrl-C or SIGTERM drains every child, then exits.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { ROUTER_PORT, SUBGRAPH_PORTS, type SubgraphName } from "@health/platform/config";
import { bundleProcess } from "./bundle.mjs";
import { checkServices } from "./checkServices.mjs";
import { nodeRuntime } from "./nodeFlags.ts";
import { localRouterKeys } from "./routerKeys.ts";
import { REPO_ROOT, subgraphNames } from "./subgraphRegistry.ts";
import { Supervisor } from "./supervisor.ts";

const supervisor = new Supervisor();
const runtime = nodeRuntime();
/** deploy/node-flags' environment, where the caller has not set the variable itself (as deploy/start.sh does). */
const runtimeEnv = Object.fromEntries(
  Object.entries(runtime.env).filter(([name]) => process.env[name] === undefined),
);
/** The media server's /health port (its RTMP 1935 and HTTP-FLV 8000 are its config's defaults). */
const MEDIA_SERVER_HEALTH_PORT = 8001;

function step(title: string, script: string, args: string[] = []): void {
  console.log(`\n▶ ${title}`);
  const result = spawnSync(
    process.execPath,
    ["--import", "tsx", join(REPO_ROOT, "scripts", script), ...args],
    {
      cwd: REPO_ROOT,
      stdio: "inherit",
    },
  );
  // Runs before any process is started: nothing to drain.
  if (result.status !== 0) {
    console.error(`\n✖ ${title} failed; stopping.`);
    process.exit(result.status ?? 1);
  }
}

/**
 * Starts `node <bundle>`, supervised. Every process runs compiled (scripts/bundle.mjs). Without
 * --enable-source-maps (each stack trace would cost a source-map lookup); bundles are not minified, and
 * NODE_OPTIONS=--enable-source-maps maps traces back to the TypeScript when wanted. With the flags and
 * environment of deploy/node-flags, as the image starts it (deploy/start.sh).
 */
function startProcess(name: string, bundle: string, env: Record<string, string>): void {
  supervisor.start({
    name,
    command: process.execPath,
    args: [...runtime.flags, bundle],
    cwd: REPO_ROOT,
    env: { ...runtimeEnv, ...env },
  });
}

/** How long each process gets to answer /health: 60 s, or PLATFORM_START_TIMEOUT_SECONDS on a loaded machine. */
const START_TIMEOUT_MS = Number(process.env.PLATFORM_START_TIMEOUT_SECONDS ?? 60) * 1000;

async function waitHealthy(name: string, port: number, timeoutMs = START_TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await fetch(`http://127.0.0.1:${port}/health`)
      .then((response) => response.ok)
      .catch(() => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await shutdown(1, `${name} did not become healthy on port ${port} within ${timeoutMs / 1000} s`);
}

/** Drains every child (SIGTERM, then SIGKILL after its grace time) and exits. */
async function shutdown(code: number, reason?: string): Promise<never> {
  if (reason) console.error(`\n✖ ${reason}; stopping.`);
  await supervisor.stop();
  process.exit(code);
}

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log(`\n▶ ${signal}: draining every process, then stopping.`);
    void shutdown(0);
  });
}

const problems = await checkServices();
if (problems.length) {
  for (const problem of problems) console.error(`✖ ${problem}`);
  process.exit(1);
}
step("Creating and migrating databases", "migrate.ts", ["deploy"]);
step("Composing the supergraph", "compose.ts");
console.log("\n▶ Compiling the subgraphs and the router");
const names: SubgraphName[] = subgraphNames();
const bundles = new Map(
  await Promise.all(
    [...names, "router", "media-server"].map(async (name) => [name, await bundleProcess(name)] as const),
  ),
);

// The router signs every request to a subgraph; subgraphs answer nothing else (issue 16.7).
const routerKeys = localRouterKeys();
console.log("\n▶ Starting subgraphs");
// auth first: every other process fetches its signing keys.
for (const name of names) {
  startProcess(name, bundles.get(name)!, {
    PORT: String(SUBGRAPH_PORTS[name]),
    ROUTER_PUBLIC_KEYS: routerKeys.publicKey,
  });
  if (name === "auth") await waitHealthy(name, SUBGRAPH_PORTS[name]);
}
await Promise.all(names.map((name) => waitHealthy(name, SUBGRAPH_PORTS[name])));
// biz's local live engine: one for however many biz instances (subgraphs/biz/README.md, "Live streams").
startProcess("media-server", bundles.get("media-server")!, { PORT: String(MEDIA_SERVER_HEALTH_PORT) });
await waitHealthy("media-server", MEDIA_SERVER_HEALTH_PORT);
startProcess("router", bundles.get("router")!, {
  PORT: String(ROUTER_PORT),
  ROUTER_SIGNING_KEY: routerKeys.privateKey,
});
await waitHealthy("router", ROUTER_PORT);

console.log(`
✔ The platform is up.
  GraphQL endpoint   http://localhost:${ROUTER_PORT}/graphql   (POST queries and mutations)
  Schema explorer    http://localhost:${ROUTER_PORT}/graphql   (open it in a browser)
  Health / metrics   http://127.0.0.1:${ROUTER_PORT + 1000}/ready   http://127.0.0.1:${ROUTER_PORT + 1000}/metrics   (internal port, loopback only)
  Subgraphs          ${names.map((name) => `${name} :${SUBGRAPH_PORTS[name]}`).join(", ")}
  Live media server  rtmp://127.0.0.1:1935/live (push, signed), http://127.0.0.1:8000/live/<stream>.flv (play, signed)
Press Ctrl-C to stop.
`);
