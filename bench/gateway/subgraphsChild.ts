// Child process of `npm run bench:gateway`: the four bench subgraphs on one port, pinned by the runner
// to the core the gateways do not use.
import { startBenchSubgraphs } from "./subgraphServer.ts";

const { url, server } = await startBenchSubgraphs();
process.on("message", (message: { type: string }) => {
  if (message.type === "close") server.close(() => process.exit(0));
});
process.send!({ type: "ready", url });
