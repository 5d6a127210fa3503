import type { ApolloServerPlugin } from "@apollo/server";
import type { RequestHandler, Response } from "express";
import type { GraphQLError } from "graphql";
import { Counter, type Registry } from "prom-client";

export type RefusalCounter = Counter<"code" | "reason">;

/** `router_refusals_total{code, reason}`: what the router turned away itself, so an operator sees abuse and tight limits. */
export function createRefusalCounter(registry: Registry): RefusalCounter {
  return new Counter({
    name: "router_refusals_total",
    help: "Requests and operations the router refused before planning, by error code and limit",
    labelNames: ["code", "reason"],
    registers: [registry],
  });
}

const labelsOf = (error: Pick<GraphQLError, "extensions">) => ({
  code: String(error.extensions?.code ?? "UNKNOWN"),
  reason: String(error.extensions?.limit ?? ""),
});

/** Middleware that refuses a request records why here; `countRefusals` counts it once the answer is sent. */
export function recordRefusal(res: Response, error: Pick<GraphQLError, "extensions">): void {
  res.locals.refusal = labelsOf(error);
}

export function countRefusals(counter: RefusalCounter): RequestHandler {
  return (_req, res, next) => {
    res.on("finish", () => {
      const refusal = res.locals.refusal as ReturnType<typeof labelsOf> | undefined;
      if (refusal) counter.inc(refusal);
    });
    next();
  };
}

// Router-made refusals after parsing (limits, credential budget, production introspection) carry no
// path; errors that come back from subgraphs always do, and are the subgraphs' own to count.
const REFUSAL_CODES: ReadonlySet<string> = new Set(["LIMIT_EXCEEDED", "RATE_LIMITED", "FORBIDDEN"]);

/** Counts the refusals Apollo Server answers (thrown by the router's plugins before planning). */
export function refusalMetricsPlugin(counter: RefusalCounter): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors)
            if (!error.path && REFUSAL_CODES.has(String(error.extensions?.code)))
              counter.inc(labelsOf(error));
        },
      };
    },
  };
}
