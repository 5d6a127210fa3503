import "reflect-metadata";
import { runSubgraph } from "@health/platform/server";
import { userConfigSchema } from "../../../subgraphs/user/src/config.ts";
import { connectUser } from "../../../subgraphs/user/src/connect.ts";
import { userSubgraph } from "../../../subgraphs/user/src/subgraph.ts";

// The user subgraph as its own process (subgraphProcess.ts), on the Redis keys and event streams of the
// test platform it joins.
await runSubgraph({
  definition: userSubgraph,
  configSchema: userConfigSchema,
  connect: (config, process_) =>
    connectUser(config, {
      ...process_,
      redisKeyPrefix: process.env.TEST_REDIS_KEY_PREFIX,
      eventPrefix: process.env.TEST_EVENT_PREFIX,
    }),
});
