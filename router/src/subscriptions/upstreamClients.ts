import { type Client, createClient } from "graphql-ws";
import WebSocket from "ws";

export interface UpstreamClientsOptions {
  /** How long an idle upstream connection stays open for the next subscriber (default 3 s). */
  lazyCloseTimeoutMs?: number;
}

/**
 * graphql-ws connections to subgraphs, one per (subgraph URL, caller token): the token decides what a
 * subgraph lets the caller see, so callers never share a connection, while one caller's several
 * subscriptions to a subgraph share one socket. A connection closes itself when idle.
 */
export class UpstreamClients {
  private readonly clients = new Map<string, Client>();

  constructor(private readonly options: UpstreamClientsOptions = {}) {}

  client(httpUrl: string, token: string | null): Client {
    const url = httpUrl.replace(/^http/, "ws");
    const key = `${url}\u0000${token ?? ""}`;
    let client = this.clients.get(key);
    if (!client) {
      client = createClient({
        url,
        webSocketImpl: WebSocket,
        lazy: true,
        lazyCloseTimeout: this.options.lazyCloseTimeoutMs ?? 3_000,
        retryAttempts: 0,
        connectionParams: token ? { authorization: `Bearer ${token}` } : {},
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
