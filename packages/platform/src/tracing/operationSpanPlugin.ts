import type { ApolloServerPlugin } from "@apollo/server";
import { SpanStatusCode, trace } from "@opentelemetry/api";
import { isTracingOn } from "./tracingState.ts";

/**
 * Names the request's SERVER span (`httpServerSpans`) after its GraphQL operation,
 * `<type> <name>` as OpenTelemetry's GraphQL conventions do, and marks it failed with the error codes.
 */
export function operationSpanPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      const span = isTracingOn() ? trace.getActiveSpan() : undefined;
      if (!span) return;
      return {
        async didResolveOperation({ operation, operationName }) {
          const type = operation?.operation ?? "query";
          const name = operationName ?? "anonymous";
          span.updateName(`${type} ${name}`);
          span.setAttributes({ "graphql.operation.type": type, "graphql.operation.name": name });
        },
        async didEncounterErrors({ errors }) {
          const codes = errors.map((e) => String(e.extensions?.code ?? "INTERNAL"));
          span.setAttribute("graphql.error.codes", codes);
          span.setStatus({ code: SpanStatusCode.ERROR, message: codes.join(",") });
        },
      };
    },
  };
}
