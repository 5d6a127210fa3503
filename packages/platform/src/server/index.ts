export type { BaseApolloOptionsInput } from "./apolloOptions.ts";
export { baseApolloOptions } from "./apolloOptions.ts";
export type { ClassType, FederatedSchemaOptions, ReferenceResolver } from "./buildFederatedSchema.ts";
export { buildFederatedSchema, FEDERATION_LINK } from "./buildFederatedSchema.ts";
export type { CleanupStep } from "./cleanupStack.ts";
export { CleanupStack } from "./cleanupStack.ts";
export type {
  ConnectSubgraphOptions,
  ConsumerSpec,
  SubgraphConnections,
  SubgraphLifecycle,
} from "./connectSubgraph.ts";
export { connectSubgraph } from "./connectSubgraph.ts";
export type { SubgraphContext } from "./context.ts";
export type { SubgraphServer, SubgraphServerOptions } from "./createSubgraphServer.ts";
export { createSubgraphServer } from "./createSubgraphServer.ts";
export type { DismissedMember } from "./dismissal.ts";
export { DISMISS_EXTENSION, Dismissal, dismissalOf } from "./dismissal.ts";
export { healthRoutes } from "./healthRoutes.ts";
export { httpErrorHandler } from "./httpErrorHandler.ts";
export type { Infrastructure } from "./infrastructure.ts";
export { connectInfrastructure, infrastructureChecks } from "./infrastructure.ts";
export { KEEP_ALIVE_TIMEOUT_MS, keepConnectionsAlive } from "./keepAlive.ts";
export type { ProcessMetrics } from "./metrics.ts";
export { createProcessMetrics, LATENCY_BUCKETS } from "./metrics.ts";
export type { OperationLabel } from "./operationLabels.ts";
export {
  errorCodeLabel,
  isServerFault,
  operationLabel,
  operationLabelFromManifest,
} from "./operationLabels.ts";
export type { OperationMetricsPluginOptions } from "./plugins/operationMetricsPlugin.ts";
export { operationMetricsPlugin } from "./plugins/operationMetricsPlugin.ts";
export type { RequestLogPluginOptions } from "./plugins/requestLogPlugin.ts";
export { requestLogPlugin } from "./plugins/requestLogPlugin.ts";
export type { ReadinessCheck } from "./readiness.ts";
export { natsCheck, postgresCheck, redisCheck, runReadiness } from "./readiness.ts";
export { requestIdMiddleware } from "./requestIdMiddleware.ts";
export type { RunSubgraphOptions } from "./runSubgraph.ts";
export { runSubgraph } from "./runSubgraph.ts";
export { SHUTDOWN_DEADLINE_MS, shutdownOnSignal } from "./shutdownOnSignal.ts";
export type { SubgraphDefinition } from "./subgraphDefinition.ts";
export { defineSubgraph } from "./subgraphDefinition.ts";
export type { SubscriberConnection, SubscriptionServerOptions } from "./subscriptionServer.ts";
export { attachSubscriptionServer, CLOSE_CODES, serializeNextPayload } from "./subscriptionServer.ts";
export {
  ANNOUNCE_SCOPE,
  announcedPresence,
  announcedScope,
  declarePresence,
  declareVisibilityScope,
  VISIBILITY_SCOPE_EXTENSION,
} from "./visibilityScope.ts";
