import "reflect-metadata";
import { networkInterfaces } from "node:os";
import { Ctx, Query, Resolver } from "type-graphql";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../src/logging/logger.ts";
import { createSubgraphServer, type SubgraphServer } from "../src/server/createSubgraphServer.ts";
import { defineSubgraph } from "../src/server/subgraphDefinition.ts";
import { createTestRouterKeys } from "../src/testing/testRouterKeys.ts";

// `trust proxy` believes X-Forwarded-For only from configured proxies (issue 16.7): before, every
// private address was trusted, so anyone on the network picked their own address for the login throttle.

@Resolver()
class ClientIpResolver {
  @Query(() => String)
  clientIp(@Ctx() ctx: { clientIp: string }): string {
    return ctx.clientIp;
  }
}

const definition = defineSubgraph({
  name: "whoami",
  resolvers: [ClientIpResolver],
  createLoaders: () => ({}),
  readiness: () => [],
});

/** An address of this machine other than loopback (a private one if there is one), to call from. */
function ownAddress(): string | undefined {
  const addresses = Object.values(networkInterfaces())
    .flat()
    .filter((entry) => entry && !entry.internal && !entry.address.startsWith("fe80"))
    .map((entry) => entry!.address);
  return addresses.find((a) => /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|f[cd])/.test(a)) ?? addresses[0];
}

const keys = createTestRouterKeys();
let server: SubgraphServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function clientIpSeen(options: { trustedProxies?: string[]; callFrom: string }): Promise<string> {
  server = await createSubgraphServer({
    definition,
    deps: {},
    logger: createLogger("whoami", "silent"),
    verifier: { verify: () => Promise.reject(new Error("no tokens here")) },
    routerSignature: keys.verifier,
    isSessionRevoked: async () => false,
    trustedProxies: options.trustedProxies,
  });
  const { port } = new URL(await server.listen(0, "::"));
  const host = options.callFrom.includes(":") ? `[${options.callFrom}]` : options.callFrom;
  const response = await keys.signedFetch(`http://${host}:${port}/graphql`, {
    headers: { "content-type": "application/json", "x-forwarded-for": "203.0.113.9" },
    body: JSON.stringify({ query: "{ clientIp }" }),
  });
  const body = (await response.json()) as { data: { clientIp: string } };
  return body.data.clientIp.replace(/^::ffff:/, "");
}

describe("whose X-Forwarded-For a subgraph believes", () => {
  it("believes the router beside it on loopback, by default", async () => {
    expect(await clientIpSeen({ callFrom: "127.0.0.1" })).toBe("203.0.113.9");
  });

  const address = ownAddress();
  it.skipIf(!address)(
    `ignores it from another address of the network (${address}) unless configured`,
    async () => {
      expect(await clientIpSeen({ callFrom: address! })).toBe(address);
      expect(await clientIpSeen({ callFrom: address!, trustedProxies: [address!] })).toBe("203.0.113.9");
    },
  );
});
