import type { GatewayGraphQLResponse } from "@apollo/server-gateway-interface";

/** The service name the primary fetch is re-pointed at, so each event enters the plan as its first result. */
export const EVENT_SERVICE = "__subscription_event__";

/** A "subgraph" that answers the primary fetch with the event the owning subgraph already pushed. */
export class EventDataSource {
  constructor(private readonly event: GatewayGraphQLResponse) {}

  async process(): Promise<GatewayGraphQLResponse> {
    return this.event;
  }
}
