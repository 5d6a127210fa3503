// Child process of `npm run bench:scenario`: all ten subgraphs (each on its own fresh test database) via
// router/test/support/startFullPlatform.ts, in THIS process, and the population seeded through the router
// startPlatform runs here (not measured). The measured router runs in its own process
// (bench/live/routerChild.ts) in front of these subgraphs: this child reports the supergraph and keys it needs.
import { composeSupergraph, printSubgraphSdl } from "@health/platform/schema";
import type { SubgraphDefinition } from "@health/platform/server";
import { prepareTemplateDatabase } from "@health/platform/testing";
import { startFullPlatform } from "../../router/test/support/startFullPlatform.ts";
import { aiSubgraph } from "../../subgraphs/ai/src/subgraph.ts";
import { authSubgraph } from "../../subgraphs/auth/src/subgraph.ts";
import { bizSubgraph } from "../../subgraphs/biz/src/subgraph.ts";
import { contentSubgraph } from "../../subgraphs/content/src/subgraph.ts";
import { dynamicSubgraph } from "../../subgraphs/dynamic/src/subgraph.ts";
import { ecSubgraph } from "../../subgraphs/ec/src/subgraph.ts";
import { financeSubgraph } from "../../subgraphs/finance/src/subgraph.ts";
import { opsSubgraph } from "../../subgraphs/ops/src/subgraph.ts";
import { tradeSubgraph } from "../../subgraphs/trade/src/subgraph.ts";
import { userSubgraph } from "../../subgraphs/user/src/subgraph.ts";
import { type Population, seedPopulation } from "./seed.ts";

export type ScenarioPlatformRequest = { type: "close"; id: number };

export type ScenarioPlatformReport =
  | {
      type: "ready";
      supergraphSdl: string;
      jwksUrl: string;
      authUrl: string;
      redisKeyPrefix: string;
      eventPrefix: string;
      routerSigningKey: string;
      population: Population;
    }
  | { type: "closed"; id: number };

// biome-ignore lint/suspicious/noExplicitAny: ten subgraphs, ten different deps types
const DEFINITIONS: SubgraphDefinition<any, any>[] = [
  authSubgraph,
  userSubgraph,
  dynamicSubgraph,
  tradeSubgraph,
  financeSubgraph,
  ecSubgraph,
  bizSubgraph,
  contentSubgraph,
  opsSubgraph,
  aiSubgraph,
];

const send = (message: ScenarioPlatformReport) => process.send!(message);

async function main() {
  for (const definition of DEFINITIONS) await prepareTemplateDatabase(definition.name);
  // Tokens live an hour (auth's maximum): the seeded users' must outlast the ramp.
  const platform = await startFullPlatform({ authEnv: { ACCESS_TOKEN_TTL_SECONDS: "3600" } });
  let population: Population;
  try {
    console.error("platform up; seeding…");
    population = await seedPopulation(platform);
  } catch (error) {
    await platform.close();
    throw error;
  }
  const subgraphs = await Promise.all(
    DEFINITIONS.map(async (definition) => ({
      name: definition.name,
      url: platform.subgraphs[definition.name]!.url,
      sdl: await printSubgraphSdl(definition),
    })),
  );
  process.on("message", async (message: ScenarioPlatformRequest) => {
    if (message.type !== "close") return;
    await platform.close();
    send({ type: "closed", id: message.id });
    process.disconnect();
    setTimeout(() => process.exit(0), 200).unref();
  });
  const authUrl = platform.subgraphs.auth!.url;
  send({
    type: "ready",
    supergraphSdl: composeSupergraph(subgraphs).supergraphSdl,
    jwksUrl: platform.joinEnv.AUTH_JWKS_URL,
    authUrl,
    redisKeyPrefix: platform.joinEnv.TEST_REDIS_KEY_PREFIX,
    eventPrefix: platform.joinEnv.TEST_EVENT_PREFIX,
    routerSigningKey: platform.routerKeys.privateKey,
    population,
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
