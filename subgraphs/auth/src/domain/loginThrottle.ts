import { rateLimited, unavailable } from "@health/platform/errors";
import type { AuthDeps } from "../deps.ts";
import { identifierHash } from "./authEvents.ts";

// Failures are counted per account *and* address: counting them per account alone let anyone who knows
// an email keep its owner locked out from everywhere (issue 16, point 11). The key holds the email's
// SHA-256, never the email: Redis keeps no one's address (issue 13: caches show nothing of a person).
const failureKey = (email: string, ip: string) =>
  `auth:login:fail:${encodeURIComponent(ip)}:${identifierHash(email)}`;
const ipKey = (ip: string) => `auth:login:attempt:ip:${ip}`;

const refuse = (): never => {
  throw unavailable("CREDENTIAL_LIMIT", "Signing in is unavailable for a moment; try again shortly.");
};

/**
 * Login limits in Redis: failed attempts per account from one address (so one client cannot guess at an
 * account, while its owner elsewhere still signs in) and all attempts per address (so one client cannot
 * spray many accounts). Windows are fixed and start at the first counted attempt. While Redis is
 * unreachable no attempt can be counted, so sign-ins are refused (UNAVAILABLE) rather than left unlimited.
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
      .get(failureKey(email, ip))
      .ttl(failureKey(email, ip))
      .ttl(ipKey(ip))
      .exec()
      .catch(refuse);
    const ipAttempts = Number(results?.[0]?.[1] ?? 0);
    const failures = Number(results?.[2]?.[1] ?? 0);
    const failureTtl = Number(results?.[3]?.[1] ?? window);
    const ipTtl = Number(results?.[4]?.[1] ?? window);
    if (failures >= config.LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_IP)
      throw rateLimited(
        `Too many failed sign-ins for this account from this address; try again in ${failureTtl} s or reset your password.`,
        Math.max(failureTtl, 1),
      );
    if (ipAttempts > config.LOGIN_MAX_ATTEMPTS_PER_IP)
      throw rateLimited(
        `Too many sign-in attempts from this address; try again in ${ipTtl} s.`,
        Math.max(ipTtl, 1),
      );
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    await this.deps.redis
      .multi()
      .incr(failureKey(email, ip))
      .expire(failureKey(email, ip), this.deps.config.LOGIN_WINDOW_SECONDS, "NX")
      .exec()
      .catch(refuse);
  }

  /** Best effort: a failure count left behind only expires with its window. */
  async recordSuccess(email: string, ip: string): Promise<void> {
    await this.deps.redis.del(failureKey(email, ip)).catch(() => undefined);
  }
}
