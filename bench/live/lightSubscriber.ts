import WebSocket from "ws";

/**
 * One subscription over the graphql-ws protocol (`graphql-transport-ws`) on a bare `ws` socket: the
 * handshake, one `subscribe`, and `next` messages handed to `onNext` as parsed payloads. The graphql-ws
 * client does more per message (validation, sinks, lazy reconnects); with 10,000 clients in the bench
 * process that work, not the server under test, would set the measured latency.
 */
export interface LightSubscription {
  /** Resolves true once the server acknowledged the connection, false if it refused or closed it. */
  connected: Promise<boolean>;
  close(): Promise<void>;
}

export function subscribeLight(
  url: string,
  token: string | null,
  query: string,
  onNext: (payload: { data?: unknown; errors?: unknown }, receivedAt: number) => void,
  onError: (error: unknown) => void,
): LightSubscription {
  const socket = new WebSocket(url, "graphql-transport-ws");
  let settle: (connected: boolean) => void = () => {};
  const connected = new Promise<boolean>((resolve) => {
    settle = resolve;
  });
  socket.on("open", () => {
    socket.send(
      JSON.stringify({
        type: "connection_init",
        payload: token ? { authorization: `Bearer ${token}` } : {},
      }),
    );
  });
  socket.on("message", (data) => {
    const receivedAt = Date.now();
    const message = JSON.parse(String(data)) as { type: string; payload?: unknown };
    switch (message.type) {
      case "connection_ack":
        socket.send(JSON.stringify({ id: "1", type: "subscribe", payload: { query } }));
        settle(true);
        break;
      case "next":
        onNext(message.payload as { data?: unknown; errors?: unknown }, receivedAt);
        break;
      case "error":
        onError(message.payload);
        break;
      case "ping":
        socket.send('{"type":"pong"}');
        break;
    }
  });
  socket.on("error", (error) => {
    onError(error);
    settle(false);
  });
  socket.on("close", () => settle(false));
  return {
    connected,
    close: () =>
      new Promise<void>((resolve) => {
        if (socket.readyState === WebSocket.CLOSED) return resolve();
        socket.once("close", () => resolve());
        socket.close(1000);
      }),
  };
}
