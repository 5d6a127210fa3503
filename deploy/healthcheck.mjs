// Container health check (the image has no curl): GET http://127.0.0.1:<port><path>, exit 0 on 2xx.
// Usage: node deploy/healthcheck.mjs [path]   (default /health; compose uses /ready for subgraphs)
// Port: $PORT, else the router's 4000 or the subgraph's port from packages/platform's SUBGRAPH_PORTS.
import { readFileSync } from "node:fs";

const path = process.argv[2] ?? "/health";
const service = process.env.SERVICE ?? "";
if (service === "migrate") process.exit(0); // a one-shot job, nothing to probe

function defaultPort() {
  if (service === "router" || service === "") return 4000;
  const ports = readFileSync(
    new URL("../packages/platform/src/config/subgraphPorts.ts", import.meta.url),
    "utf8",
  );
  const match = ports.match(new RegExp(`\\b${service}:\\s*(\\d+)`));
  return match ? Number(match[1]) : 4000;
}

const port = process.env.PORT || defaultPort();
try {
  const response = await fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(4000) });
  if (!response.ok) {
    console.error(`${path} on port ${port}: HTTP ${response.status} ${await response.text()}`);
    process.exit(1);
  }
} catch (error) {
  console.error(`${path} on port ${port}: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
