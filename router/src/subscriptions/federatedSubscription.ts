import type { RouterSigner } from "@health/platform/auth";
import { presenceRedisKey } from "@health/platform/redis";
import {
  ANNOUNCE_SCOPE,
  announcedPresence,
  announcedScope,
  dismissalOf,
  serializeNextPayload,
  VISIBILITY_SCOPE_EXTENSION,
} from "@health/platform/server";
import { inSpan, SpanKind } from "@health/platform/tracing";
import {
  type ExecutionArgs,
  type ExecutionResult,
  GraphQLError,
  type GraphQLFormattedError,
  getOperationAST,
} from "graphql";
import { subgraphFailure } from "../execution/subgraphFailure.ts";
import type { RouterContext } from "../routerContext.ts";
import { CALLER_INDEPENDENT_FIELDS } from "./callerIndependentFields.ts";
import { type EventExecutionDeps, eventExecution } from "./eventExecution.ts";
import { callerGroupKey, mayShareAcrossCallers, type OperationIdentity, scopeGroupKey } from "./groupKey.ts";
import { type DeliveryLimits, GroupMember } from "./groupMember.ts";
import { printedDocuments } from "./printedDocuments.ts";
import { type GroupSignal, type MemberPresence, SubscriptionGroups } from "./subscriptionGroups.ts";
import type { SubscriptionPlan } from "./subscriptionPlanner.ts";
import { UpstreamClients } from "./upstreamClients.ts";

export interface FederatedSubscriptionsOptions extends EventExecutionDeps {
  /** Each subgraph's HTTP GraphQL URL; its WebSocket URL is the same with ws(s). */
  subgraphUrls: ReadonlyMap<string, string>;
  limits: DeliveryLimits;
  /** Signs the upstream WebSocket connections. Default: unsigned. */
  signer?: RouterSigner;
  /** Each subgraph's request timeout (by name); the upstream WebSocket's handshake, ack and pongs get as long. */
  timeoutMsOf: (serviceName: string) => number;
  /**
   * Entity fields (`Type.field`) every caller sees the same, which callers sharing a group may have
   * resolved once, anonymously. Default CALLER_INDEPENDENT_FIELDS.
   */
  callerIndependentFields?: readonly string[];
  /** Where members are counted under their subgraph's presence keys (none: not counted). */
  presence?: MemberPresence;
  /** Formats the errors of an event once for its whole group (as the socket server would per message). */
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
}

export interface FederatedSubscriptions {
  /** graphql-ws' `subscribe` for the router. */
  subscribe(args: ExecutionArgs): AsyncIterableIterator<ExecutionResult>;
  groups: SubscriptionGroups;
  close(): Promise<void>;
}

/**
 * graphql-ws rejects with the socket's close or error event (or a system error, ECONNREFUSED) when the
 * connection goes; GraphQL errors from the subgraph come as an array and are not a loss.
 */
function isConnectionLoss(error: unknown): boolean {
  if (Array.isArray(error) || typeof error !== "object" || error === null) return false;
  const { type, code } = error as { type?: unknown; code?: unknown };
  return type === "close" || type === "error" || typeof code === "string";
}

function pick(variables: Record<string, unknown>, names: readonly string[] = []): Record<string, unknown> {
  return Object.fromEntries(names.filter((name) => name in variables).map((name) => [name, variables[name]]));
}

/**
 * Client subscriptions through the router, in groups of identical ones (README.md beside this file): one
 * upstream operation and one execution per event for each group, the event's bytes serialized once and
 * written to every member's socket. A member that falls too far behind is disconnected with 4008.
 */
