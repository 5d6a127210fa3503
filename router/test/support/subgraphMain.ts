import "reflect-metadata";
import { runSubgraph } from "@health/platform/server";
import { dynamicConfigSchema } from "../../../subgraphs/dynamic/src/config.ts";
import { connectDynamic } from "../../../subgraphs/dynamic/src/connect.ts";
import { dynamicSubgraph } from "../../../subgraphs/dynamic/src/subgraph.ts";
import { financeConfigSchema } from "../../../subgraphs/finance/src/config.ts";
import { connectFinance } from "../../../subgraphs/finance/src/connect.ts";
import { financeSubgraph } from "../../../subgraphs/finance/src/subgraph.ts";
import { tradeConfigSchema } from "../../../subgraphs/trade/src/config.ts";
import { connectTrade } from "../../../subgraphs/trade/src/connect.ts";
import { tradeSubgraph } from "../../../subgraphs/trade/src/subgraph.ts";
import { userConfigSchema } from "../../../subgraphs/user/src/config.ts";
import { connectUser } from "../../../subgraphs/user/src/connect.ts";
import { userSubgraph } from "../../../subgraphs/user/src/subgraph.ts";

// One subgraph (TEST_SUBGRAPH) as its own process (subgraphProcess.ts), on the Redis keys and event
// streams of the test platform it joins.
const joined = {
  redisKeyPrefix: process.env.TEST_REDIS_KEY_PREFIX,
  eventPrefix: process.env.TEST_EVENT_PREFIX,
};
const subgraph = process.env.TEST_SUBGRAPH;
if (subgraph === "user")
  await runSubgraph({
    definition: userSubgraph,
    configSchema: userConfigSchema,
    connect: (config, processDeps) => connectUser(config, { ...processDeps, ...joined }),
  });
else if (subgraph === "dynamic")
  await runSubgraph({
    definition: dynamicSubgraph,
    configSchema: dynamicConfigSchema,
    connect: (config, processDeps) => connectDynamic(config, { ...processDeps, ...joined }),
  });
else if (subgraph === "trade")
  await runSubgraph({
    definition: tradeSubgraph,
    configSchema: tradeConfigSchema,
    // As startPlatform connects it: the grab-deadline sweeper stays off in tests; its outbox relay runs.
    connect: (config, processDeps) =>
      connectTrade(config, { ...processDeps, ...joined, expirySweeper: false }),
  });
else if (subgraph === "finance")
  // Its local payment provider sends its webhooks to this process's own port (the default).
  await runSubgraph({
    definition: financeSubgraph,
    configSchema: financeConfigSchema,
    connect: (config, processDeps) => connectFinance(config, { ...processDeps, ...joined }),
  });
else throw new Error(`TEST_SUBGRAPH: expected user, dynamic, trade or finance, got ${subgraph}`);
