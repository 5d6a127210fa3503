import { type Client, createClient } from "graphql-ws";
import WebSocket from "ws";

export interface OpenSubscription {
  /** The first message or error as JSON, or "open" when nothing came for `quietMs`. */
  outcome: Promise<string>;
  /** When the socket closes: its close code and reason. */
  closed: Promise<{ code: number; reason: string }>;
  client: Client;
}

/** An app's graphql-ws client on the router's endpoint, subscribing once with a signed-in token. */
export function openSubscription(
  httpUrl: string,
  token: string,
  query: string,
  quietMs = 1_000,
): OpenSubscription {
  const client = createClient({
    url: httpUrl.replace(/^http/, "ws"),
    webSocketImpl: WebSocket,
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
  const outcome = new Promise<string>((resolve) => {
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
  return { outcome, closed, client };
}
