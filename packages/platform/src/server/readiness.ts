import type { Redis } from "ioredis";
import type { NatsConnection } from "nats";

/**
 * One dependency `/ready` reports on; `check` throws when it is unreachable. An `essential` dependency
 * (the default) is one the process cannot serve without: while it fails, `/ready` answers 503 and the
 * load balancer stops sending traffic. A dependency that is not essential only degrades the process
 * (rule 10: Redis is a cache and a limiter, NATS is buffered by the outbox, a subgraph costs only its own
 * fields): `/ready` still answers 200, saying "degraded" and naming it, because taking every instance
 * out of its Service for it would turn a partial outage into a whole one.
 */
export interface ReadinessCheck {
  name: string;
  essential?: boolean;
  check(): Promise<void>;
}

export interface Readiness {
  /** Every essential check passed: the process serves. */
  ok: boolean;
  /** Some check that is not essential failed. */
  degraded: boolean;
  checks: Record<string, string>;
}

export const postgresCheck = (db: { $queryRawUnsafe(sql: string): Promise<unknown> }): ReadinessCheck => ({
  name: "postgres",
  check: async () => {
    await db.$queryRawUnsafe("SELECT 1");
  },
});

export const redisCheck = (redis: Redis): ReadinessCheck => ({
  name: "redis",
  essential: false,
  check: async () => {
    await redis.ping();
  },
});

export const natsCheck = (nats: NatsConnection): ReadinessCheck => ({
  name: "nats",
  essential: false,
  check: async () => {
    if (nats.isClosed()) throw new Error("connection closed");
    await nats.flush();
  },
});

/** Runs every check with a timeout; `ok` when every essential one passes. */
export async function runReadiness(checks: readonly ReadinessCheck[], timeoutMs = 2_000): Promise<Readiness> {
  const results = await Promise.all(
    checks.map(async ({ name, check }) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      });
      try {
        await Promise.race([check(), timeout]);
        return [name, "ok"] as const;
      } catch (error) {
        return [name, error instanceof Error ? error.message : String(error)] as const;
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  const failed = (index: number) => results[index]?.[1] !== "ok";
  return {
    ok: !checks.some((check, index) => check.essential !== false && failed(index)),
    degraded: checks.some((check, index) => check.essential === false && failed(index)),
    checks: Object.fromEntries(results),
  };
}
