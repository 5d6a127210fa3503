import { createServer, type IncomingMessage, type Server } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer } from "ws";
import { TOO_MANY_CONNECTIONS } from "./socketLimits.ts";

export interface ConnectionGate {
  /** What the socket server attaches to instead of the HTTP server: it never listens, it only hears upgrades let through. */
  upgrades: Server;
  /** WebSockets open now (let through and not yet closed). */
  openConnections(): number;
  close(): Promise<void>;
}

/**
 * Counts open WebSockets per client address at the upgrade, before the socket server reads a byte. An
 * upgrade over the cap is accepted only to be closed with 4429 and a reason, since a browser cannot read
 * the status of a refused upgrade.
 */
export function connectionGate(
  httpServer: Server,
  maxPerAddress: number,
  addressOf: (req: IncomingMessage) => string,
): ConnectionGate {
  const upgrades = createServer();
  const refuser = new WebSocketServer({ noServer: true, maxPayload: 1024 });
  const open = new Map<string, number>();
  let total = 0;
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const address = addressOf(req);
    const count = open.get(address) ?? 0;
    if (count >= maxPerAddress) {
      refuser.handleUpgrade(req, socket, head, (ws) =>
        ws.close(TOO_MANY_CONNECTIONS, `Too many connections from your address (at most ${maxPerAddress})`),
      );
      return;
    }
    open.set(address, count + 1);
    total++;
    socket.once("close", () => {
      total--;
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
    upgrades.emit("upgrade", req, socket, head);
  };
  httpServer.on("upgrade", onUpgrade);
  return {
    upgrades,
    openConnections: () => total,
    close: async () => {
      httpServer.off("upgrade", onUpgrade);
      await new Promise<void>((resolve) => refuser.close(() => resolve()));
    },
  };
}
