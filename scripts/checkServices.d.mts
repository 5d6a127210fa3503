/** Resolves to one message per unreachable service (empty when PostgreSQL, Redis and NATS all answer). */
export function checkServices(env?: NodeJS.ProcessEnv): Promise<string[]>;
