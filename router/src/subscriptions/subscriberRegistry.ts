import type { Actor } from "@health/platform/auth";
import { ErrorCode } from "@health/platform/errors";
import { CLOSE_CODES, type SubscriberConnection } from "@health/platform/server";
import { type ExecutionArgs, type ExecutionResult, GraphQLError } from "graphql";
import type { RouterContext } from "../routerContext.ts";
import { type SocketLimits, TOO_MANY_CONNECTIONS } from "./socketLimits.ts";
import { whenEnded } from "./whenEnded.ts";

type SubscribeResult = AsyncIterableIterator<ExecutionResult> | ExecutionResult;

/** A socket holding at least one subscription. */
interface HeldSocket {
  connection: SubscriberConnection;
  userId: string;
  sessionId: string;
  subscriptions: number;
}

const SIGNED_OUT = "This session was signed out; sign in again.";

type CapName = "connectionsPerUser" | "subscriptionsPerConnection" | "subscriptionsPerUser";

const CAP_MESSAGES: Record<CapName, (max: number) => string> = {
  connectionsPerUser: (max) => `Your account holds ${max} sockets with subscriptions, the most allowed`,
  subscriptionsPerConnection: (max) =>
    `This socket holds ${max} open subscriptions, the most allowed; complete one first.`,
  subscriptionsPerUser: (max) =>
    `Your account holds ${max} open subscriptions, the most allowed; complete one first.`,
};

const capReached = (limit: CapName, max: number): ExecutionResult => ({
  errors: [
    new GraphQLError(CAP_MESSAGES[limit](max), {
      extensions: { code: ErrorCode.LIMIT_EXCEEDED, limit, max },
    }),
  ],
});

/**
 * The live subscriptions of this router instance, by socket, user and session: caps them (socketLimits.ts)
 * and closes every socket of a session when it is signed out. A socket is known by the actor object its
 * connection was verified as (the router's socket verifier hands each connection an object of its own,
 * which the socket server passes into every operation's context).
 */
export class SubscriberRegistry {
  private readonly sockets = new Map<Actor, HeldSocket>();
  private readonly socketsByUser = new Map<string, Set<HeldSocket>>();
  private readonly subscriptionsByUser = new Map<string, number>();
  private readonly socketsBySession = new Map<string, Set<HeldSocket>>();

  constructor(
    private readonly limits: SocketLimits,
    private readonly isSessionRevoked: (sessionId: string) => Promise<boolean> = async () => false,
  ) {}

  /** Runs `subscribe` within the caps, and keeps the subscription counted until its stream ends. */
  async subscribe(
    args: ExecutionArgs,
    subscribe: (args: ExecutionArgs) => SubscribeResult,
  ): Promise<SubscribeResult> {
    const { actor, connection } = args.contextValue as RouterContext;
    if (!actor || !connection) return subscribe(args);
    // The socket was verified when it opened; a session signed out since may not start anything new.
    if (await this.isSessionRevoked(actor.sessionId)) {
      connection.close(CLOSE_CODES.UNAUTHORIZED, SIGNED_OUT);
      return { errors: [new GraphQLError(SIGNED_OUT, { extensions: { code: ErrorCode.UNAUTHENTICATED } })] };
    }
    const refusal = this.refusal(actor, connection);
    if (refusal) return refusal;
    const socket = this.enter(actor, connection);
    let result: SubscribeResult;
    try {
      result = subscribe(args);
    } catch (error) {
      this.leave(actor, socket);
      throw error;
    }
    if (!(Symbol.asyncIterator in result)) {
      this.leave(actor, socket);
      return result;
    }
    return whenEnded(result, () => this.leave(actor, socket));
  }

  /** Closes every socket of the session with 4401 (it was signed out or revoked). */
  closeSession(sessionId: string): void {
    for (const socket of [...(this.socketsBySession.get(sessionId) ?? [])])
      socket.connection.close(CLOSE_CODES.UNAUTHORIZED, SIGNED_OUT);
  }

  /** The sessions holding subscriptions here, to re-check after revocation announcements may have been missed. */
  sessionIds(): string[] {
    return [...this.socketsBySession.keys()];
  }

  private refusal(actor: Actor, connection: SubscriberConnection): ExecutionResult | null {
    const { limits } = this;
    const socket = this.sockets.get(actor);
    if (!socket && (this.socketsByUser.get(actor.userId)?.size ?? 0) >= limits.connectionsPerUser) {
      connection.close(TOO_MANY_CONNECTIONS, CAP_MESSAGES.connectionsPerUser(limits.connectionsPerUser));
      return capReached("connectionsPerUser", limits.connectionsPerUser);
    }
    if ((socket?.subscriptions ?? 0) >= limits.subscriptionsPerConnection)
      return capReached("subscriptionsPerConnection", limits.subscriptionsPerConnection);
    if ((this.subscriptionsByUser.get(actor.userId) ?? 0) >= limits.subscriptionsPerUser)
      return capReached("subscriptionsPerUser", limits.subscriptionsPerUser);
    return null;
  }

  private enter(actor: Actor, connection: SubscriberConnection): HeldSocket {
    let socket = this.sockets.get(actor);
    if (!socket) {
      socket = { connection, userId: actor.userId, sessionId: actor.sessionId, subscriptions: 0 };
      this.sockets.set(actor, socket);
      addTo(this.socketsByUser, actor.userId, socket);
      addTo(this.socketsBySession, actor.sessionId, socket);
    }
    socket.subscriptions++;
    this.subscriptionsByUser.set(actor.userId, (this.subscriptionsByUser.get(actor.userId) ?? 0) + 1);
    return socket;
  }

  private leave(actor: Actor, socket: HeldSocket): void {
    const userSubscriptions = (this.subscriptionsByUser.get(socket.userId) ?? 1) - 1;
    if (userSubscriptions > 0) this.subscriptionsByUser.set(socket.userId, userSubscriptions);
    else this.subscriptionsByUser.delete(socket.userId);
    if (--socket.subscriptions > 0) return;
    this.sockets.delete(actor);
    removeFrom(this.socketsByUser, socket.userId, socket);
    removeFrom(this.socketsBySession, socket.sessionId, socket);
  }
}

function addTo<T>(map: Map<string, Set<T>>, key: string, value: T): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}

function removeFrom<T>(map: Map<string, Set<T>>, key: string, value: T): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(value);
  if (set.size === 0) map.delete(key);
}
