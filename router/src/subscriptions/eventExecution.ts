import {
  buildOperationContext,
  executeQueryPlan,
  type GraphQLDataSource,
  type ServiceMap,
} from "@apollo/gateway";
import type { QueryPlan } from "@apollo/query-planner";
import type { GatewayGraphQLRequestContext } from "@apollo/server-gateway-interface";
import type { Logger } from "@health/platform/logging";
import {
  type ExecutionArgs,
  type ExecutionResult,
  type FormattedExecutionResult,
  GraphQLError,
} from "graphql";
import type { RouterContext } from "../routerContext.ts";
import { EVENT_SERVICE, EventDataSource } from "./eventDataSource.ts";
import type { SubscriptionPlan, SubscriptionPlanner } from "./subscriptionPlanner.ts";

export interface EventExecutionDeps {
  planner: SubscriptionPlanner;
  /** The data sources queries use, keyed by subgraph name (entity fetches per event go through them). */
  serviceMap: ServiceMap;
  logger: Logger;
}

/**
 * Runs the rest of a subscription's query plan on each event the owning subgraph pushes, so fields other
 * subgraphs own are resolved exactly as for a query, with `context`'s caller. One per group: the group
 * key guarantees that `context`'s caller stands for every member wherever the plan fetches.
 */
export function eventExecution(
  deps: EventExecutionDeps,
  plan: SubscriptionPlan,
  args: ExecutionArgs,
  query: string,
  context: RouterContext,
): (event: FormattedExecutionResult) => Promise<ExecutionResult> {
  const operationContext = buildOperationContext({
    schema: deps.planner.apiGraphQLSchema,
    operationDocument: args.document,
    operationName: args.operationName ?? undefined,
  });
  const primary = { ...plan.primary, serviceName: EVENT_SERVICE };
  const queryPlan: QueryPlan = {
    kind: "QueryPlan",
    node: plan.rest ? { kind: "Sequence", nodes: [primary, plan.rest] } : primary,
  };
  const requestContext = {
    request: { query, variables: args.variableValues ?? {}, operationName: args.operationName ?? undefined },
    context,
    logger: deps.logger,
    metrics: {},
    cache: undefined,
  } as unknown as GatewayGraphQLRequestContext;

  return async (event) => {
    if (!event.data) {
      const errors = (event.errors ?? []).map(
        (e) => new GraphQLError(e.message, { extensions: e.extensions }),
      );
      return { errors };
    }
    const serviceMap: ServiceMap = {
      ...deps.serviceMap,
      [EVENT_SERVICE]: new EventDataSource(event as never) as unknown as GraphQLDataSource,
    };
    return executeQueryPlan(
      queryPlan,
      serviceMap,
      requestContext,
      operationContext,
      deps.planner.supergraphGraphQLSchema,
      deps.planner.apiSchema,
    );
  };
}
