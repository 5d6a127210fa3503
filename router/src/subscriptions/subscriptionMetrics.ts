import { type ExecutionArgs, type ExecutionResult, Kind } from "graphql";
import { Counter, Gauge, type Registry } from "prom-client";
import { whenEnded } from "./whenEnded.ts";

type SubscribeResult = AsyncIterableIterator<ExecutionResult> | ExecutionResult;

export interface SubscriptionMetrics {
  /** Counts the subscription while its stream is open, and every event it yields. */
  track(args: ExecutionArgs, result: SubscribeResult): SubscribeResult;
}

/**
 * `router_websocket_connections` (read from `openConnections` when scraped), `router_subscriptions_active`
 * and `router_subscription_events_total` by root field (a Subscription field of the schema: bounded).
 */
export function createSubscriptionMetrics(
  registry: Registry,
  openConnections: () => number,
): SubscriptionMetrics {
  new Gauge({
    name: "router_websocket_connections",
    help: "Open WebSocket connections on this router instance",
    registers: [registry],
    collect() {
      this.set(openConnections());
    },
  });
  const active = new Gauge({
    name: "router_subscriptions_active",
    help: "Open subscriptions on this router instance by root field",
    labelNames: ["field"],
    registers: [registry],
  });
  const events = new Counter({
    name: "router_subscription_events_total",
    help: "Events sent to subscribers by root field",
    labelNames: ["field"],
    registers: [registry],
  });
  return {
    track(args, result) {
      if (!(Symbol.asyncIterator in result)) return result;
      const field = rootField(args);
      active.inc({ field });
      return whenEnded(
        result,
        () => active.dec({ field }),
        () => events.inc({ field }),
      );
    },
  };
}

function rootField({ document, operationName }: ExecutionArgs): string {
  const operation = document.definitions.find(
    (d) => d.kind === Kind.OPERATION_DEFINITION && (!operationName || d.name?.value === operationName),
  );
  const first =
    operation?.kind === Kind.OPERATION_DEFINITION ? operation.selectionSet.selections[0] : undefined;
  return first?.kind === Kind.FIELD ? first.name.value : "other";
}
