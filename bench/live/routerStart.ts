import type { Child } from "./childProcess.ts";
import type { RouterReport, RouterRequest } from "./routerChild.ts";

/** What a platform child reports once its subgraphs are up: everything the router child needs to front them. */
export type SubgraphsForRouter = Omit<Extract<RouterRequest, { type: "start" }>, "type" | "id">;

/** Starts the router child in front of a platform child's subgraphs; its GraphQL URL. */
export async function startRouterOver(
  router: Child<RouterRequest, RouterReport>,
  subgraphs: SubgraphsForRouter,
): Promise<string> {
  await router.ready;
  const { supergraphSdl, jwksUrl, authUrl, redisKeyPrefix, routerSigningKey } = subgraphs;
  const started = (await router.call({
    type: "start",
    supergraphSdl,
    jwksUrl,
    authUrl,
    redisKeyPrefix,
    routerSigningKey,
  })) as Extract<RouterReport, { type: "started" }>;
  return started.url;
}
