import { ApolloGateway } from "@apollo/gateway";
import type { RouterSigner } from "@health/platform/auth";
import type { Logger } from "@health/platform/logging";
import { SubgraphDataSource } from "./subgraphDataSource.ts";

/** @apollo/gateway over the supergraph, reaching each subgraph through its data source in `dataSources`. */
export function createFederationGateway(
  supergraphSdl: string,
  dataSources: Readonly<Record<string, SubgraphDataSource>>,
  signer: RouterSigner | undefined,
  logger: Logger,
): ApolloGateway {
  // Unless this is set, @apollo/gateway probes the cloud metadata endpoints at start and sends host
  // details to Apollo's usage-reporting endpoint every hour (its utilities/opentelemetry.js). This
  // router sends nothing outside the platform, and the meter it would run costs memory.
  process.env.APOLLO_TELEMETRY_DISABLED = "true";
  return new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) => dataSources[name] ?? new SubgraphDataSource(url ?? "", { signer }),
    logger,
  });
}
