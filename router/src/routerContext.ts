import type { Actor, ApiKeyIdentity } from "@health/platform/auth";
import type { SubscriberConnection } from "@health/platform/server";

/** The router's per-request context: who is calling, and what to forward to subgraphs. */
export interface RouterContext {
  requestId: string;
  actor: Actor | null;
  /** A partner calling with an API key (then `actor` is null). */
  partner: ApiKeyIdentity | null;
  clientIp: string;
  /** Over WebSocket only: the client's connection (to cut off a subscriber that fell behind). */
  connection?: SubscriberConnection;
}
