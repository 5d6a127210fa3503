import type { IncomingMessage } from "node:http";

/**
 * The client's address as Express's `req.ip` reports it (proxy-addr's walk of `X-Forwarded-For`), for a
 * request Express never sees: a WebSocket upgrade. `trust` is the app's compiled `trust proxy fn`.
 */
export function clientAddress(
  req: IncomingMessage,
  trust: (address: string, hop: number) => boolean,
): string {
  const forwarded = String(req.headers["x-forwarded-for"] ?? "")
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean)
    .reverse();
  const hops = [req.socket.remoteAddress ?? "unknown", ...forwarded];
  for (let hop = 0; hop < hops.length - 1; hop++)
    if (!trust(hops[hop] as string, hop)) return hops[hop] as string;
  return hops[hops.length - 1] as string;
}
