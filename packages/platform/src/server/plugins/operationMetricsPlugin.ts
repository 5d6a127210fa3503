import type { ApolloServerPlugin } from "@apollo/server";
import type { ProcessMetrics } from "../metrics.ts";

export interface OperationMetricsPluginOptions {
  metrics: ProcessMetrics;
}

/** Counts and times every operation by name (`anonymous` when unnamed). */
export function operationMetricsPlugin({ metrics }: OperationMetricsPluginOptions): ApolloServerPlugin {
  return {
    async requestDidStart() {
      const stopTimer = metrics.operationDuration.startTimer();
      let failed = false;
      return {
        async didEncounterErrors() {
          failed = true;
        },
        async willSendResponse({ operationName }) {
          const operation = operationName ?? "anonymous";
          stopTimer({ operation });
          metrics.operations.inc({ operation, outcome: failed ? "error" : "ok" });
        },
      };
    },
  };
}
