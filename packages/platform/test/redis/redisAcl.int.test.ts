import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { markApiKeyRevoked } from "../../src/auth/apiKeys.ts";
import { isSessionRevoked, markSessionRevoked } from "../../src/auth/sessionRevocation.ts";
import { createRedis } from "../../src/redis/createRedis.ts";
import { RateLimiter } from "../../src/redis/rateLimiter.ts";
import { freePort } from "../../src/testing/freePort.ts";

// Issue 16 point 10: deploy/redis/users.acl through deploy/redis/start-redis.sh, on a redis-server of
// the test's own (the machine's 6379 is never touched). Each role reaches only its own keys.
const DEPLOY = join(import.meta.dirname, "..", "..", "..", "..", "deploy", "redis");
const USERS = [
  "admin",
  "router",
  "auth",
  "dynamic",
  "user",
  "trade",
  "finance",
  "ec",
  "content",
  "biz",
  "ops",
  "ai",
] as const;
type RedisUser = (typeof USERS)[number];
const passwords = Object.fromEntries(USERS.map((user) => [user, `pw-${user}-${process.pid}`])) as Record<
  RedisUser,
  string
>;
let server: ChildProcess;
let dir: string;
let port: number;
const clients: Redis[] = [];

const connectAs = (user: RedisUser | null): Redis => {
  const credentials = user ? `${user}:${passwords[user]}@` : "";
  const redis = createRedis(`redis://${credentials}127.0.0.1:${port}`);
  redis.on("error", () => undefined);
  clients.push(redis);
  return redis;
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "redis-acl-"));
  port = await freePort();
  const env = Object.fromEntries(
    USERS.map((user) => [`REDIS_PASSWORD_${user.toUpperCase()}`, passwords[user]]),
  );
  server = spawn(
    "sh",
    [
      join(DEPLOY, "start-redis.sh"),
      "--port",
      String(port),
      "--bind",
      "127.0.0.1",
      "--save",
      "",
      "--appendonly",
      "no",
      "--dir",
      dir,
    ],
    { env: { ...process.env, ...env, REDIS_ACL_FILE: join(dir, "users.acl") }, stdio: "ignore" },
  );
  const admin = connectAs("admin");
  const deadline = Date.now() + 10_000;
  while ((await admin.ping().catch(() => null)) !== "PONG") {
    if (Date.now() > deadline) throw new Error(`redis-server with users.acl did not answer on ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
});
afterAll(async () => {
  for (const client of clients) client.disconnect();
  server?.kill("SIGTERM");
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("deploy/redis/users.acl", () => {
  it("lets no one in without a user and password", async () => {
    await expect(connectAs(null).get("apq:any")).rejects.toThrow(/NOAUTH/);
  });

  it("lets auth set revocation markers that the router reads but can neither delete nor forge", async () => {
    const auth = connectAs("auth");
    const router = connectAs("router");
    await markSessionRevoked(auth, "session-1", 60);
    await markApiKeyRevoked(auth, "key-1");
    expect(await isSessionRevoked(router, "session-1")).toBe(true);
    await expect(router.del("auth:revoked-session:session-1")).rejects.toThrow(/NOPERM/);
    await expect(markSessionRevoked(router, "session-2", 60)).rejects.toThrow(/NOPERM|EXECABORT/);
    await expect(connectAs("dynamic").del("auth:revoked-session:session-1")).rejects.toThrow(/NOPERM/);
    expect(await isSessionRevoked(router, "session-1")).toBe(true);
  });

  it("lets auth announce a revocation that the router hears and every subgraph can check", async () => {
    const router = connectAs("router");
    await router.subscribe("auth:session-revoked");
    const heard = new Promise<string>((resolve) => router.once("message", (_channel, id) => resolve(id)));
    await markSessionRevoked(connectAs("auth"), "session-3", 60);
    expect(await heard).toBe("session-3");
    for (const subgraph of ["dynamic", "user", "trade"] as const)
      expect(await isSessionRevoked(connectAs(subgraph), "session-3"), subgraph).toBe(true);
    await expect(connectAs("dynamic").publish("auth:session-revoked", "forged")).rejects.toThrow(/NOPERM/);
    await connectAs("trade").set("trade:replay:coach-1", "1", "EX", 30);
    await expect(connectAs("user").set("trade:replay:coach-1", "stolen")).rejects.toThrow(/NOPERM/);
  });

  it("keeps the APQ cache and the rate limits to the router", async () => {
    const router = connectAs("router");
    await router.set("apq:hash", "query { me { id } }");
    expect((await new RateLimiter(router).take([{ key: "ip:1", limit: 5, periodMs: 60_000 }])).allowed).toBe(
      true,
    );
    for (const other of ["auth", "dynamic", "user", "trade"] as const) {
      await expect(connectAs(other).set("apq:hash", "query { poisoned }"), other).rejects.toThrow(/NOPERM/);
      await expect(connectAs(other).del("ratelimit:ip:1"), other).rejects.toThrow(/NOPERM/);
    }
    expect(await router.get("apq:hash")).toBe("query { me { id } }");
  });

  it("gives dynamic its feed cache and every role its ping, and no one key listings or FLUSHALL", async () => {
    const dynamic = connectAs("dynamic");
    await dynamic.set("feed:u1:p0:g0:n20", "[]", "EX", 60);
    expect(await dynamic.incr("feedgen:u1")).toBe(1);
    for (const role of ["router", "auth", "dynamic", "user", "trade"] as const) {
      const redis = connectAs(role);
      expect(await redis.ping(), role).toBe("PONG");
      await expect(redis.scan(0), role).rejects.toThrow(/NOPERM/);
      await expect(redis.flushall(), role).rejects.toThrow(/NOPERM/);
    }
  });
});
