import { randomBytes, randomUUID } from "node:crypto";
import type { Role } from "@health/platform/auth";
import { loadConfig } from "@health/platform/config";
import { createLogger } from "@health/platform/logging";
import {
  createTestDatabase,
  deleteEventStreams,
  deleteRedisKeys,
  eventually,
  startTestIssuer,
  startTestSubgraph,
} from "@health/platform/testing";
import { tradeConfigSchema } from "../src/config.ts";
import { connectTrade } from "../src/connect.ts";
import type { TradeContext } from "../src/context.ts";
import { createTradeLoaders } from "../src/loaders.ts";
import { tradeSubgraph } from "../src/subgraph.ts";

/**
 * The trade subgraph on a free port over its own fresh database, its outbox relay publishing to
 * streams of its own (a random prefix, deleted at close), Redis keys under a random prefix, and a real
 * token issuer.
 */
export async function startTradeSubgraph(env: Record<string, string> = {}) {
  const database = await createTestDatabase("trade");
  const issuer = await startTestIssuer();
  const suffix = randomBytes(4).toString("hex");
  const bus = { prefix: `t_${suffix}` };
  const config = loadConfig(tradeConfigSchema, { DATABASE_URL: database.url, ...env });
  const { deps, close } = await connectTrade(config, {
    redisKeyPrefix: `t_${suffix}:`,
    eventPrefix: bus.prefix,
    logger: createLogger("trade", "silent"),
    // Tests call expireOverdueOrders themselves; a background sweep would race them.
    expirySweeper: false,
  });
  const subgraph = await startTestSubgraph({ definition: tradeSubgraph, deps, jwksUrl: issuer.jwksUrl });

  /** A new person with a signed token. */
  const person = async (roles: Role[] = ["user"]) => {
    const id = randomUUID();
    return { id, roles, token: await issuer.sign({ userId: id, roles }) };
  };

  /** The context a resolver sees for `who` (graphql `subscribe()` tests). */
  const contextFor = (who: { id: string; roles: Role[] }): TradeContext => {
    const actor = { userId: who.id, roles: who.roles, sessionId: "s", token: "t", expiresAt: new Date() };
    return {
      requestId: "test",
      actor,
      clientIp: "127.0.0.1",
      log: createLogger("test", "silent"),
      deps,
      loaders: createTradeLoaders(deps, actor),
    };
  };

  return {
    deps,
    db: deps.db,
    bus,
    url: subgraph.url,
    server: subgraph.server,
    request: subgraph.request,
    person,
    contextFor,
    eventually,
    close: async () => {
      await subgraph.server.close();
      await issuer.close();
      await close();
      await deleteEventStreams(bus, config.NATS_URL);
      await deleteRedisKeys(`t_${suffix}:`, config.REDIS_URL);
      await database.drop();
    },
  };
}

export type TradeHarness = Awaited<ReturnType<typeof startTradeSubgraph>>;

export const CREATE_ORDER = `mutation Create($input: CreateServiceOrderInput!) {
  createServiceOrder(input: $input) { id status priceAmount currency customer { id } coach { id } }
}`;
export const SET_PROFILE = `mutation Profile($input: SetCoachProfileInput!) {
  setCoachProfile(input: $input) { level capacity specialties regions }
}`;
export const GRAB = `mutation Grab($orderId: ID!) { grabOrder(orderId: $orderId) { id status coach { id } } }`;
export const UPDATE_STATUS = `mutation Status($orderId: ID!, $status: OrderStatus!) {
  updateOrderStatus(orderId: $orderId, status: $status) { id status }
}`;

export const orderInput = (overrides: Record<string, unknown> = {}) => ({
  serviceType: "nutrition-consult",
  specialty: "nutrition",
  region: "shanghai",
  priceAmount: 19_900,
  minCoachLevel: 2,
  description: "Help me plan meals for a marathon.",
  ...overrides,
});

export const profileInput = (overrides: Record<string, unknown> = {}) => ({
  specialties: ["nutrition"],
  regions: ["shanghai"],
  level: 3,
  capacity: 3,
  ...overrides,
});
