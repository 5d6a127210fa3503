import {
  buildOperationContext,
  executeQueryPlan,
  type GraphQLDataSource,
  type ServiceMap,
} from "@apollo/gateway";
import type { QueryPlan } from "@apollo/query-planner";
import type { GatewayGraphQLRequestContext } from "@apollo/server-gateway-interface";
import type { Logger } from "@health/platform/logging";
import { CLOSE_CODES } from "@health/platform/server";
import { type ExecutionArgs, type ExecutionResult, GraphQLError, print } from "graphql";
import type { RouterContext } from "../plugins/authContext.ts";
import { EVENT_SERVICE, EventDataSource } from "./eventDataSource.ts";
import { type SharedUpstreams, SlowSubscriberError } from "./sharedUpstreams.ts";
import type { SubscriptionPlanner } from "./subscriptionPlanner.ts";
import type { UpstreamClients } from "./upstreamClients.ts";

export interface FederatedSubscriptionDeps {
  planner: SubscriptionPlanner;
  upstream: UpstreamClients;
  /** Groups identical subscriptions (same caller, document, variables): one upstream, one execution per event. */
  shared: SharedUpstreams<ExecutionResult>;
  /** Unread bytes on a subscriber's socket past which it is disconnected with 4008. */
  maxBufferedBytes: number;
  /** The data sources queries use, keyed by subgraph name (entity fetches per event go through them). */
  serviceMap: ServiceMap;
  /** Each subgraph's HTTP GraphQL URL; its WebSocket URL is the same with ws(s). */
  subgraphUrls: ReadonlyMap<string, string>;
  logger: Logger;
}

function pick(variables: Record<string, unknown>, names: readonly string[] = []): Record<string, unknown> {
  return Object.fromEntries(names.filter((name) => name in variables).map((name) => [name, variables[name]]));
}

/**
 * One client subscription through the router. Identical subscriptions of the same caller share one
 * upstream stream and one execution per event; a subscriber that falls too far behind is disconnected
 * with 4008 instead of buffering without bound.
 */
export function federatedSubscription(
  deps: FederatedSubscriptionDeps,
  args: ExecutionArgs,
): AsyncIterableIterator<ExecutionResult> {
  const context = args.contextValue as RouterContext;
  const query = print(args.document);
  const key = JSON.stringify([
    context.actor?.token ?? null,
    args.operationName ?? null,
    query,
    args.variableValues ?? {},
  ]);
  const events = deps.shared.subscribe(key, () => executeEachEvent(deps, args, query));
  // Hand-written, like SharedUpstreams' streams, so a client leaving ends everything at once.
  const iterator: AsyncIterableIterator<ExecutionResult> = {
    next: async () => {
      try {
        if ((context.connection?.bufferedBytes() ?? 0) > deps.maxBufferedBytes) {
          throw new SlowSubscriberError(deps.maxBufferedBytes, "bytes unread");
        }
        return await events.next();
      } catch (error) {
        if (!(error instanceof SlowSubscriberError)) throw error;
        await events.return?.();
        context.connection?.close(CLOSE_CODES.TOO_SLOW, error.message);
        return { done: true, value: undefined };
      }
    },
    return: async () => {
      await events.return?.();
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}

/**
 * Listens to the owning subgraph over graphql-ws (with the subscriber's own token) and, for each event,
 * runs the rest of the query plan, so fields other subgraphs own are resolved exactly as for a query.
 */
function executeEachEvent(
  deps: FederatedSubscriptionDeps,
  args: ExecutionArgs,
  query: string,
): AsyncIterator<ExecutionResult> {
  const context = args.contextValue as RouterContext;
  const variables = (args.variableValues ?? {}) as Record<string, unknown>;
  const plan = deps.planner.plan(args.document, query, args.operationName);
  const url = deps.subgraphUrls.get(plan.primary.serviceName);
  if (!url) throw new GraphQLError(`No URL for subgraph ${plan.primary.serviceName}`);

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
    request: { query, variables, operationName: args.operationName ?? undefined },
    context,
    logger: deps.logger,
    metrics: {},
    cache: undefined,
  } as unknown as GatewayGraphQLRequestContext;

  const upstream = deps.upstream.client(url).iterate({
    query: plan.primary.operation,
    operationName: plan.primary.operationName,
    variables: pick(variables, plan.primary.variableUsages),
    extensions: context.actor ? { authorization: `Bearer ${context.actor.token}` } : {},
  });
  return {
    next: async () => {
      const next = await upstream.next();
      if (next.done) return { done: true, value: undefined };
      const event = next.value;
      if (!event.data) {
        const errors = (event.errors ?? []).map(
          (e) => new GraphQLError(e.message, { extensions: e.extensions }),
        );
        return { done: false, value: { errors } };
      }
      const serviceMap: ServiceMap = {
        ...deps.serviceMap,
        [EVENT_SERVICE]: new EventDataSource(event as never) as unknown as GraphQLDataSource,
      };
      const result = await executeQueryPlan(
        queryPlan,
        serviceMap,
        requestContext,
        operationContext,
        deps.planner.supergraphGraphQLSchema,
        deps.planner.apiSchema,
      );
      return { done: false, value: result };
    },
    // Completes the upstream operation at once (graphql-ws' iterator honours return() immediately).
    return: async () => {
      await upstream.return?.();
      return { done: true, value: undefined };
    },
  };
}
