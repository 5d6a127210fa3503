import { LOCAL_REDIS } from "../config/serviceConfig.ts";
import { createRedis } from "../redis/createRedis.ts";

/** Deletes a test run's Redis keys (those under its random prefix). */
export async function deleteRedisKeys(
  prefix: string,
  redisUrl = process.env.REDIS_URL ?? LOCAL_REDIS,
): Promise<void> {
  const redis = createRedis(redisUrl);
  try {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}
