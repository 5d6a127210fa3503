import { type Client, createClient } from "graphql-ws";
import WebSocket from "ws";

export interface Socket {
  client: Client;
  /** When the socket closes: its close code and reason. */
  closed: Promise<{ code: number; reason: string }>;
}

export interface OpenSubscription extends Socket {
  /** The first message or error as JSON, or "open" when nothing came for `quietMs`. */
  outcome: Promise<string>;
}

/** An app's graphql-ws socket on the router's endpoint, signed in; `headers` go on the upgrade request. */
export function connectSocket(httpUrl: string, token: string, headers: Record<string, string> = {}): Socket {
  const client = createClient({
    url: httpUrl.replace(/^http/, "ws"),
    webSocketImpl: class extends WebSocket {
      constructor(url: string, protocols: string | string[]) {
        super(url, protocols, { headers });
      }
    },
    retryAttempts: 0,
    lazy: false,
    // The close is what the tests read, from `closed`.
    onNonLazyError: () => {},
    connectionParams: { authorization: `Bearer ${token}` },
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    client.on("closed", (event) => {
      const { code, reason } = event as { code: number; reason: string };
      resolve({ code, reason: String(reason) });
    }),
  );
  return { client, closed };
}

/** Subscribes once on `client`: resolves with the first message or error as JSON, or "open" after `quietMs`. */
export function subscribeOnce(client: Client, query: string, quietMs = 1_000): Promise<string> {
  return new Promise<string>((resolve) => {
    client.subscribe(
      { query },
      {
        next: (value) => resolve(JSON.stringify(value)),
        error: (error) => resolve(JSON.stringify(error)),
        complete() {},
      },
    );
    setTimeout(() => resolve("open"), quietMs);
  });
}

/** A socket of its own holding one subscription. */
export function openSubscription(
  httpUrl: string,
  token: string,
  query: string,
  quietMs = 1_000,
): OpenSubscription {
  const socket = connectSocket(httpUrl, token);
  return { ...socket, outcome: subscribeOnce(socket.client, query, quietMs) };
}
