import { type Actor, hasRole } from "@health/platform/auth";
import { forbidden, notFound } from "@health/platform/errors";
import { replayThenLive, uuidArg } from "@health/platform/graphql";
import type { TradeDeps } from "../../deps.ts";
import type { CoachProfile } from "../../generated/prisma/client.ts";
import { type CoachRules, matchesRules } from "../matching/rules.ts";
import {
  ORDER_AVAILABLE,
  ORDER_UPDATED,
  type OrderAvailableMessage,
  type OrderUpdatedMessage,
} from "./notifications.ts";
import { missedNotifications, type Replay } from "./replay.ts";
import { acquireReplayLease } from "./replayLock.ts";

const isOrderAvailable = (value: unknown): value is OrderAvailableMessage =>
  typeof value === "object" && value !== null && typeof (value as OrderAvailableMessage).id === "string";

/**
 * `orderAvailable(after)`: new OPEN orders matching the coach's rules (read once, at subscribe time).
 * The live part does not drop the coach's own orders: it is shared by every coach with equal rules
 * (orderAvailableScope), so it cannot depend on who the coach is; grabbing one's own order is refused.
 *
 * A resume (`after`) holds the coach's replay lease while it reads what was missed (one in flight per
 * coach) and replays at most REPLAY_LIMIT. Seam-safe: the live subject is subscribed (and flushed to
 * the server) BEFORE the replay is read, so nothing published meanwhile is lost; a live notification
 * that the replay already delivered is dropped by id, so nothing is delivered twice. When more were
 * missed than one page holds, the stream ends after the page and the client resumes from its last id.
 */
export async function openOrderAvailableStream(
  deps: TradeDeps,
  actor: Actor,
  coach: CoachProfile | null,
  after: string | null,
  now: Date,
  onRedisDown: (error: unknown) => void,
): Promise<AsyncIterableIterator<OrderAvailableMessage>> {
  if (!hasRole(actor, "coach")) throw forbidden("orderAvailable is for coaches (role coach).");
  if (!coach) throw forbidden("Set your coach profile (setCoachProfile) to receive matching orders.");
  const rules: CoachRules = coach;
  const resumeFrom = after ? uuidArg(after, "after") : null;
  const lease = resumeFrom ? await acquireReplayLease(deps.redis, actor.userId, onRedisDown) : null;
  let live: AsyncIterableIterator<unknown> | null = null;
  let replay: Replay = { notifications: [], complete: true };
  try {
    live = deps.pubSub.subscribe(ORDER_AVAILABLE);
    await deps.pubSub.flush();
    if (resumeFrom) replay = await missedNotifications(deps, coach, resumeFrom, now);
  } catch (error) {
    await live?.return?.();
    throw error;
  } finally {
    await lease?.release();
  }
  if (!replay.complete) {
    await live.return?.();
    live = null;
  }
  const delivered = new Set(replay.notifications.map((n) => n.id));
  if (resumeFrom) delivered.add(resumeFrom);
  return replayThenLive(replay.notifications, live, (message) =>
    isOrderAvailable(message) && !delivered.has(message.id) && matchesRules(message.order, rules)
      ? message
      : null,
  );
}

/**
 * Which `orderAvailable` subscribers receive the same events with the same fields (the router then runs
 * one stream for all of them): coaches whose rules were equal when they subscribed, since the stream
 * filters with those rules and every field under it comes from the order itself. A resume (`after`)
 * replays what this one subscriber missed, so it shares with nobody.
 */
export const orderAvailableScope = (rules: CoachRules, after: string | null): string | null =>
  after
    ? null
    : `coach-rules:${JSON.stringify([[...rules.specialties].sort(), [...rules.regions].sort(), rules.level])}`;

/** Every subscriber admitted to `orderUpdated(orderId)` (its customer, its coach) sees the same updates. */
export const ORDER_UPDATED_SCOPE = "order-parties";

/** `orderUpdated(orderId)`: every state change of one order, for its customer and its assigned coach. */
export async function openOrderUpdatedStream(
  deps: TradeDeps,
  actor: Actor,
  orderId: string,
): Promise<AsyncIterableIterator<OrderUpdatedMessage>> {
  const id = uuidArg(orderId, "orderId");
  const order = await deps.db.serviceOrder.findUnique({ where: { id } });
  if (!order) throw notFound("Service order", id);
  if (actor.userId !== order.customerId && actor.userId !== order.coachId) {
    throw forbidden(`Only the customer and the assigned coach of order ${id} can follow it.`);
  }
  const live = deps.pubSub.subscribe(ORDER_UPDATED, id);
  await deps.pubSub.flush();
  return replayThenLive<OrderUpdatedMessage>([], live, (message) => {
    const update = message as OrderUpdatedMessage | null;
    return update?.order?.id === id ? update : null;
  });
}
