import type { AppError } from "@health/platform/errors";
import { GraphQLError } from "graphql";

/** UNAVAILABLE (a check that must not be skipped could not run) as HTTP 503 with `Retry-After`, so clients retry. */
export const unavailableOverHttp = (error: AppError): GraphQLError => {
  const retryAfter = String(error.extensions.retryAfterSeconds ?? 5);
  return new GraphQLError(error.message, {
    extensions: {
      ...error.extensions,
      http: { status: 503, headers: new Map([["retry-after", retryAfter]]) },
    },
  });
};
