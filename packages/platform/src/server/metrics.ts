import { Counter, collectDefaultMetrics, Histogram, Registry } from "prom-client";
import { type OperationLabel, operationLabelFromManifest } from "./operationLabels.ts";

export interface ProcessMetrics {
  registry: Registry;
  operations: Counter<"operation" | "outcome">;
  operationDuration: Histogram<"operation">;
  operationErrors: Counter<"operation" | "code">;
  /** The `operation` label of a request: a bounded set (operationLabels.ts). */
  operationLabel: OperationLabel;
}

/** Seconds; dense around the 200 ms response-time target so its p99 is read from near buckets. */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.5, 1, 2.5, 5];

/** A registry per server (tests run several in one process), with Node's default metrics. */
export function createProcessMetrics(
  service: string,
  operationLabel: OperationLabel = operationLabelFromManifest(),
): ProcessMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  // Event-loop delay sampled every 100 ms, not prom-client's 10 ms: 100 wake-ups a second per process
  // were most of an idle process's CPU (bench/idle); lag worth alerting on is far above 100 ms anyway.
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 100 });
  return {
    registry,
    operationLabel,
    operations: new Counter({
      name: "graphql_operations_total",
      help: "GraphQL operations by name and outcome (ok, client_error, server_error)",
      labelNames: ["operation", "outcome"],
      registers: [registry],
    }),
    operationDuration: new Histogram({
      name: "graphql_operation_duration_seconds",
      help: "GraphQL operation latency, from request to response sent",
      labelNames: ["operation"],
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    }),
    operationErrors: new Counter({
      name: "graphql_operation_errors_total",
      help: "Errors in GraphQL responses by operation and extensions.code",
      labelNames: ["operation", "code"],
      registers: [registry],
    }),
  };
}
