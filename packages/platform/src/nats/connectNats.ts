import { connect, type NatsConnection } from "nats";

/** Connects to NATS and keeps reconnecting forever, so a broker restart never needs a process restart. */
export function connectNats(url: string, name: string): Promise<NatsConnection> {
  return connect({ servers: url, name, maxReconnectAttempts: -1, reconnectTimeWait: 500, timeout: 3_000 });
}
