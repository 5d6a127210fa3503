import type { Logger } from "@health/platform/logging";
import { Gauge, type Registry } from "prom-client";
import { CircuitBreaker, type CircuitState } from "./circuitBreaker.ts";

export interface SubgraphFailurePolicy {
  /** Deadline of every subgraph request, in ms (default 5000). */
  timeoutMs?: number;
  /** Per subgraph, keyed by upper-cased name as `SUBGRAPH_URL_<NAME>` is: overrides `timeoutMs`. */
  timeoutMsBySubgraph?: Record<string, number>;
  /** Consecutive transport failures that open a subgraph's circuit (default 5). */
  failureThreshold?: number;
  /** How long an open circuit refuses before it lets one probe through, in ms (default 5000). */
  coolDownMs?: number;
}

export const DEFAULT_SUBGRAPH_TIMEOUT_MS = 5_000;

const STATE_VALUE: Record<CircuitState, number> = { closed: 0, "half-open": 1, open: 2 };

/**
 * One circuit breaker per subgraph, each logging its changes and shown as
 * `router_subgraph_circuit_state{subgraph}` (0 closed, 1 half-open, 2 open).
 */
export function createSubgraphBreakers(
  names: readonly string[],
  policy: SubgraphFailurePolicy,
  logger: Logger,
  registry: Registry,
): Map<string, CircuitBreaker> {
  const gauge = new Gauge({
    name: "router_subgraph_circuit_state",
    help: "Each subgraph's circuit breaker: 0 closed, 1 half-open (probing), 2 open (refusing at once)",
    labelNames: ["subgraph"],
    registers: [registry],
  });
  return new Map(
    names.map((subgraph) => {
      gauge.set({ subgraph }, STATE_VALUE.closed);
      const breaker = new CircuitBreaker({
        failureThreshold: policy.failureThreshold,
        coolDownMs: policy.coolDownMs,
        onStateChange: (state) => {
          gauge.set({ subgraph }, STATE_VALUE[state]);
          if (state === "open") logger.warn({ subgraph }, "subgraph circuit open: its requests fail at once");
          else logger.info({ subgraph, state }, `subgraph circuit ${state}`);
        },
      });
      return [subgraph, breaker];
    }),
  );
}
