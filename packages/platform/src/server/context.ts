import type { Logger } from "pino";
import type { Actor } from "../auth/actor.ts";

/** What every resolver receives, in every subgraph. */
export interface SubgraphContext<TDeps, TLoaders> {
  requestId: string;
  /** The verified caller, or null for an anonymous request. */
  actor: Actor | null;
  /** The client's address as the router saw it (X-Forwarded-For from a trusted proxy). */
  clientIp: string;
  log: Logger;
  deps: TDeps;
  /** Per-request DataLoaders, so a field resolved for many parents costs one query. */
  loaders: TLoaders;
}
