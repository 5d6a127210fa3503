import type { IncomingMessage, Server } from "node:http";
import {
  type ExecutionArgs,
  type ExecutionResult,
  GraphQLError,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from "graphql";
import { useServer } from "graphql-ws/use/ws";
import type { Logger } from "pino";
import WebSocket, { WebSocketServer } from "ws";
import type { Actor } from "../auth/actor.ts";
import { ROUTER_SIGNATURE_HEADER, type RouterSignatureVerifier } from "../auth/routerSignature.ts";
import { bearerToken, type TokenVerifier } from "../auth/tokenVerifier.ts";
import { AppError } from "../errors/appError.ts";
import { ErrorCode } from "../errors/errorCode.ts";
import { subscribeWithDismissals } from "./dismissal.ts";
import { DocumentCache } from "./documentCache.ts";
import { nextMessageHead, nextMessageTail, writeNextFrame } from "./nextFrames.ts";
import { endAtExpiry } from "./operationExpiry.ts";
import {
  ANNOUNCE_SCOPE,
  prepend,
  presenceOf,
  scopeAnnouncement,
  VISIBILITY_SCOPE_EXTENSION,
  visibilityScopeOf,
} from "./visibilityScope.ts";

/** The largest message a client may send, as large as an HTTP request body may be. */
const MAX_MESSAGE_BYTES = 1024 * 1024;

/** graphql-ws close codes a client can act on. */
export const CLOSE_CODES = {
  /** No token, a bad one, or one that expired while connected: refresh it and reconnect. */
  UNAUTHORIZED: 4401,
  /** The client did not keep up with its events: reconnect (and catch up where the API allows). */
  TOO_SLOW: 4008,
  /** WebSocket's "try again later": the token could not be checked now (UNAVAILABLE; Redis down). */
  TRY_AGAIN_LATER: 1013,
} as const;

export interface SubscriberConnection {
  close(code: number, reason: string): void;
  /** Bytes written to the socket that the client has not taken yet. */
  bufferedBytes(): number;
  /**
   * Writes a graphql-ws `next` message for this operation ending in `payload`, an ExecutionResult
   * serialized (its errors formatted) and encoded once for every subscriber it goes to
   * (`serializeNextPayload`). `written` runs when the socket has taken the bytes. False when the socket
   * is no longer open.
   */
  sendNext(payload: Buffer, written: (error?: Error | null) => void): boolean;
}

export interface SubscriptionServerOptions<TContext> {
  httpServer: Server;
  path: string;
  schema: GraphQLSchema;
  verifier: TokenVerifier;
  /** A subgraph's socket: the upgrade request must be router-signed, else it is refused with 401. Default: open. */
  routerSignature?: RouterSignatureVerifier;
  logger: Logger;
  /** Builds the per-operation context from the connection's verified actor; `connection.close` ends the socket. */
  context(actor: Actor | null, connection: SubscriberConnection): TContext | Promise<TContext>;
  formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError;
  /**
   * Replaces graphql-js `subscribe` (the router plans and federates instead). Default: graphql-js's,
   * ending one subscriber's stream on a `Dismissal` (dismissal.ts).
   */
  subscribe?: (args: ExecutionArgs) => OperationResult;
  /** Closes a connection that brings no token with 4401 (the router's public socket). Default: anonymous allowed. */
  requireToken?: boolean;
  /** Replaces graphql-js `execute` for queries and mutations sent over the socket. Default: graphql-js. */
  execute?: (args: ExecutionArgs) => OperationResult;
}

/**
 * Serializes a result for `SubscriberConnection.sendNext`, formatting its errors as the server does:
 * the shared tail of its `next` messages (nextFrames.ts), encoded once for every socket it goes to.
 */
export function serializeNextPayload(
  result: ExecutionResult,
  formatError: SubscriptionServerOptions<unknown>["formatError"],
): Buffer {
  return nextMessageTail(
    JSON.stringify(
      result.errors
        ? { ...result, errors: result.errors.map((error) => formatError(error.toJSON(), error)) }
        : result,
    ),
  );
}

type OperationResult =
  | Promise<AsyncGenerator<ExecutionResult> | AsyncIterable<ExecutionResult> | ExecutionResult>
  | AsyncGenerator<ExecutionResult>
  | AsyncIterable<ExecutionResult>
  | ExecutionResult;

type ConnectionExtra = {
  actor?: Actor | null;
  expiryTimer?: NodeJS.Timeout;
  /** Callers of single operations on a shared connection (the router's), by operation id. */
  operationActors?: Map<string, Actor>;
};

/** The token from `connectionParams` (`authorization` / `Authorization`, with or without "Bearer "). */
function tokenFromParams(params: Readonly<Record<string, unknown>> | undefined): string | null {
  const value = params?.authorization ?? params?.Authorization;
  if (typeof value !== "string" || !value.trim()) return null;
  return bearerToken(value) ?? value.trim();
}

/**
 * graphql-ws on the same HTTP server and path as queries. The connection is authenticated once from
 * `connectionParams`; anonymous connections are allowed (resolvers decide), a bad token closes the socket
 * with 4401, and so does the token expiring while the socket is open.
 */
export function attachSubscriptionServer<TContext>(options: SubscriptionServerOptions<TContext>): {
  close(): Promise<void>;
} {
  // ws accepts 100 MiB messages by default; a subscribe message is a document and its variables.
  const wsServer = new WebSocketServer({
    server: options.httpServer,
    path: options.path,
    maxPayload: MAX_MESSAGE_BYTES,
    // Uncompressed frames are what lets sendNext write shared frames under ws (nextFrames.ts).
    perMessageDeflate: false,
    ...(options.routerSignature
      ? { verifyClient: signedUpgrade(options.routerSignature, options.logger) }
      : {}),
  });
  const documents = new DocumentCache(options.schema);
  // Contexts of operations whose caller asked for the visibility scope to be announced first.
  const announcing = new WeakSet<object>();
  // Contexts of operations authorized by a token of their own, with that token's expiry.
  const operationExpiry = new WeakMap<object, Date>();
  // Who each operation serves, for a Dismissal of a private stream.
  const subscriberOf = new WeakMap<object, string>();
  const subscribe =
    options.subscribe ??
    ((args: ExecutionArgs) => {
      const context = args.contextValue as object;
      return subscribeWithDismissals(args, {
        subscriberId: () => subscriberOf.get(context) ?? null,
        shared: () => announcing.has(context) && visibilityScopeOf(context) !== null,
        formatError: options.formatError,
      });
    });
  const disposable = useServer<Record<string, unknown>, ConnectionExtra>(
    {
      schema: options.schema,
      subscribe: async (args) => {
        const result = await subscribe(args);
        const context = args.contextValue as object;
        const expiresAt = operationExpiry.get(context);
        if ((!announcing.has(context) && !expiresAt) || !(Symbol.asyncIterator in Object(result)))
          return result;
        const stream = (result as AsyncIterable<ExecutionResult>)[Symbol.asyncIterator]();
        const scope = announcing.has(context) ? visibilityScopeOf(context) : null;
        // A stream shared across callers outlives the token it was opened with, by design: each member
        // was admitted with its own token, whose expiry the router enforces (router/src/subscriptions).
        const bounded = expiresAt && scope === null ? endAtExpiry(stream, expiresAt) : stream;
        if (announcing.has(context)) return prepend(scopeAnnouncement(scope, presenceOf(context)), bounded);
        // Not announcing, so `expiresAt` was set above and `bounded` is endAtExpiry's iterator.
        return bounded as AsyncIterableIterator<ExecutionResult>;
      },
      ...(options.execute ? { execute: options.execute } : {}),
      onConnect: async (ctx) => {
        const token = tokenFromParams(ctx.connectionParams);
        const extra = ctx.extra as ConnectionExtra & typeof ctx.extra;
        // Nothing reads the upgrade request after this; holding it costs every open socket a few KiB.
        (extra as { request?: unknown }).request = undefined;
        if (!token) {
          if (options.requireToken) {
            ctx.extra.socket.close(CLOSE_CODES.UNAUTHORIZED, "Sign in: send connectionParams.authorization");
            return false;
          }
          extra.actor = null;
          return true;
        }
        try {
          const actor = await options.verifier.verify(token);
          extra.actor = actor;
          extra.expiryTimer = setTimeout(
            () =>
              ctx.extra.socket.close(
                CLOSE_CODES.UNAUTHORIZED,
                "Access token expired: refresh it and reconnect",
              ),
            Math.max(actor.expiresAt.getTime() - Date.now(), 0),
          );
          return true;
        } catch (error) {
          const reason = error instanceof Error ? error.message : "Invalid access token";
          const unavailable = error instanceof AppError && error.code === ErrorCode.UNAVAILABLE;
          ctx.extra.socket.close(
            unavailable ? CLOSE_CODES.TRY_AGAIN_LATER : CLOSE_CODES.UNAUTHORIZED,
            reason.slice(0, 120),
          );
          return false;
        }
      },
      // A connection shared by many callers (the router's to a subgraph) names each operation's caller
      // in the subscribe message's `extensions.authorization`; that token is verified like any other.
      onSubscribe: async (ctx, id, payload) => {
        const token = tokenFromParams(payload.extensions ?? undefined);
        if (token) {
          try {
            const extra = ctx.extra as ConnectionExtra;
            extra.operationActors ??= new Map();
            extra.operationActors.set(id, await options.verifier.verify(token));
          } catch (error) {
            const message = error instanceof Error ? error.message : "Invalid access token";
            return [new GraphQLError(message, { extensions: { code: "UNAUTHENTICATED" } })];
          }
        }
        const cached = documents.get(payload.query);
        if ("errors" in cached) return [...cached.errors];
        return {
          schema: options.schema,
          document: cached.document,
          operationName: payload.operationName,
          variableValues: payload.variables,
        };
      },
      onComplete: (ctx, id) => {
        (ctx.extra as ConnectionExtra).operationActors?.delete(id);
      },
      onDisconnect: (ctx) => clearTimeout((ctx.extra as ConnectionExtra).expiryTimer),
      onClose: (ctx) => clearTimeout((ctx.extra as ConnectionExtra).expiryTimer),
      context: async (ctx, id, payload) => {
        const socket = ctx.extra.socket;
        const head = nextMessageHead(id);
        const operationActor = (ctx.extra as ConnectionExtra).operationActors?.get(id);
        const context = await options.context(
          operationActor ?? (ctx.extra as ConnectionExtra).actor ?? null,
          {
            close: (code, reason) => socket.close(code, reason),
            bufferedBytes: () => socket.bufferedAmount,
            sendNext: (payload, written) => {
              if (socket.readyState !== WebSocket.OPEN) return false;
              writeNextFrame(socket, head, payload, written);
              return true;
            },
          },
        );
        if (payload.extensions?.[VISIBILITY_SCOPE_EXTENSION] === ANNOUNCE_SCOPE) {
          announcing.add(context as object);
        }
        if (operationActor) operationExpiry.set(context as object, operationActor.expiresAt);
        const subscriber = operationActor ?? (ctx.extra as ConnectionExtra).actor;
        if (subscriber) subscriberOf.set(context as object, subscriber.userId);
        return context as never;
      },
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors
          ? {
              ...result,
              errors: result.errors.map((error) => options.formatError(error.toJSON(), error)) as never,
            }
          : result,
    },
    wsServer,
  );
  return {
    close: async () => {
      await disposable.dispose();
      await new Promise<void>((resolve) => wsServer.close(() => resolve()));
    },
  };
}

type VerifyClient = NonNullable<ConstructorParameters<typeof WebSocketServer>[0]>["verifyClient"];

/** The upgrade request is signed as a GET with no body; a refusal is a plain HTTP 401 naming why. */
function signedUpgrade(verifier: RouterSignatureVerifier, logger: Logger): VerifyClient {
  return (
    { req }: { req: IncomingMessage },
    done: (ok: boolean, code?: number, message?: string) => void,
  ) => {
    const header = req.headers[ROUTER_SIGNATURE_HEADER];
    const checked = verifier.check(typeof header === "string" ? header : undefined, {
      method: req.method ?? "GET",
      path: req.url ?? "/",
      body: "",
      authorization: req.headers.authorization,
    });
    if (checked.ok) return done(true);
    logger.warn(
      { ip: req.socket.remoteAddress, reason: checked.reason },
      "refused a WebSocket without a valid router signature",
    );
    done(false, 401, checked.reason);
  };
}
