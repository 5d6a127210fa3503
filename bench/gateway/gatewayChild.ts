// Child process of `npm run bench:gateway`: one gateway under test, alone in this process (the runner
// pins it to a core with taskset). Reads the supergraph from BENCH_SUPERGRAPH_PATH, reports its URL over
// IPC, and closes on "close".
import { readFileSync } from "node:fs";
import type { RouterVariant } from "./gateways/healthRouter.ts";
import type { StartedGateway } from "./gateways/startedGateway.ts";

export type GatewayKind = "apollo-gateway" | `router-${RouterVariant}`;

export type GatewayChildMessage = { type: "ready"; url: string } | { type: "closed" };

// Imported on demand, so that each process holds (and its memory counts) only the gateway it runs.
async function start(kind: GatewayKind, supergraphSdl: string): Promise<StartedGateway> {
  if (kind === "apollo-gateway") {
    const { startApolloGateway } = await import("./gateways/apolloGateway.ts");
    return startApolloGateway(supergraphSdl);
  }
  const { startHealthRouter } = await import("./gateways/healthRouter.ts");
  return startHealthRouter(supergraphSdl, kind.slice("router-".length) as RouterVariant);
}

const send = (message: GatewayChildMessage) => process.send!(message);
const gateway = await start(
  process.env.BENCH_GATEWAY as GatewayKind,
  readFileSync(process.env.BENCH_SUPERGRAPH_PATH ?? "", "utf8"),
);
process.on("message", async (message: { type: string }) => {
  if (message.type !== "close") return;
  await gateway.close();
  send({ type: "closed" });
  process.disconnect();
  setTimeout(() => process.exit(0), 200).unref();
});
send({ type: "ready", url: gateway.url });
