import type { ApolloServerPlugin } from "@apollo/server";
import type { ProcessMetrics } from "../metrics.ts";
import { errorCodeLabel, isServerFault } from "../operationLabels.ts";

export interface OperationMetricsPluginOptions {
  metrics: ProcessMetrics;
}

/**
 * Counts and times every operation by its bounded name (`metrics.operationLabel`), and counts its errors
 * by code. The outcome is `server_error` when any error is the platform's fault (what the error-rate and
 * availability alerts count), `client_error` when all are the caller's (bad input, not found, refused).
 */
export function operationMetricsPlugin({ metrics }: OperationMetricsPluginOptions): ApolloServerPlugin {
  return {
    async requestDidStart() {
      const stopTimer = metrics.operationDuration.startTimer();
      let codes: string[] = [];
      return {
        async didEncounterErrors({ errors }) {
          codes = errors.map((error) => errorCodeLabel(error.extensions?.code ?? "INTERNAL"));
        },
        async willSendResponse({ operationName }) {
          const operation = metrics.operationLabel(operationName);
          stopTimer({ operation });
          const outcome =
            codes.length === 0 ? "ok" : codes.some(isServerFault) ? "server_error" : "client_error";
          metrics.operations.inc({ operation, outcome });
          for (const code of codes) metrics.operationErrors.inc({ operation, code });
        },
      };
    },
  };
}
