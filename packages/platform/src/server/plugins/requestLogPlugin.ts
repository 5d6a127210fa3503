import type { ApolloServerPlugin } from "@apollo/server";
import type { Logger } from "pino";

export interface RequestLogPluginOptions {
  logger: Logger;
  /** Operations slower than this are logged at `warn` (default 500 ms). */
  slowMs?: number;
}

/** One log line per operation: name, duration, error codes. The request id comes from the logger's scope. */
export function requestLogPlugin({ logger, slowMs = 500 }: RequestLogPluginOptions): ApolloServerPlugin {
  return {
    async requestDidStart() {
      const started = performance.now();
      let codes: string[] = [];
      return {
        async didEncounterErrors({ errors }) {
          codes = errors.map((e) => String(e.extensions?.code ?? "INTERNAL"));
        },
        async willSendResponse({ operationName }) {
          const ms = Math.round(performance.now() - started);
          const line = {
            operation: operationName ?? "anonymous",
            ms,
            ...(codes.length ? { errors: codes } : {}),
          };
          if (ms > slowMs) logger.warn(line, "slow operation");
          else logger.info(line, "operation");
        },
      };
    },
  };
}
