import { rateLimited } from "@health/platform/errors";
import type { AuthDeps } from "../deps.ts";

const accountKey = (email: string) => `auth:login:fail:account:${email}`;
const ipKey = (ip: string) => `auth:login:attempt:ip:${ip}`;

/**
 * Login limits in Redis: failed attempts per account (so one account cannot be guessed at) and all
 * attempts per IP (so one client cannot spray many accounts). Windows are fixed and start at the
 * first counted attempt.
 */
export class LoginThrottle {
  constructor(private readonly deps: Pick<AuthDeps, "redis" | "config">) {}

  /** Counts this attempt against the IP and refuses if either limit is already reached. */
  async admit(email: string, ip: string): Promise<void> {
    const { redis, config } = this.deps;
    const window = config.LOGIN_WINDOW_SECONDS;
    const results = await redis
      .multi()
      .incr(ipKey(ip))
      .expire(ipKey(ip), window, "NX")
      .get(accountKey(email))
      .ttl(accountKey(email))
      .ttl(ipKey(ip))
      .exec();
    const ipAttempts = Number(results?.[0]?.[1] ?? 0);
    const accountFailures = Number(results?.[2]?.[1] ?? 0);
    const accountTtl = Number(results?.[3]?.[1] ?? window);
    const ipTtl = Number(results?.[4]?.[1] ?? window);
    if (accountFailures >= config.LOGIN_MAX_FAILURES_PER_ACCOUNT)
      throw rateLimited(
        `Too many failed sign-ins for this account; try again in ${accountTtl} s or reset your password.`,
        Math.max(accountTtl, 1),
      );
    if (ipAttempts > config.LOGIN_MAX_ATTEMPTS_PER_IP)
      throw rateLimited(
        `Too many sign-in attempts from this address; try again in ${ipTtl} s.`,
        Math.max(ipTtl, 1),
      );
  }

  async recordFailure(email: string): Promise<void> {
    await this.deps.redis
      .multi()
      .incr(accountKey(email))
      .expire(accountKey(email), this.deps.config.LOGIN_WINDOW_SECONDS, "NX")
      .exec();
  }

  async recordSuccess(email: string): Promise<void> {
    await this.deps.redis.del(accountKey(email));
  }
}
