import type { Redis } from "ioredis";
import { isSessionRevoked } from "../auth/sessionRevocation.ts";
import { createTokenVerifier, type TokenVerifier } from "../auth/tokenVerifier.ts";
import { createLogger } from "../logging/logger.ts";
import { createSubgraphServer, type SubgraphServer } from "../server/createSubgraphServer.ts";
import type { SubgraphDefinition } from "../server/subgraphDefinition.ts";
import { createTestRouterKeys, type TestRouterKeys } from "./testRouterKeys.ts";

export interface StartedTestSubgraph {
  server: SubgraphServer;
  url: string;
  /** The router's keys this subgraph trusts: `request` signs with them, so can a test. */
  routerKeys: TestRouterKeys;
  /** POSTs an operation to the subgraph over HTTP, router-signed, with `token` as a bearer token when given. */
  request<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ): Promise<{ data?: T; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }>;
}

/** Starts a subgraph exactly as `main.ts` would, on a free port, verifying tokens against `jwksUrl`. */
export async function startTestSubgraph<TDeps extends { redis?: Redis }, TLoaders>(options: {
  definition: SubgraphDefinition<TDeps, TLoaders>;
  deps: TDeps;
  /** Where to fetch signing keys; "self" means this subgraph's own `/.well-known/jwks.json` (the auth subgraph). */
  jwksUrl: string | "self";
  issuer?: string;
  audience?: string;
  /** The router keys to trust (a platform of several subgraphs shares one). Default: a fresh pair. */
  routerKeys?: TestRouterKeys;
  /** Default: auth's markers in `deps.redis`; deps without Redis must say. */
  isSessionRevoked?: (sessionId: string) => Promise<boolean>;
}): Promise<StartedTestSubgraph> {
  let url = "";
  let verifier: TokenVerifier | undefined;
  // Built on first use: with "self" the JWKS address is only known once the server listens.
  const lazyVerifier: TokenVerifier = {
    verify: (token) => {
      verifier ??= createTokenVerifier({
        jwksUrl: options.jwksUrl === "self" ? new URL("/.well-known/jwks.json", url).href : options.jwksUrl,
        issuer: options.issuer ?? "health-auth",
        audience: options.audience ?? "health-platform",
      });
      return verifier.verify(token);
    },
  };
  const { redis } = options.deps;
  const revoked = options.isSessionRevoked ?? (redis && ((sessionId) => isSessionRevoked(redis, sessionId)));
  if (!revoked) throw new Error("startTestSubgraph: deps has no redis; pass isSessionRevoked.");
  const routerKeys = options.routerKeys ?? createTestRouterKeys();
  const server = await createSubgraphServer({
    definition: options.definition,
    deps: options.deps,
    logger: createLogger(options.definition.name, process.env.LOG_LEVEL ?? "silent"),
    verifier: lazyVerifier,
    routerSignature: routerKeys.verifier,
    isSessionRevoked: revoked,
  });
  url = await server.listen(0);
  return {
    server,
    url,
    routerKeys,
    request: async (query, variables, token) => {
      const response = await routerKeys.signedFetch(url, {
        headers: {
          "content-type": "application/json",
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as never;
    },
  };
}
