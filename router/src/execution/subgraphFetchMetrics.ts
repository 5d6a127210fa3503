import { errorCodeLabel, LATENCY_BUCKETS } from "@health/platform/server";
import { Counter, Histogram, type Registry } from "prom-client";
import type { SubgraphDataSource } from "./subgraphDataSource.ts";

export interface SubgraphFetchMetrics {
  duration: Histogram<"subgraph">;
  errors: Counter<"subgraph" | "code">;
}

/**
 * `router_subgraph_request_duration_seconds{subgraph}` and `router_subgraph_request_errors_total{subgraph,
 * code}`: each fetch of a query plan as the router saw it, so an operator tells a slow or failing
 * subgraph from a slow router.
 */
export function createSubgraphFetchMetrics(registry: Registry): SubgraphFetchMetrics {
  return {
    duration: new Histogram({
      name: "router_subgraph_request_duration_seconds",
      help: "Subgraph fetches from the router (query plans and subscription events), until the answer or the failure",
      labelNames: ["subgraph"],
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    }),
    errors: new Counter({
      name: "router_subgraph_request_errors_total",
      help: "Subgraph fetches that failed (SUBGRAPH_TIMEOUT, SUBGRAPH_UNAVAILABLE, HTTP status) or answered with GraphQL errors (their first code)",
      labelNames: ["subgraph", "code"],
      registers: [registry],
    }),
  };
}

/** Times every `process` of `dataSource` (wrapped in place: the data source itself stays metric-free). */
export function measureFetches(
  dataSource: SubgraphDataSource,
  subgraph: string,
  metrics: SubgraphFetchMetrics,
): void {
  const process = dataSource.process.bind(dataSource);
  dataSource.process = async (options) => {
    const stopTimer = metrics.duration.startTimer({ subgraph });
    try {
      const result = await process(options);
      const [first] = result.errors ?? [];
      if (first) metrics.errors.inc({ subgraph, code: errorCodeLabel(first.extensions?.code ?? "INTERNAL") });
      return result;
    } catch (error) {
      metrics.errors.inc({ subgraph, code: failureCode(error) });
      throw error;
    } finally {
      stopTimer();
    }
  };
}

function failureCode(error: unknown): string {
  const extensions = (error as { extensions?: Record<string, unknown> }).extensions;
  const status = (extensions?.response as { status?: number } | undefined)?.status;
  if (typeof status === "number") return `HTTP_${Math.floor(status / 100)}XX`;
  return errorCodeLabel(extensions?.code ?? "INTERNAL");
}
