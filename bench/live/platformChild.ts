// Child process of `npm run bench:live`: the four subgraphs (auth, user, dynamic, trade, each on its own
// fresh test database) via router/test/support/startPlatform.ts, in THIS process. startPlatform also
// starts a router here; the bench does not use it (routerChild.ts runs the measured router in its own
// process). Reports the composed supergraph so routerChild can front these subgraphs. Talks over IPC.

import { composeSupergraph, printSubgraphSdl } from "@health/platform/schema";
import { prepareTemplateDatabase } from "@health/platform/testing";
import { type StartedPlatform, startPlatform } from "../../router/test/support/startPlatform.ts";
import { authSubgraph } from "../../subgraphs/auth/src/subgraph.ts";
import { dynamicSubgraph } from "../../subgraphs/dynamic/src/subgraph.ts";
import { tradeSubgraph } from "../../subgraphs/trade/src/subgraph.ts";
import { userSubgraph } from "../../subgraphs/user/src/subgraph.ts";
import { establishedTo, type ProcessMemory, processMemory } from "./processMemory.ts";

export type PlatformRequest = { type: "memory"; id: number } | { type: "close"; id: number };

export interface PlatformMemory extends ProcessMemory {
  /** Established TCP connections whose server side is the trade / dynamic subgraph (from `ss`). */
  tradeSockets: number;
  dynamicSockets: number;
}

export type PlatformReport =
  | {
      type: "ready";
      tradeUrl: string;
      tradeDatabase: string;
      signingKey: { kid: string; privateJwk: Record<string, unknown> };
      supergraphSdl: string;
      authUrl: string;
      jwksUrl: string;
      redisKeyPrefix: string;
      /** The router key these subgraphs trust (base64 PKCS#8), for the measured router and direct calls. */
      routerSigningKey: string;
    }
  | { type: "memory"; id: number; memory: PlatformMemory }
  | { type: "closed"; id: number };

const send = (message: PlatformReport) => process.send!(message);
const portOf = (url: string) => Number(new URL(url).port);

async function main() {
  for (const name of ["auth", "user", "dynamic", "trade"]) await prepareTemplateDatabase(name);
  // Free orders need no payment (graphqlClient.ts), so finance stays out of this bench's platform.
  const platform: StartedPlatform = await startPlatform({ finance: false });
  const key = await platform.authDb.signingKey.findFirstOrThrow({ where: { status: "active" } });
  const rows = await platform.tradeDb.$queryRaw<Array<{ db: string }>>`SELECT current_database() AS db`;
  const { auth, user, dynamic, trade } = platform.subgraphs;
  const { supergraphSdl } = composeSupergraph([
    { name: "auth", url: auth!.url, sdl: await printSubgraphSdl(authSubgraph) },
    { name: "user", url: user!.url, sdl: await printSubgraphSdl(userSubgraph) },
    { name: "dynamic", url: dynamic!.url, sdl: await printSubgraphSdl(dynamicSubgraph) },
    { name: "trade", url: trade!.url, sdl: await printSubgraphSdl(tradeSubgraph) },
  ]);
  process.on("message", async (message: PlatformRequest) => {
    if (message.type === "memory") {
      send({
        type: "memory",
        id: message.id,
        memory: {
          ...(await processMemory()),
          tradeSockets: establishedTo(portOf(trade!.url)),
          dynamicSockets: establishedTo(portOf(dynamic!.url)),
        },
      });
    } else if (message.type === "close") {
      await platform.close();
      send({ type: "closed", id: message.id });
      process.disconnect();
      setTimeout(() => process.exit(0), 200).unref();
    }
  });
  send({
    type: "ready",
    tradeUrl: trade!.url,
    tradeDatabase: rows[0]?.db ?? "",
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
