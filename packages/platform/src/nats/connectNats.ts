import { connect, type NatsConnection } from "nats";
import { inboxPrefixFor, type NatsCredentials, natsAuthOptions } from "./natsAuth.ts";

/**
 * Connects to NATS and keeps reconnecting forever, so a broker restart never needs a process restart.
 * `credentials` are optional: none connects anonymously (a developer machine, CI).
 */
export function connectNats(
  url: string,
  name: string,
  credentials: NatsCredentials = {},
): Promise<NatsConnection> {
  return connect({
    servers: url,
    name,
    inboxPrefix: inboxPrefixFor(name),
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
    timeout: 3_000,
    ...natsAuthOptions(credentials),
  });
}
