import { Counter, collectDefaultMetrics, Histogram, Registry } from "prom-client";

export interface ProcessMetrics {
  registry: Registry;
  operations: Counter<"operation" | "outcome">;
  operationDuration: Histogram<"operation">;
}

/** A registry per server (tests run several in one process), with Node's default metrics. */
export function createProcessMetrics(service: string): ProcessMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  // Event-loop delay sampled every 100 ms, not prom-client's 10 ms: 100 wake-ups a second per process
  // were most of an idle process's CPU (bench/idle); lag worth alerting on is far above 100 ms anyway.
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 100 });
  return {
    registry,
    operations: new Counter({
      name: "graphql_operations_total",
      help: "GraphQL operations by name and outcome (ok, error)",
      labelNames: ["operation", "outcome"],
      registers: [registry],
    }),
    operationDuration: new Histogram({
      name: "graphql_operation_duration_seconds",
      help: "GraphQL operation latency",
      labelNames: ["operation"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
  };
}
