import { Events, type NatsConnection } from "nats";

export interface ConnectionWatch {
  /** False between a disconnect and the next reconnect, and once the connection is closed. */
  connected(): boolean;
  stop(): void;
}

/**
 * Follows the connection's status so the relay can skip passes while NATS is away (a publish would
 * only wait for its timeout) and wake up the moment it is back.
 */
export function watchConnection(nats: NatsConnection, onReconnect: () => void): ConnectionWatch {
  let up = true;
  const statuses = nats.status()[Symbol.asyncIterator]();
  void (async () => {
    for (let next = await statuses.next(); !next.done; next = await statuses.next()) {
      if (next.value.type === Events.Disconnect) up = false;
      if (next.value.type === Events.Reconnect) {
        up = true;
        onReconnect();
      }
    }
  })();
  return {
    connected: () => up && !nats.isClosed(),
    stop: () => void statuses.return?.(),
  };
}
