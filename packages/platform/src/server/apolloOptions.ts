import type { Server } from "node:http";
import type { ApolloServerPlugin } from "@apollo/server";
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from "@apollo/server/plugin/disabled";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import type { GraphQLFormattedError } from "graphql";
import type { Logger } from "pino";
import { createFormatError } from "../errors/formatError.ts";
import { operationSpanPlugin } from "../tracing/operationSpanPlugin.ts";
import type { ProcessMetrics } from "./metrics.ts";
import { operationMetricsPlugin } from "./plugins/operationMetricsPlugin.ts";
import { requestLogPlugin } from "./plugins/requestLogPlugin.ts";

export interface BaseApolloOptionsInput {
  httpServer: Server;
  logger: Logger;
  metrics: ProcessMetrics;
  /** Production turns introspection off. */
  production?: boolean;
  /** One log line and metrics per operation (default true; benchmarks turn them off to compare). */
  observability?: boolean;
}

/**
 * What every Apollo Server here shares, the router's and each subgraph's: masked errors, no stack
 * traces, drain on stop, no CDN landing page, no Studio inline traces, one log line and metrics per
 * operation.
 */
export function baseApolloOptions({
  httpServer,
  logger,
  metrics,
  production,
  observability = true,
}: BaseApolloOptionsInput): {
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  includeStacktraceInErrorResponses: false;
  introspection: boolean;
  plugins: ApolloServerPlugin[];
} {
  return {
    formatError: createFormatError(logger),
    includeStacktraceInErrorResponses: false,
    introspection: !production,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      operationSpanPlugin(),
      ...(observability ? [requestLogPlugin({ logger }), operationMetricsPlugin({ metrics })] : []),
    ],
  };
}
