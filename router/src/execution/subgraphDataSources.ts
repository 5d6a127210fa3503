import type { RouterSigner } from "@health/platform/auth";
import type { Logger } from "@health/platform/logging";
import type { Registry } from "prom-client";
import { overrideKey } from "../config.ts";
import { type SubgraphEndpoint, supergraphSubgraphs } from "../supergraph/supergraphSubgraphs.ts";
import type { CircuitBreaker } from "./circuitBreaker.ts";
import { createSubgraphBreakers, type SubgraphFailurePolicy } from "./subgraphBreakers.ts";
import { SubgraphDataSource } from "./subgraphDataSource.ts";
import { createSubgraphFetchMetrics, measureFetches } from "./subgraphFetchMetrics.ts";

export interface SubgraphDataSourcesOptions {
  supergraphSdl: string;
  /** `SUBGRAPH_URL_<NAME>` overrides, keyed by upper-cased subgraph name. */
  urlOverrides?: Record<string, string>;
  signer?: RouterSigner;
  dedupe?: boolean;
  failures: SubgraphFailurePolicy;
  logger: Logger;
  registry: Registry;
}

export interface SubgraphDataSources {
  /** Every subgraph the supergraph declares, at its URL after overrides. */
  endpoints: SubgraphEndpoint[];
  breakers: Map<string, CircuitBreaker>;
  /** By subgraph name. */
  dataSources: Record<string, SubgraphDataSource>;
}

/**
 * One data source per subgraph, each behind its own circuit breaker, shared by queries and by the entity
 * fetches of subscription events.
 */
export function createSubgraphDataSources(options: SubgraphDataSourcesOptions): SubgraphDataSources {
  const { failures } = options;
  const endpoints = supergraphSubgraphs(options.supergraphSdl).map(({ name, url }) => ({
    name,
    url: options.urlOverrides?.[overrideKey(name)] ?? url,
  }));
  const breakers = createSubgraphBreakers(
    endpoints.map(({ name }) => name),
    failures,
    options.logger,
    options.registry,
  );
  const fetchMetrics = createSubgraphFetchMetrics(options.registry);
  const dataSources = Object.fromEntries(
    endpoints.map(({ name, url }) => {
      const dataSource = new SubgraphDataSource(url, {
        name,
        dedupe: options.dedupe,
        signer: options.signer,
        timeoutMs: failures.timeoutMsBySubgraph?.[overrideKey(name)] ?? failures.timeoutMs,
        breaker: breakers.get(name),
      });
      measureFetches(dataSource, name, fetchMetrics);
      return [name, dataSource];
    }),
  );
  return { endpoints, breakers, dataSources };
}
