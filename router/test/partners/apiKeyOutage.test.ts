import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createTokenVerifier } from "@health/platform/auth";
import { createRedis, type Redis } from "@health/platform/redis";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { identifyCaller } from "../../src/http/identifyCaller.ts";
import { createApiKeyVerifier } from "../../src/partners/apiKeyVerifier.ts";

// A partner's request while auth (which introspects API keys) is frozen or gone: a coded 503 naming
// auth within the timeout, never a hang or a bare 500.

let frozenAuth: Server;
let frozenUrl: string;
let goneUrl: string;
let redis: Redis;

const listen = async (server: Server) => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

beforeAll(async () => {
  frozenAuth = createServer(() => {});
  frozenUrl = await listen(frozenAuth);
  const gone = createServer();
  goneUrl = await listen(gone);
  await new Promise<void>((resolve) => gone.close(() => resolve()));
  redis = createRedis("redis://127.0.0.1:6379");
});
afterAll(() => {
  redis.disconnect();
  frozenAuth.closeAllConnections();
  return new Promise<void>((resolve) => frozenAuth.close(() => resolve()));
});

async function partnerRequest(authUrl: string) {
  const apiKeys = createApiKeyVerifier({ authUrl, redis, timeoutMs: 300 });
  const tokens = createTokenVerifier({
    jwksUrl: `${authUrl}/.well-known/jwks.json`,
    issuer: "i",
    audience: "a",
  });
  const app = express().use(identifyCaller(tokens, apiKeys), (_req, res) => {
    res.json({ passed: true });
  });
  const server = createServer(app);
  const url = await listen(server);
  const started = performance.now();
  const response = await fetch(url, { method: "POST", headers: { "x-api-key": "hk_partner" } });
  const answer = { status: response.status, body: await response.json(), ms: performance.now() - started };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return answer;
}

describe("a partner key while auth cannot introspect it", () => {
  it("auth frozen: 503 SUBGRAPH_TIMEOUT naming auth, within the timeout", async () => {
    const { status, body, ms } = await partnerRequest(frozenUrl);
    expect(status).toBe(503);
    expect(body).toMatchObject({
      errors: [{ extensions: { code: "SUBGRAPH_TIMEOUT", serviceName: "auth", timeoutMs: 300 } }],
    });
    expect(ms).toBeLessThan(1_000);
  });

  it("auth gone: 503 SUBGRAPH_UNAVAILABLE naming auth", async () => {
    const { status, body } = await partnerRequest(goneUrl);
    expect(status).toBe(503);
    expect(body).toMatchObject({
      errors: [{ extensions: { code: "SUBGRAPH_UNAVAILABLE", serviceName: "auth", reason: "connection" } }],
    });
  });
});