export function createFederatedSubscriptions(options: FederatedSubscriptionsOptions): FederatedSubscriptions {
  const groups = new SubscriptionGroups(options.presence);
  const upstream = new UpstreamClients({ signer: options.signer });
  const queryOf = printedDocuments();
  const callerIndependent = new Set(options.callerIndependentFields ?? CALLER_INDEPENDENT_FIELDS);

  function source(
    plan: SubscriptionPlan,
    args: ExecutionArgs,
    operation: OperationIdentity,
    context: RouterContext,
  ): AsyncIterator<GroupSignal> {
    const url = options.subgraphUrls.get(plan.primary.serviceName);
    if (!url) throw new GraphQLError(`No URL for subgraph ${plan.primary.serviceName}`);
    const shareable = mayShareAcrossCallers(plan, callerIndependent);
    const serviceName = plan.primary.serviceName;
    const events = upstream
      .client(url, options.timeoutMsOf(serviceName))
      .iterate<Record<string, unknown>, Record<string, unknown>>({
        query: plan.primary.operation,
        operationName: plan.primary.operationName,
        variables: pick(operation.variables, plan.primary.variableUsages),
        extensions: {
          ...(context.actor ? { authorization: `Bearer ${context.actor.token}` } : {}),
          // Asked even when the plan cannot be shared: the announcement also names the presence key.
          [VISIBILITY_SCOPE_EXTENSION]: ANNOUNCE_SCOPE,
        },
      });
    // The group's caller for entity fetches; the key makes it stand for every member (groupKey.ts). A
    // group that may be shared fetches only caller-independent fields, and does so anonymously, so no
    // member's token (which may expire or be revoked while others stay) serves the others.
    const execute = eventExecution(
      options,
      plan,
      args,
      operation.query,
      shareable
        ? { ...context, actor: null, partner: null, connection: undefined }
        : { ...context, connection: undefined },
    );
    let expectAnnouncement = true;
    let lost = false;
    return {
      next: async () => {
        if (lost) return { done: true, value: undefined };
        let next: Awaited<ReturnType<typeof events.next>>;
        try {
          next = await events.next();
        } catch (error) {
          if (!isConnectionLoss(error)) throw error;
          // Completed, not resumed: events published while it was away are gone for this stream.
          lost = true;
          options.logger.warn({ subgraph: serviceName }, "upstream subscription lost; subscribers told");
          const failure = subgraphFailure(serviceName, "connection-lost");
          return {
            done: false,
            value: { payload: serializeNextPayload({ errors: [failure] }, options.formatError) },
          };
        }
        if (next.done) return { done: true, value: undefined };
        if (expectAnnouncement) {
          expectAnnouncement = false;
          const scope = announcedScope(next.value);
          if (scope !== undefined) {
            const key =
              scope === null || !shareable
                ? callerGroupKey(context.actor, operation)
                : scopeGroupKey(serviceName, scope, operation);
            const presence = announcedPresence(next.value);
            return {
              done: false,
              value: { rekey: key, presence: presence ? presenceRedisKey(serviceName, presence) : null },
            };
          }
        }
        const dismissed = dismissalOf(next.value);
        if (dismissed) {
          // As other subgraph errors reach clients: the subgraph's message and code, and which subgraph.
          const errors = dismissed.errors.map(
            (error) => new GraphQLError(error.message, { extensions: { ...error.extensions, serviceName } }),
          );
          const payload = serializeNextPayload({ errors }, options.formatError);
          return { done: false, value: { dismiss: dismissed.userId, payload } };
        }
        // A trace per event, not one under the first subscriber's: the rest of the plan (the gateway's
        // fetches) runs once for every member of the group.
        const result = await inSpan(
          "router",
          `subscription event ${spanNameOf(args)}`,
          { kind: SpanKind.CONSUMER, root: true, attributes: { "graphql.operation.type": "subscription" } },
          () => execute(next.value),
        );
        return { done: false, value: { payload: serializeNextPayload(result, options.formatError) } };
      },
      // Completes the upstream operation at once (graphql-ws' iterator honours return() immediately).
      return: async () => {
        await events.return?.();
        return { done: true, value: undefined };
      },
    };
  }

  return {
    groups,
    subscribe: (args) => {
      const context = args.contextValue as RouterContext;
      const { connection } = context;
      if (!connection) throw new Error("Subscriptions are served over the WebSocket only");
      const query = queryOf(args.document);
      const operation: OperationIdentity = {
        operationName: args.operationName ?? null,
        query,
        variables: (args.variableValues ?? {}) as Record<string, unknown>,
      };
      const name = spanNameOf(args);
      const attributes = { "graphql.operation.type": "subscription", "graphql.operation.name": name };
      return inSpan("router", `subscribe ${name}`, { kind: SpanKind.SERVER, attributes }, () => {
        const plan = options.planner.plan(args.document, query, args.operationName);
        const member = new GroupMember(context.actor?.userId ?? null, connection, options.limits, (left) =>
          groups.leave(left),
        );
        // Every subscriber starts in its own caller's group; the owning subgraph's announcement may then
        // move it into a group shared across callers.
        groups.join(callerGroupKey(context.actor, operation), member, () =>
          source(plan, args, operation, context),
        );
        return member.stream();
      });
    },
    close: () => upstream.close(),
  };
}

/** The operation's name for spans: as sent, else as written in the document (clients often send only the document). */
const spanNameOf = (args: ExecutionArgs): string =>
  args.operationName ?? getOperationAST(args.document)?.name?.value ?? "anonymous";
