import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { createRouterSigner, parseRouterPrivateKey, type RouterSigner } from "@health/platform/auth";
import { importJWK, SignJWT } from "jose";
import { type Child, startChild } from "./childProcess.ts";
import { fmt } from "./format.ts";
import { graphql, type Person, type Request } from "./graphqlClient.ts";
import type { PlatformMemory, PlatformReport, PlatformRequest } from "./platformChild.ts";
import type { RouterReport, RouterRequest } from "./routerChild.ts";
import { startRouterOver } from "./routerStart.ts";
import { PROFILE_ARGS } from "./settings.ts";
import { sleep } from "./waits.ts";

/** Signs an access token for `sub` with auth's active key, as auth would issue it. */
export type SignToken = (sub: string, roles: string[]) => Promise<string>;

export interface PlatformSession {
  url: string;
  request: Request;
  sign: SignToken;
  tradeDatabaseUrl: string;
  tradeUrl: string;
  /** Signs as the router does (the trade subgraph answers nothing else). */
  routerSigner: RouterSigner;
  customer: Person;
  /** The subgraphs' process. */
  memory(): Promise<PlatformMemory>;
  /** The router's process; `sockets`: established connections into the router. */
  routerMemory(): Promise<Extract<RouterReport, { type: "memory" }>["memory"]>;
}

/**
 * A fresh subgraphs child (fresh databases) and a router child in front of it, one registered customer;
 * both closed (databases dropped) after.
 */
export async function withPlatform<T>(work: (session: PlatformSession) => Promise<T>): Promise<T> {
  const started = performance.now();
  const platform = await startChild<PlatformRequest, PlatformReport>("platformChild.ts", {
    execArgv: PROFILE_ARGS,
  });
  const routerChild = await startChild<RouterRequest, RouterReport>("routerChild.ts", {
    compiled: true,
    execArgv: [...PROFILE_ARGS, ...(process.env.BENCH_ROUTER_ARGS?.split(" ") ?? [])],
  });
  try {
    const ready = (await platform.ready) as Extract<PlatformReport, { type: "ready" }>;
    const routerUrl = await startRouterOver(routerChild, ready);
    console.error(`subgraphs and router up in ${fmt((performance.now() - started) / 1000, 1)} s`);
    const request = graphql(routerUrl);
    const customer = await registerCustomer(request);
    return await work({
      url: routerUrl,
      request,
      sign: await tokenSigner(ready.signingKey),
      tradeDatabaseUrl: `postgresql://postgres@127.0.0.1:5432/${ready.tradeDatabase}`,
      tradeUrl: ready.tradeUrl,
      routerSigner: createRouterSigner(parseRouterPrivateKey(ready.routerSigningKey)),
      customer,
      memory: async () =>
        ((await platform.call({ type: "memory" })) as Extract<PlatformReport, { type: "memory" }>).memory,
      routerMemory: async () =>
        ((await routerChild.call({ type: "memory" })) as Extract<RouterReport, { type: "memory" }>).memory,
    });
  } finally {
    console.error("closing the router and the subgraphs (drops their databases)…");
    await stopChild(routerChild);
    await stopChild(platform);
  }
}

/** Asks `child` to close, and lets it exit by itself so a --cpu-prof profile gets written; then kills it. */
export async function stopChild(child: Child<{ type: "close"; id: number }, unknown>): Promise<void> {
  if (child.process.connected) {
    await Promise.race([child.call({ type: "close" }), sleep(30_000)]);
    await Promise.race([once(child.process, "exit"), sleep(10_000)]);
  }
  child.process.kill();
}

async function registerCustomer(request: Request): Promise<Person> {
  const registered = await request<{ register: { accessToken: string; user: { id: string } } }>(
    "mutation($input: RegisterInput!) { register(input: $input) { accessToken user { id } } }",
    {
      input: {
        email: `bench-customer-${randomUUID()}@example.com`,
        password: "correct-horse-42",
        displayName: "Bench Customer",
      },
    },
  );
  if (registered.errors) throw new Error(`register: ${JSON.stringify(registered.errors)}`);
  return { id: registered.data!.register.user.id, token: registered.data!.register.accessToken };
}

/** Signs access tokens with auth's active key, as auth would issue them (bench/chat uses it too). */
export async function tokenSigner(signingKey: {
  kid: string;
  privateJwk: Record<string, unknown>;
}): Promise<SignToken> {
  const key = await importJWK(signingKey.privateJwk, "EdDSA");
  return async (sub, roles) => {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ roles, sid: randomUUID() })
      .setProtectedHeader({ alg: "EdDSA", kid: signingKey.kid, typ: "at+jwt" })
      .setSubject(sub)
      .setIssuer("health-auth")
      .setAudience("health-platform")
      .setJti(randomUUID())
      .setIssuedAt(now)
      .setExpirationTime(now + 3600)
      .sign(key);
  };
}
