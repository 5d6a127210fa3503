import { type RouterSigner, signedWebSocket } from "@health/platform/auth";
import { type Client, createClient } from "graphql-ws";
import WebSocket from "ws";

export interface UpstreamClientsOptions {
  /** How long an idle upstream connection stays open for the next subscriber (default 3 s). */
  lazyCloseTimeoutMs?: number;
  /** Signs each connection's upgrade request (platform subgraphs refuse unsigned ones). Default: unsigned. */
  signer?: RouterSigner;
}

/**
 * One graphql-ws connection per subgraph, shared by every subscriber: each operation names its caller in
 * `extensions.authorization`, which the subgraph verifies, so N subscribers cost one upstream socket, not
 * N. A connection closes itself when idle. It also closes when the subgraph stops answering: the opening
 * handshake, the connection ack and every ping's pong must each come within the subgraph's timeout; its
 * operations then fail, and their subscribers are told (federatedSubscription.ts).
 */
export class UpstreamClients {
  private readonly clients = new Map<string, Client>();
  private readonly webSocketImpl: typeof WebSocket;

  constructor(private readonly options: UpstreamClientsOptions = {}) {
    this.webSocketImpl = options.signer ? signedWebSocket(options.signer) : WebSocket;
  }

  client(httpUrl: string, timeoutMs: number): Client {
    const url = httpUrl.replace(/^http/, "ws");
    const key = url;
    let client = this.clients.get(key);
    if (!client) {
      let socket: WebSocket | null = null;
      let pongDue: NodeJS.Timeout | undefined;
      client = createClient({
        url,
        webSocketImpl: withHandshakeTimeout(this.webSocketImpl, timeoutMs),
        lazy: true,
        lazyCloseTimeout: this.options.lazyCloseTimeoutMs ?? 3_000,
        retryAttempts: 0,
        connectionAckWaitTimeout: timeoutMs,
        keepAlive: timeoutMs,
        on: {
          connected: (connected) => {
            socket = connected as WebSocket;
          },
          ping: (received) => {
            if (received) return;
            clearTimeout(pongDue);
            // terminate, not close: a frozen subgraph would never answer the closing handshake either.
            pongDue = setTimeout(() => socket?.terminate(), timeoutMs);
          },
          pong: (received) => {
            if (received) clearTimeout(pongDue);
          },
          closed: () => {
            clearTimeout(pongDue);
            this.clients.delete(key);
          },
        },
      });
      this.clients.set(key, client);
    }
    return client;
  }

  async close(): Promise<void> {
    const clients = [...this.clients.values()];
    this.clients.clear();
    await Promise.all(clients.map((client) => client.dispose()));
  }
}

/** A subgraph that accepts the TCP connection but never completes the upgrade is given up on. */
function withHandshakeTimeout(Base: typeof WebSocket, timeoutMs: number): typeof WebSocket {
  return class extends Base {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols);
      const timer = setTimeout(() => {
        if (this.readyState === WebSocket.CONNECTING) this.terminate();
      }, timeoutMs);
      const clear = () => clearTimeout(timer);
      this.once("open", clear);
      this.once("close", clear);
    }
  } as typeof WebSocket;
}
