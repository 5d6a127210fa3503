import type { Redis } from "ioredis";
import type { NatsConnection } from "nats";

/** One dependency `/ready` reports on; `check` throws when it is unreachable. */
export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
}

export const postgresCheck = (db: { $queryRawUnsafe(sql: string): Promise<unknown> }): ReadinessCheck => ({
  name: "postgres",
  check: async () => {
    await db.$queryRawUnsafe("SELECT 1");
  },
});

export const redisCheck = (redis: Redis): ReadinessCheck => ({
  name: "redis",
  check: async () => {
    await redis.ping();
  },
});

export const natsCheck = (nats: NatsConnection): ReadinessCheck => ({
  name: "nats",
  check: async () => {
    if (nats.isClosed()) throw new Error("connection closed");
    await nats.flush();
  },
});

/** Runs every check with a timeout; `ok` only when all pass. */
export async function runReadiness(
  checks: readonly ReadinessCheck[],
  timeoutMs = 2_000,
): Promise<{ ok: boolean; checks: Record<string, string> }> {
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
  return { ok: results.every(([, status]) => status === "ok"), checks: Object.fromEntries(results) };
}
