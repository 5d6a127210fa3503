// Child process of `npm run bench:chat`: auth, user, dynamic, trade and biz (each on its own fresh test
// database) via router/test/support/startPlatform.ts, in THIS process; the measured router runs in
// bench/live/routerChild.ts. Reports the composed supergraph and what the parent needs to sign tokens.
import { composeSupergraph, printSubgraphSdl } from "@health/platform/schema";
import { prepareTemplateDatabase } from "@health/platform/testing";
import { startPlatform } from "../../router/test/support/startPlatform.ts";
import { authSubgraph } from "../../subgraphs/auth/src/subgraph.ts";
import { bizSubgraph } from "../../subgraphs/biz/src/subgraph.ts";
import { dynamicSubgraph } from "../../subgraphs/dynamic/src/subgraph.ts";
import { tradeSubgraph } from "../../subgraphs/trade/src/subgraph.ts";
import { userSubgraph } from "../../subgraphs/user/src/subgraph.ts";

export type ChatPlatformRequest = { type: "close"; id: number };

export type ChatPlatformReport =
  | {
      type: "ready";
      signingKey: { kid: string; privateJwk: Record<string, unknown> };
      supergraphSdl: string;
      authUrl: string;
      jwksUrl: string;
      redisKeyPrefix: string;
      routerSigningKey: string;
    }
  | { type: "closed"; id: number };

const send = (message: ChatPlatformReport) => process.send!(message);

async function main() {
  for (const name of ["auth", "user", "dynamic", "trade", "biz"]) await prepareTemplateDatabase(name);
  const platform = await startPlatform({ finance: false, biz: true });
  const key = await platform.authDb.signingKey.findFirstOrThrow({ where: { status: "active" } });
  const { auth, user, dynamic, trade, biz } = platform.subgraphs;
  const { supergraphSdl } = composeSupergraph([
    { name: "auth", url: auth!.url, sdl: await printSubgraphSdl(authSubgraph) },
    { name: "user", url: user!.url, sdl: await printSubgraphSdl(userSubgraph) },
    { name: "dynamic", url: dynamic!.url, sdl: await printSubgraphSdl(dynamicSubgraph) },
    { name: "trade", url: trade!.url, sdl: await printSubgraphSdl(tradeSubgraph) },
    { name: "biz", url: biz!.url, sdl: await printSubgraphSdl(bizSubgraph) },
  ]);
  process.on("message", async (message: ChatPlatformRequest) => {
    if (message.type !== "close") return;
    await platform.close();
    send({ type: "closed", id: message.id });
    process.disconnect();
    setTimeout(() => process.exit(0), 200).unref();
  });
  send({
    type: "ready",
    signingKey: { kid: key.kid, privateJwk: key.privateJwk as Record<string, unknown> },
    supergraphSdl,
    authUrl: auth!.url,
    jwksUrl: new URL("/.well-known/jwks.json", auth!.url).href,
    routerSigningKey: platform.routerKeys.privateKey,
    redisKeyPrefix: String(platform.authDeps.redis.options.keyPrefix ?? ""),
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
