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
 * N. A connection closes itself when idle.
 */
export class UpstreamClients {
  private readonly clients = new Map<string, Client>();
  private readonly webSocketImpl: typeof WebSocket;

  constructor(private readonly options: UpstreamClientsOptions = {}) {
    this.webSocketImpl = options.signer ? signedWebSocket(options.signer) : WebSocket;
  }

  client(httpUrl: string): Client {
    const url = httpUrl.replace(/^http/, "ws");
    const key = url;
    let client = this.clients.get(key);
    if (!client) {
      client = createClient({
        url,
        webSocketImpl: this.webSocketImpl,
        lazy: true,
        lazyCloseTimeout: this.options.lazyCloseTimeoutMs ?? 3_000,
        retryAttempts: 0,
        on: { closed: () => this.clients.delete(key) },
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
