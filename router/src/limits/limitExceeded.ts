import { ErrorCode } from "@health/platform/errors";
import { GraphQLError } from "graphql";
import type { LimitName } from "./operationLimits.ts";

const WHAT: Record<LimitName, string> = {
  depth: "is nested deeper than",
  aliases: "uses more aliases than",
  rootFields: "asks for more top-level fields than",
  tokens: "has more tokens than",
  operationsPerRequest: "batches more operations than",
  cost: "has an estimated cost above",
  credentialMutations: "holds more sign-in, sign-up or token-refresh fields than",
};

/** 400, `LIMIT_EXCEEDED`, naming the limit, its value and what the operation measured. */
export function limitExceeded(limit: LimitName, max: number, actual?: number): GraphQLError {
  const measured = actual === undefined ? "" : ` (it measures ${actual})`;
  return new GraphQLError(
    `The operation ${WHAT[limit]} the limit of ${max}${measured}. Split or simplify it.`,
    {
      extensions: {
        code: ErrorCode.LIMIT_EXCEEDED,
        limit,
        max,
        ...(actual === undefined ? {} : { actual }),
        http: { status: 400 },
      },
    },
  );
}
